/** One emulated Jira Cloud site: its metadata, issues and counters, with lookups used by every route. */
import { DEFAULT_CUSTOM_FIELDS, DEFAULT_ISSUE_TYPES, DEFAULT_LINK_TYPES, DEFAULT_PRIORITIES, WORKFLOW_TEMPLATES, type CustomFieldSeed, type WorkflowTemplateName } from './defaults';
import type {
  AttachmentRecord, CommentRecord, ComponentRecord, CustomFieldRecord, IssueRecord, IssueTypeRecord, LinkRecord, LinkTypeRecord,
  PriorityRecord, ProjectRecord, StatusRecord, UserRecord, VersionRecord, WorkflowRecord,
} from './types';
import type { Clock } from '../clock';
import { EventBus } from '../events';

export interface SiteOptions {
  /** Site name, the first path segment of its base URL (`alpha` → `http://host/alpha`). */
  name: string;
  /** First numeric id of issues, comments, etc.; different per site so ids never agree by accident. */
  idBase?: number;
  /** First custom field number (`customfield_<n>`); different per site, as on real sites. */
  customFieldBase?: number;
  /** Custom field seeds in the order their ids are allocated; defaults to DEFAULT_CUSTOM_FIELDS. */
  customFields?: CustomFieldSeed[];
  users?: UserRecord[];
}

/** A site's private id counters; snapshots carry them so ids allocated after a restore never collide. */
export interface SiteCounters {
  nextId: number;
  nextCustomFieldNumber: number;
  nextTransitionId: number;
}

/** The app's own account (Lockstep's Forge app user). Atlassian accounts are global: same id on every site. */
export const APP_ACCOUNT_ID = '712020:0b1d5c3e-7a4f-4c8e-9f21-1ab2c3d4e5f6';

export class Site {
  readonly name: string;
  readonly cloudId: string;
  /** Set by the emulator once it knows where it is served. */
  baseUrl = '';
  readonly users = new Map<string, UserRecord>();
  readonly projects = new Map<string, ProjectRecord>();
  readonly issueTypes = new Map<string, IssueTypeRecord>();
  readonly statuses = new Map<string, StatusRecord>();
  readonly workflows = new Map<string, WorkflowRecord>();
  readonly priorities = new Map<string, PriorityRecord>();
  readonly linkTypes = new Map<string, LinkTypeRecord>();
  readonly customFields = new Map<string, CustomFieldRecord>();
  readonly components = new Map<string, ComponentRecord>();
  readonly versions = new Map<string, VersionRecord>();
  readonly issues = new Map<string, IssueRecord>();
  readonly issueIdByKey = new Map<string, string>();
  readonly comments = new Map<string, CommentRecord>();
  readonly attachments = new Map<string, AttachmentRecord>();
  readonly links = new Map<string, LinkRecord>();
  readonly events: EventBus;
  private nextId: number;
  private nextCustomFieldNumber: number;
  private nextTransitionId = 11;

  constructor(options: SiteOptions, readonly clock: Clock) {
    this.name = options.name;
    this.cloudId = cloudIdFor(options.name);
    this.nextId = options.idBase ?? 10000;
    this.nextCustomFieldNumber = options.customFieldBase ?? 10010;
    this.events = new EventBus(this);
    for (const p of DEFAULT_PRIORITIES) this.priorities.set(p.id, { ...p });
    for (const l of DEFAULT_LINK_TYPES) this.linkTypes.set(l.id, { ...l });
    for (const t of DEFAULT_ISSUE_TYPES) this.addIssueType(t);
    for (const f of options.customFields ?? DEFAULT_CUSTOM_FIELDS) this.addCustomField(f);
    this.addUser({ accountId: APP_ACCOUNT_ID, accountType: 'app', displayName: 'Lockstep', emailAddress: null, apiToken: null, active: true, timeZone: 'UTC', siteAdmin: false });
    for (const u of options.users ?? []) this.addUser(u);
  }

  /** Allocates the next numeric id, shared by every kind of record as Jira's are unique enough per kind. */
  allocateId(): string {
    return String(this.nextId++);
  }

  /** The id counters, for snapshots (sandbox/jira/persist.ts). */
  counters(): SiteCounters {
    return { nextId: this.nextId, nextCustomFieldNumber: this.nextCustomFieldNumber, nextTransitionId: this.nextTransitionId };
  }

  /** Sets the id counters when restoring a snapshot; the snapshot's checks ensure they lie above every id in use. */
  restoreCounters(counters: SiteCounters): void {
    this.nextId = counters.nextId;
    this.nextCustomFieldNumber = counters.nextCustomFieldNumber;
    this.nextTransitionId = counters.nextTransitionId;
  }

  addUser(user: UserRecord): UserRecord {
    this.users.set(user.accountId, { ...user });
    return user;
  }

  addIssueType(seed: Omit<IssueTypeRecord, 'id'>): IssueTypeRecord {
    const record = { ...seed, id: this.allocateId() };
    this.issueTypes.set(record.id, record);
    return record;
  }

