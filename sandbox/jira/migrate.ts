/**
 * Cloud-to-cloud project migration as Jira Cloud Migration does it: the project arrives on the target
 * site with the same issue keys but new numeric ids, and every value is re-pointed at the target's own
 * custom field, status, issue type, option, component and version ids (matched by name, created when
 * missing). Comments, attachments, links between migrated issues and history come along. App data
 * (issue properties) stays behind unless asked for, and no product events fire — apps are not told.
 */
import type { Site } from './model/site';
import type { ChangeHistoryRecord, CustomFieldRecord, IssueRecord, ProjectRecord, StoredFields, StoredValue } from './model/types';

export interface MigrationOptions {
  /** Copy issue properties too (JCMA does not migrate app data by default). */
  includeIssueProperties?: boolean;
  /** Remove the project from the source site afterwards (the usual end of a cutover). */
  deleteSource?: boolean;
}

export interface MigrationReport {
  projectKey: string;
  issues: number;
  comments: number;
  attachments: number;
  links: number;
  /** Source id → target id, per kind, so tests and tools can check what moved where. */
  idMap: { issues: Map<string, string>; fields: Map<string, string>; statuses: Map<string, string>; issueTypes: Map<string, string> };
}

const byName = <T extends { name: string }>(items: Iterable<T>, name: string): T | undefined =>
  [...items].find((x) => x.name.toLowerCase() === name.toLowerCase());

