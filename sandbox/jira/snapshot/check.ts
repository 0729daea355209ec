/** Cross-record checks a schema cannot express: every reference resolves, ids are unique, counters lie above ids in use. */
import { isAdfDocument, validateAdf } from '../openapi/adf';
import type { EmulatorSnapshot, SiteSnapshot } from './schema';

/** Rich text is held to the ADF schema on restore as on every write, so a hand-edited snapshot cannot smuggle in bad ADF. */
function checkAdf(doc: unknown, path: string, report: (m: string) => void): void {
  const [first] = validateAdf(doc);
  if (first) report(`${path}${first.path === '' ? '' : ` at ${first.path}`}: invalid ADF: ${first.message}`);
}

/** Ids of `rows`, reporting duplicates; `what` names the collection in messages. */
function idSet(rows: readonly { id: string }[], what: string, report: (m: string) => void): Set<string> {
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    if (seen.has(r.id)) report(`${what}[${i}].id: duplicate id ${r.id}`);
    seen.add(r.id);
  });
  return seen;
}

function checkSite(s: SiteSnapshot, report: (m: string) => void): void {
  const users = new Set<string>();
  s.users.forEach((u, i) => { if (users.has(u.accountId)) report(`users[${i}].accountId: duplicate account ${u.accountId}`); users.add(u.accountId); });
  const statuses = idSet(s.statuses, 'statuses', report);
  const workflows = idSet(s.workflows, 'workflows', report);
  const issueTypes = idSet(s.issueTypes, 'issueTypes', report);
  idSet(s.priorities, 'priorities', report);
  const linkTypes = idSet(s.linkTypes, 'linkTypes', report);
  idSet(s.customFields, 'customFields', report);
  const projects = idSet(s.projects, 'projects', report);
  idSet(s.components, 'components', report);
  idSet(s.versions, 'versions', report);
  const issues = idSet(s.issues, 'issues', report);
  const comments = new Map(s.comments.map((c) => [c.id, c]));
  const attachments = new Map(s.attachments.map((a) => [a.id, a]));
  idSet(s.comments, 'comments', report);
  idSet(s.attachments, 'attachments', report);
  idSet(s.links, 'links', report);
  const need = (set: ReadonlySet<string>, value: string, path: string, what: string): void => { if (!set.has(value)) report(`${path}: ${what} ${value} does not exist`); };

  s.workflows.forEach((w, i) => {
    need(statuses, w.initialStatusId, `workflows[${i}].initialStatusId`, 'status');
    w.statusIds.forEach((id, j) => need(statuses, id, `workflows[${i}].statusIds[${j}]`, 'status'));
    w.transitions.forEach((t, j) => {
      need(statuses, t.to, `workflows[${i}].transitions[${j}].to`, 'status');
      t.from.forEach((id, k) => need(statuses, id, `workflows[${i}].transitions[${j}].from[${k}]`, 'status'));
    });
  });
  s.customFields.forEach((cf, i) => { if (cf.id !== `customfield_${cf.numericId}`) report(`customFields[${i}].numericId: ${cf.numericId} does not match id ${cf.id}`); });
  const projectKeys = new Map<string, SiteSnapshot['projects'][number]>();
  s.projects.forEach((p, i) => {
    if (projectKeys.has(p.key)) report(`projects[${i}].key: duplicate project key ${p.key}`);
    projectKeys.set(p.key, p);
    need(workflows, p.workflowId, `projects[${i}].workflowId`, 'workflow');
    p.issueTypeIds.forEach((id, j) => need(issueTypes, id, `projects[${i}].issueTypeIds[${j}]`, 'issue type'));
  });
  s.components.forEach((c, i) => need(projects, c.projectId, `components[${i}].projectId`, 'project'));
  s.versions.forEach((v, i) => need(projects, v.projectId, `versions[${i}].projectId`, 'project'));

  const keys = new Set<string>();
  s.issues.forEach((issue, i) => {
    const at = `issues[${i}] (${issue.key})`;
    if (keys.has(issue.key)) report(`${at}.key: duplicate issue key`);
    keys.add(issue.key);
    need(projects, issue.projectId, `${at}.projectId`, 'project');
    need(issueTypes, issue.issueTypeId, `${at}.issueTypeId`, 'issue type');
    need(statuses, issue.statusId, `${at}.statusId`, 'status');
    if (issue.parentId !== null) need(issues, issue.parentId, `${at}.parentId`, 'issue');
    for (const [fieldId, value] of Object.entries(issue.fields)) if (isAdfDocument(value)) checkAdf(value, `${at}.fields.${fieldId}`, report);
    issue.commentIds.forEach((id, j) => { if (comments.get(id)?.issueId !== issue.id) report(`${at}.commentIds[${j}]: comment ${id} does not exist on this issue`); });
    issue.attachmentIds.forEach((id, j) => { if (attachments.get(id)?.issueId !== issue.id) report(`${at}.attachmentIds[${j}]: attachment ${id} does not exist on this issue`); });
    // The next issue created in the project takes `nextIssueNumber`: it must not be a key already in use.
    const [prefix, number] = issue.key.split('-');
    const project = projectKeys.get(prefix ?? '');
    if (project && Number(number) >= project.nextIssueNumber) report(`projects (${project.key}).nextIssueNumber: ${project.nextIssueNumber} is not above issue ${issue.key}`);
  });
  const issueById = new Map(s.issues.map((i) => [i.id, i]));
  s.comments.forEach((c, i) => checkAdf(c.body, `comments[${i}].body`, report));
  s.comments.forEach((c, i) => { if (!issueById.get(c.issueId)?.commentIds.includes(c.id)) report(`comments[${i}].issueId: issue ${c.issueId} does not exist or does not list comment ${c.id}`); });
  s.attachments.forEach((a, i) => { if (!issueById.get(a.issueId)?.attachmentIds.includes(a.id)) report(`attachments[${i}].issueId: issue ${a.issueId} does not exist or does not list attachment ${a.id}`); });
  s.links.forEach((l, i) => {
    need(linkTypes, l.typeId, `links[${i}].typeId`, 'link type');
    need(issues, l.inwardIssueId, `links[${i}].inwardIssueId`, 'issue');
    need(issues, l.outwardIssueId, `links[${i}].outwardIssueId`, 'issue');
  });

  // Ids the site allocated itself (priorities and link types are fixed defaults) must lie below its counter.
  const allocated = [
    ...s.statuses, ...s.workflows, ...s.issueTypes, ...s.projects, ...s.components, ...s.versions, ...s.issues, ...s.comments,
    ...s.attachments, ...s.links, ...s.customFields.flatMap((cf) => cf.options), ...s.issues.flatMap((i) => i.changelog),
  ].map((r) => r.id).filter((id) => /^\d+$/.test(id)).map(Number);
  const maxId = allocated.reduce((m, n) => Math.max(m, n), 0);
  if (s.counters.nextId <= maxId) report(`counters.nextId: ${s.counters.nextId} is not above the largest id in use, ${maxId}`);
  const maxField = s.customFields.reduce((m, cf) => Math.max(m, cf.numericId), 0);
  if (s.counters.nextCustomFieldNumber <= maxField) report(`counters.nextCustomFieldNumber: ${s.counters.nextCustomFieldNumber} is not above customfield_${maxField}`);
}

/** Every integrity problem of a schema-valid snapshot, each prefixed with where it is. Empty when sound. */
export function integrityProblems(snapshot: EmulatorSnapshot): string[] {
  const problems: string[] = [];
  const names = new Set<string>();
  snapshot.sites.forEach((site, i) => {
    const where = `sites[${i}] (${site.name})`;
    if (names.has(site.name)) problems.push(`${where}.name: site '${site.name}' appears twice`);
    names.add(site.name);
    checkSite(site, (message) => problems.push(`${where}.${message}`));
  });
  return problems;
}