  addCustomField(seed: CustomFieldSeed): CustomFieldRecord {
    const numericId = this.nextCustomFieldNumber++;
    const record: CustomFieldRecord = {
      id: `customfield_${numericId}`,
      numericId,
      name: seed.name,
      description: seed.description,
      kind: seed.kind,
      options: (seed.options ?? []).map((value) => ({ id: this.allocateId(), value, disabled: false })),
    };
    this.customFields.set(record.id, record);
    return record;
  }

  statusByName(name: string): StatusRecord | undefined {
    return [...this.statuses.values()].find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  /** Creates (or reuses by name) the statuses of a template and a workflow over them. */
  addWorkflow(template: WorkflowTemplateName, name?: string): WorkflowRecord {
    const t = WORKFLOW_TEMPLATES[template];
    const ids = new Map<string, string>();
    for (const s of t.statuses) {
      const existing = this.statusByName(s.name);
      const status = existing ?? { id: this.allocateId(), name: s.name, category: s.category };
      if (!existing) this.statuses.set(status.id, status);
      ids.set(s.name, status.id);
    }
    const idOf = (n: string): string => ids.get(n) ?? fail(`workflow template ${template} names unknown status ${n}`);
    const workflow: WorkflowRecord = {
      id: this.allocateId(),
      name: name ?? t.name,
      initialStatusId: idOf(t.statuses[0]!.name),
      statusIds: [...ids.values()],
      transitions: t.transitions.map((tr) => ({ id: String((this.nextTransitionId += 10) - 10), name: tr.name, from: tr.from.map(idOf), to: idOf(tr.to) })),
    };
    this.workflows.set(workflow.id, workflow);
    return workflow;
  }

  /** Creates a project with its own workflow; all issue types of the site are available in it. */
  addProject(input: { key: string; name: string; description?: string; template?: WorkflowTemplateName; leadAccountId: string; members?: string[] | 'everyone'; admins?: string[] }): ProjectRecord {
    if (!/^[A-Z][A-Z0-9]{1,9}$/.test(input.key)) throw new Error(`invalid project key ${input.key}`);
    if (this.projectByKey(input.key)) throw new Error(`project ${input.key} already exists on ${this.name}`);
    const template = input.template ?? 'software';
    const workflow = this.addWorkflow(template, `${input.key}: ${WORKFLOW_TEMPLATES[template].name}`);
    const project: ProjectRecord = {
      id: this.allocateId(),
      key: input.key,
      name: input.name,
      description: input.description ?? '',
      projectTypeKey: template === 'service' ? 'service_desk' : 'software',
      leadAccountId: input.leadAccountId,
      issueTypeIds: [...this.issueTypes.values()].filter((t) => template === 'service' || t.name !== 'Support request').map((t) => t.id),
      workflowId: workflow.id,
      members: input.members === undefined || input.members === 'everyone' ? 'everyone' : new Set(input.members),
      admins: new Set(input.admins ?? [input.leadAccountId]),
      nextIssueNumber: 1,
    };
    this.projects.set(project.id, project);
    return project;
  }

  projectByKey(key: string): ProjectRecord | undefined {
    return [...this.projects.values()].find((p) => p.key.toUpperCase() === key.toUpperCase());
  }

  /** A project by id or key, as Jira's `{projectIdOrKey}` parameters accept. */
  project(idOrKey: string): ProjectRecord | undefined {
    return this.projects.get(idOrKey) ?? this.projectByKey(idOrKey);
  }

  /** An issue by id or key (keys are case-insensitive in Jira). */
  issue(idOrKey: string): IssueRecord | undefined {
    const byId = this.issues.get(idOrKey);
    if (byId) return byId;
    const id = this.issueIdByKey.get(idOrKey.toUpperCase());
    return id === undefined ? undefined : this.issues.get(id);
  }

  workflowOf(project: ProjectRecord): WorkflowRecord {
    return this.workflows.get(project.workflowId) ?? fail(`project ${project.key} has no workflow`);
  }

  userByEmail(email: string): UserRecord | undefined {
    const e = email.toLowerCase();
    return [...this.users.values()].find((u) => u.emailAddress?.toLowerCase() === e);
  }

  issuesOf(projectId: string): IssueRecord[] {
    return [...this.issues.values()].filter((i) => i.projectId === projectId);
  }

  now(): number {
    return this.clock.now();
  }
}

function fail(message: string): never {
  throw new Error(message);
}

/** A stable, UUID-shaped cloud id derived from the site name so restarts keep it. */
export function cloudIdFor(name: string): string {
  let h = 0x811c9dc5;
  const hex: string[] = [];
  for (let round = 0; round < 4; round++) {
    for (const ch of `${round}:${name}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    hex.push(h.toString(16).padStart(8, '0'));
  }
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-4${s.slice(13, 16)}-a${s.slice(17, 20)}-${s.slice(20, 32)}`;
}
