/** Creating an issue: project, type, parent and field validation, then the record, its history and the event. */
import type { Site } from '../model/site';
import type { IssueRecord, ProjectRecord, UserRecord } from '../model/types';
import { DEFAULT_PRIORITY_ID } from '../model/defaults';
import { JiraHttpError, fieldErrors } from '../http/errors';
import { hasProjectPermission } from '../permissions';
import { applyFieldInput } from './input';
import { issueEventPayload } from './payload';
import { JiraEventType } from '../events';
import { isRecord } from '../http/json';
import { MAX_PROPERTY_BYTES } from '../routes/properties';

const idOrKey = (v: unknown, ...names: string[]): string | undefined => {
  if (!isRecord(v)) return undefined;
  for (const n of names) { const x = v[n]; if (typeof x === 'string' || typeof x === 'number') return String(x); }
  return undefined;
};

function resolveProject(site: Site, caller: UserRecord, fields: Record<string, unknown>): ProjectRecord {
  const ref = idOrKey(fields['project'], 'id', 'key');
  const project = ref === undefined ? undefined : site.project(ref);
  if (!project || !hasProjectPermission(caller, project, 'BROWSE_PROJECTS')) throw fieldErrors({ project: 'Specify a valid project ID or key' });
  if (!hasProjectPermission(caller, project, 'CREATE_ISSUES')) throw fieldErrors({ project: 'You do not have permission to create issues in this project.' });
  return project;
}

/** A create's `properties` (`IssueUpdateDetails.properties`, a list of `EntityProperty`): set on the issue as it is made, held to the property limits. */
function createProperties(raw: unknown): Map<string, unknown> {
  const properties = new Map<string, unknown>();
  if (raw === undefined) return properties;
  if (!Array.isArray(raw)) throw new JiraHttpError(400, ['The properties must be a list of entity properties.']);
  for (const p of raw) {
    if (!isRecord(p) || typeof p['key'] !== 'string' || p['key'] === '' || !('value' in p)) throw new JiraHttpError(400, ['Every property needs a key and a value.']);
    if (p['key'].length > 255) throw new JiraHttpError(400, ['The property key must not exceed 255 characters.']);
    if (Buffer.byteLength(JSON.stringify(p['value'])) > MAX_PROPERTY_BYTES) throw new JiraHttpError(400, [`The property value is too long. It must not exceed ${MAX_PROPERTY_BYTES} characters.`]);
    properties.set(p['key'], structuredClone(p['value']));
  }
  return properties;
}

/** Validates a create request (`IssueUpdateDetails`) and builds the record without storing it. */
export function prepareIssue(site: Site, caller: UserRecord, body: unknown): IssueRecord {
  if (!isRecord(body) || !isRecord(body['fields'])) throw new JiraHttpError(400, ['Issue fields are required.']);
  const fields = body['fields'];
  const project = resolveProject(site, caller, fields);
  const typeRef = fields['issuetype'];
  const typeId = idOrKey(typeRef, 'id');
  const typeName = idOrKey(typeRef, 'name')?.toLowerCase();
  const type = project.issueTypeIds.map((id) => site.issueTypes.get(id)).find((t) => t && (typeId !== undefined ? t.id === typeId : t.name.toLowerCase() === typeName));
  if (!type) throw fieldErrors({ issuetype: typeRef === undefined ? 'Specify an issue type' : 'The issue type selected is invalid.' });
  let parentId: string | null = null;
  const parentRef = idOrKey(fields['parent'], 'key', 'id');
  if (type.subtask || parentRef !== undefined) {
    const parent = parentRef === undefined ? undefined : site.issue(parentRef);
    const parentType = parent ? site.issueTypes.get(parent.issueTypeId) : undefined;
    if (!parent || parent.projectId !== project.id || parentType?.subtask || (type.subtask ? false : (parentType?.hierarchyLevel ?? 0) <= type.hierarchyLevel)) {
      throw fieldErrors({ parent: parentRef === undefined ? 'Given parent work item does not belong to appropriate hierarchy.' : `Could not find issue by id or key.` });
    }
    parentId = parent.id;
  }
  const values = applyFieldInput(site, project, { priority: DEFAULT_PRIORITY_ID, labels: [], components: [], versions: [], fixVersions: [], assignee: null, reporter: caller.accountId }, { fields, update: body['update'] });
  if (typeof values['summary'] !== 'string') throw fieldErrors({ summary: 'You must specify a summary of the issue.' });
  const properties = createProperties(body['properties']);
  const workflow = site.workflowOf(project);
  const now = site.now();
  const id = site.allocateId();
  return {
    id,
    key: `${project.key}-${project.nextIssueNumber}`,
    projectId: project.id,
    issueTypeId: type.id,
    statusId: workflow.initialStatusId,
    parentId,
    creatorId: caller.accountId,
    created: now,
    updated: now,
    statusCategoryChanged: now,
    resolutionDate: null,
    fields: values,
    commentIds: [],
    attachmentIds: [],
    properties,
    changelog: [],
  };
}

/** Stores a prepared issue, advancing its project's key counter, and publishes `avi:jira:created:issue`. */
export function commitIssue(site: Site, caller: UserRecord, issue: IssueRecord): IssueRecord {
  const project = site.projects.get(issue.projectId);
  if (!project) throw new Error(`project ${issue.projectId} vanished`);
  issue.key = `${project.key}-${project.nextIssueNumber++}`;
  site.issues.set(issue.id, issue);
  site.issueIdByKey.set(issue.key, issue.id);
  site.events.publish(JiraEventType.issueCreated, caller.accountId, { issue: issueEventPayload(site, issue) });
  return issue;
}

export function createIssue(site: Site, caller: UserRecord, body: unknown): IssueRecord {
  return commitIssue(site, caller, prepareIssue(site, caller, body));
}