export function migrateProject(source: Site, target: Site, projectKey: string, options: MigrationOptions = {}): MigrationReport {
  const from = source.projectByKey(projectKey);
  if (!from) throw new Error(`project ${projectKey} does not exist on ${source.name}`);
  if (target.projectByKey(projectKey)) throw new Error(`project ${projectKey} already exists on ${target.name}`);

  // People are Atlassian accounts, global to all sites: make sure each one exists on the target.
  const people = new Set<string>([from.leadAccountId, ...from.admins, ...(from.members === 'everyone' ? [] : from.members)]);
  const issues = source.issuesOf(from.id);
  for (const i of issues) {
    people.add(i.creatorId);
    for (const v of Object.values(i.fields)) if (typeof v === 'string' && source.users.has(v)) people.add(v);
    for (const c of i.commentIds) { const rec = source.comments.get(c); if (rec) people.add(rec.authorId); }
  }
  for (const id of people) { const u = source.users.get(id); if (u && !target.users.has(id)) target.addUser({ ...u }); }

  const issueTypes = new Map<string, string>();
  for (const typeId of from.issueTypeIds) {
    const t = source.issueTypes.get(typeId)!;
    issueTypes.set(typeId, (byName(target.issueTypes.values(), t.name) ?? target.addIssueType({ name: t.name, description: t.description, subtask: t.subtask, hierarchyLevel: t.hierarchyLevel })).id);
  }

  const fields = new Map<string, string>();
  for (const cf of source.customFields.values()) {
    const existing = [...target.customFields.values()].find((x) => x.name === cf.name && x.kind === cf.kind);
    const made = existing ?? target.addCustomField({ name: cf.name, kind: cf.kind, description: cf.description });
    for (const o of cf.options) if (!made.options.some((x) => x.value === o.value)) made.options.push({ id: target.allocateId(), value: o.value, disabled: o.disabled });
    fields.set(cf.id, made.id);
  }

  const sourceWorkflow = source.workflowOf(from);
  const template = from.projectTypeKey === 'service_desk' ? 'service' : 'software';
  const to: ProjectRecord = target.addProject({
    key: from.key, name: from.name, description: from.description, template, leadAccountId: from.leadAccountId,
    members: from.members === 'everyone' ? 'everyone' : [...from.members], admins: [...from.admins],
  });
  to.issueTypeIds = [...new Set(issueTypes.values())];
  const targetWorkflow = target.workflowOf(to);
  const statuses = new Map<string, string>();
  for (const statusId of sourceWorkflow.statusIds) {
    const s = source.statuses.get(statusId)!;
    let t = target.statusByName(s.name);
    if (!t) { t = { id: target.allocateId(), name: s.name, category: s.category }; target.statuses.set(t.id, t); }
    if (!targetWorkflow.statusIds.includes(t.id)) targetWorkflow.statusIds.push(t.id);
    statuses.set(statusId, t.id);
  }
  // Keep the source workflow's shape: its transitions, re-pointed at target statuses.
  targetWorkflow.transitions = sourceWorkflow.transitions.map((tr) => ({ ...tr, from: tr.from.map((id) => statuses.get(id)!), to: statuses.get(tr.to)! }));
  targetWorkflow.initialStatusId = statuses.get(sourceWorkflow.initialStatusId) ?? targetWorkflow.initialStatusId;

  const components = new Map<string, string>();
  for (const c of source.components.values()) {
    if (c.projectId !== from.id) continue;
    const id = target.allocateId();
    target.components.set(id, { ...c, id, projectId: to.id });
    components.set(c.id, id);
  }
  const versions = new Map<string, string>();
  for (const v of source.versions.values()) {
    if (v.projectId !== from.id) continue;
    const id = target.allocateId();
    target.versions.set(id, { ...v, id, projectId: to.id });
    versions.set(v.id, id);
  }

  const optionIn = (cf: CustomFieldRecord, sourceOptionId: string): string | null => {
    const value = cf.options.find((o) => o.id === sourceOptionId)?.value;
    const targetField = target.customFields.get(fields.get(cf.id)!)!;
    return targetField.options.find((o) => o.value === value)?.id ?? null;
  };
  const mapValue = (fieldId: string, value: StoredValue): StoredValue => {
    const cf = source.customFields.get(fieldId);
    if (cf?.kind === 'select' && typeof value === 'string') return optionIn(cf, value);
    if (cf?.kind === 'multiselect' && Array.isArray(value)) return value.flatMap((id) => optionIn(cf, id) ?? []);
    if (fieldId === 'components' && Array.isArray(value)) return value.flatMap((id) => components.get(id) ?? []);
    if ((fieldId === 'versions' || fieldId === 'fixVersions') && Array.isArray(value)) return value.flatMap((id) => versions.get(id) ?? []);
    return structuredClone(value);
  };
  const mapFields = (stored: StoredFields): StoredFields =>
    Object.fromEntries(Object.entries(stored).map(([id, v]) => [fields.get(id) ?? id, mapValue(id, v)]));

  const issueIds = new Map<string, string>();
  for (const i of issues) issueIds.set(i.id, target.allocateId());
  let comments = 0;
  let attachments = 0;
  let maxNumber = 0;
  for (const i of [...issues].sort((a, b) => Number(a.id) - Number(b.id))) {
    const id = issueIds.get(i.id)!;
    const history: ChangeHistoryRecord[] = i.changelog.map((h) => ({
      ...h, id: target.allocateId(),
      items: h.items.map((item) => ({ ...item, fieldId: fields.get(item.fieldId) ?? item.fieldId, ...(item.fieldId === 'status' ? { from: item.from && (statuses.get(item.from) ?? item.from), to: item.to && (statuses.get(item.to) ?? item.to) } : {}) })),
    }));
    const copy: IssueRecord = {
      ...i, id, projectId: to.id, issueTypeId: issueTypes.get(i.issueTypeId)!, statusId: statuses.get(i.statusId)!,
      parentId: i.parentId ? issueIds.get(i.parentId) ?? null : null, fields: mapFields(i.fields), commentIds: [], attachmentIds: [],
      properties: options.includeIssueProperties ? new Map(structuredClone([...i.properties])) : new Map(), changelog: history,
    };
    for (const cid of i.commentIds) {
      const c = source.comments.get(cid);
      if (!c) continue;
      const nid = target.allocateId();
      target.comments.set(nid, { ...structuredClone(c), id: nid, issueId: id });
      copy.commentIds.push(nid);
      comments++;
    }
    for (const aid of i.attachmentIds) {
      const a = source.attachments.get(aid);
      if (!a) continue;
      const nid = target.allocateId();
      target.attachments.set(nid, { ...a, id: nid, issueId: id, content: a.content.slice() });
      copy.attachmentIds.push(nid);
      attachments++;
    }
    target.issues.set(id, copy);
    target.issueIdByKey.set(copy.key, id);
    maxNumber = Math.max(maxNumber, Number(copy.key.split('-')[1]));
  }
  to.nextIssueNumber = Math.max(from.nextIssueNumber, maxNumber + 1);

  let links = 0;
  for (const l of source.links.values()) {
    const a = issueIds.get(l.inwardIssueId);
    const b = issueIds.get(l.outwardIssueId);
    if (!a || !b) continue;
    const type = byName(target.linkTypes.values(), source.linkTypes.get(l.typeId)?.name ?? '');
    if (!type) continue;
    const nid = target.allocateId();
    target.links.set(nid, { id: nid, typeId: type.id, inwardIssueId: a, outwardIssueId: b });
    links++;
  }

  if (options.deleteSource) {
    for (const i of issues) {
      for (const c of i.commentIds) source.comments.delete(c);
      for (const a of i.attachmentIds) source.attachments.delete(a);
      source.issues.delete(i.id);
      source.issueIdByKey.delete(i.key);
    }
    for (const [lid, l] of source.links) if (issueIds.has(l.inwardIssueId) || issueIds.has(l.outwardIssueId)) source.links.delete(lid);
    source.projects.delete(from.id);
  }
  return { projectKey, issues: issues.length, comments, attachments, links, idMap: { issues: issueIds, fields, statuses, issueTypes } };
}
