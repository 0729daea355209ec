/**
 * Fidelity of the Jira emulator, proven against Atlassian's own references: every route is driven at least
 * once, and every request body, response body and rich-text value is validated against the OpenAPI
 * document and the ADF schema. The test lists each endpoint it validated; a route never driven fails it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OpenApiValidator } from '../../sandbox/jira/openapi/validator';
import { validateAdf } from '../../sandbox/jira/openapi/adf';
import type { Exchange } from '../../sandbox/jira/emulator';
import { doc, restClient, sandboxEmulator } from '../support/jira';

const emulator = sandboxEmulator();
const validator = new OpenApiValidator(undefined, { undocumentedErrorBodySchema: 'ErrorCollection' });
const exchanges: Exchange[] = [];
emulator.observe((e) => exchanges.push(e));
const alpha = restClient(emulator.fetch, emulator.site('alpha').baseUrl);
const alphaAsOmar = restClient(emulator.fetch, emulator.site('alpha').baseUrl, 'omar');
const beta = restClient(emulator.fetch, emulator.site('beta').baseUrl);

/** Every ADF document inside a JSON value, with where it was found. */
function adfDocs(value: unknown, path = ''): { path: string; doc: unknown }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => adfDocs(v, `${path}/${i}`));
  if (typeof value !== 'object' || value === null) return [];
  const rec = value as Record<string, unknown>;
  if (rec['type'] === 'doc' && 'version' in rec) return [{ path, doc: value }];
  return Object.entries(rec).flatMap(([k, v]) => adfDocs(v, `${path}/${k}`));
}

async function scenario(): Promise<void> {
  const cf = (name: string) => [...emulator.site('alpha').customFields.values()].find((f) => f.name === name)!.id;
  const sev = [...emulator.site('alpha').customFields.values()].find((f) => f.name === 'Severity')!;

  await alpha('GET', '/rest/api/3/serverInfo');
  await alpha('GET', '/rest/api/3/myself');
  await alpha('GET', '/rest/api/3/user?accountId=5b10a2844c20165700ede22b');
  await alpha('GET', '/rest/api/3/user/bulk?accountId=5b10a2844c20165700ede22b&accountId=5b10a2844c20165700ede23c');
  await alpha('GET', '/rest/api/3/user/search?query=sam');
  await alpha('GET', '/rest/api/3/mypermissions?projectKey=SUP&permissions=BROWSE_PROJECTS,ADMINISTER_PROJECTS,ADMINISTER');
  await alpha('GET', '/rest/api/3/mypermissions?permissions=BROWSE_PROJECTS');
  await alpha('POST', '/rest/api/3/permissions/check', { globalPermissions: ['ADMINISTER'], projectPermissions: [{ permissions: ['EDIT_ISSUES'], projects: [Number(emulator.site('alpha').projectByKey('SUP')!.id)] }] });
  await alpha('GET', '/rest/api/3/project/search?maxResults=1');
  await alpha('GET', '/rest/api/3/project/SUP');
  await alpha('GET', '/rest/api/3/project/SUP/components');
  await alpha('GET', '/rest/api/3/project/SUP/versions');
  await alpha('GET', '/rest/api/3/project/SUP/statuses');
  await alpha('POST', '/rest/api/3/component', { name: 'Payments', project: 'SUP', description: 'Card payments' });
  await alpha('POST', '/rest/api/3/version', { name: '3.0', projectId: Number(emulator.site('alpha').projectByKey('SUP')!.id), releaseDate: '2026-12-01', released: false });
  await alpha('GET', '/rest/api/3/field');
  await alpha('GET', '/rest/api/3/priority');
  await alpha('GET', '/rest/api/3/status');
  await alpha('GET', '/rest/api/3/issuetype');
  await alpha('GET', `/rest/api/3/issuetype/project?projectId=${emulator.site('alpha').projectByKey('SUP')!.id}`);
  await alpha('GET', '/rest/api/3/issueLinkType');
  await alpha('GET', '/rest/api/3/workflow/search?expand=transitions,statuses');
  const types = await alpha('GET', '/rest/api/3/issue/createmeta/SUP/issuetypes');
  const task = types.body.issueTypes.find((t: any) => t.name === 'Task');
  const subtask = types.body.issueTypes.find((t: any) => t.subtask);
  await alpha('GET', `/rest/api/3/issue/createmeta/SUP/issuetypes/${task.id}`);

  const created = await alpha('POST', '/rest/api/3/issue', {
    fields: {
      project: { key: 'SUP' }, issuetype: { id: task.id }, summary: 'Checkout fails for EU cards', description: doc('Customers in the EU see error 502.'),
      environment: doc('Chrome 130'), priority: { name: 'High' }, labels: ['payments', 'eu'], components: [{ name: 'Billing' }],
      versions: [{ name: '1.0' }], fixVersions: [{ name: '2.0' }], duedate: '2026-12-24', assignee: { accountId: '5b10a2844c20165700ede22b' },
      [cf('Story Points')]: 3, [cf('Customer')]: 'ACME', [cf('Root cause')]: doc('Unknown yet'), [cf('Start date')]: '2026-11-30',
      [cf('Escalated at')]: '2026-11-20T10:15:00.000+0000', [sev.id]: { value: 'Major' }, [cf('Platforms')]: [{ value: 'Web' }, { value: 'iOS' }],
      [cf('Team lead')]: { accountId: '5b10a2844c20165700ede21a' }, [cf('Tags')]: ['vip'], [cf('Reference URL')]: 'https://status.example.com/incident/42',
    },
  });
  const key: string = created.body.key;
  const bulk = await alpha('POST', '/rest/api/3/issue/bulk', {
    issueUpdates: [
      { fields: { project: { key: 'SUP' }, issuetype: { id: task.id }, summary: 'Second issue' } },
      { fields: { project: { key: 'SUP' }, issuetype: { id: subtask.id }, summary: 'A sub-task', parent: { key } } },
      { fields: { project: { key: 'SUP' }, issuetype: { id: task.id } } },
    ],
  });
  const second: string = bulk.body.issues[0].key;
  const sub: string = bulk.body.issues[1].key;
  await alpha('GET', `/rest/api/3/issue/${key}?expand=renderedFields,names,schema,changelog&properties=none`);
  await alpha('GET', `/rest/api/3/issue/${key}/editmeta`);
  await alpha('PUT', `/rest/api/3/issue/${key}`, { fields: { summary: 'Checkout fails for all EU cards', [sev.id]: { value: 'Critical' } }, update: { labels: [{ add: 'urgent' }, { remove: 'eu' }] } });
  await alpha('PUT', `/rest/api/3/issue/${key}?returnIssue=true`, { fields: { duedate: '2026-12-31' } });
  const transitions = await alpha('GET', `/rest/api/3/issue/${key}/transitions`);
  await alpha('POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: transitions.body.transitions[0].id } });
  await alpha('POST', '/rest/api/3/issue/bulkfetch', { issueIdsOrKeys: [key, second, 'SUP-999'], fields: ['summary', 'status', 'assignee', cf('Severity')], expand: ['names'] });
  await alpha('GET', `/rest/api/3/search/jql?jql=${encodeURIComponent('project = SUP ORDER BY key ASC')}&fields=summary,status&maxResults=1`);
  const page1 = await alpha('POST', '/rest/api/3/search/jql', { jql: `project = SUP AND labels = urgent`, fields: ['*all'], maxResults: 1, expand: 'renderedFields' });
  expect(page1.status).toBe(200);
  const p2 = await alpha('POST', '/rest/api/3/search/jql', { jql: 'project = SUP', maxResults: 1 });
  await alpha('POST', '/rest/api/3/search/jql', { jql: 'project = SUP', maxResults: 1, nextPageToken: p2.body.nextPageToken });
  expect((await alpha('POST', '/rest/api/3/search/approximate-count', { jql: 'project = SUP' })).body.count).toBeGreaterThan(0);

  const comment = await alpha('POST', `/rest/api/3/issue/${key}/comment`, { body: doc('Reproduced on staging.') });
  await alpha('GET', `/rest/api/3/issue/${key}/comment?maxResults=10&expand=renderedBody`);
  await alpha('GET', `/rest/api/3/issue/${key}/comment/${comment.body.id}`);
  await alpha('PUT', `/rest/api/3/issue/${key}/comment/${comment.body.id}`, { body: doc('Reproduced on staging and prod.') });

  const form = new FormData();
  form.append('file', new Blob(['hello log'], { type: 'text/plain' }), 'server.log');
  const attached = await alpha('POST', `/rest/api/3/issue/${key}/attachments`, form, { 'X-Atlassian-Token': 'no-check' });
  const attachmentId = attached.body[0].id;
  await alpha('GET', `/rest/api/3/attachment/${attachmentId}`);
  await alpha('GET', `/rest/api/3/attachment/content/${attachmentId}`);
  await alpha('GET', `/rest/api/3/attachment/content/${attachmentId}?redirect=false`);

  await alpha('POST', '/rest/api/3/issueLink', { type: { name: 'Blocks' }, inwardIssue: { key }, outwardIssue: { key: second } });
  const withLinks = await alpha('GET', `/rest/api/3/issue/${key}?fields=issuelinks,subtasks,attachment,comment`);
  const linkId = withLinks.body.fields.issuelinks[0].id;
  await alpha('GET', `/rest/api/3/issueLink/${linkId}`);
  await alpha('GET', `/rest/api/3/issue/${sub}?fields=parent`);

  await alpha('PUT', `/rest/api/3/issue/${key}/properties/lockstep.sync`, { partner: 'DEV-1', seq: 4 });
  await alpha('PUT', `/rest/api/3/issue/${key}/properties/lockstep.sync`, { partner: 'DEV-1', seq: 5 });
  await alpha('GET', `/rest/api/3/issue/${key}/properties`);
  await alpha('GET', `/rest/api/3/issue/${key}/properties/lockstep.sync`);
  await alpha('GET', `/rest/api/3/issue/${key}/changelog?maxResults=2`);
  await alpha('POST', '/rest/api/3/changelog/bulkfetch', { issueIdsOrKeys: [key, second], maxResults: 2 });

  await alpha('DELETE', `/rest/api/3/issue/${key}/properties/lockstep.sync`);
  await alpha('DELETE', `/rest/api/3/issueLink/${linkId}`);
  await alpha('DELETE', `/rest/api/3/attachment/${attachmentId}`);
  await alpha('DELETE', `/rest/api/3/issue/${key}/comment/${comment.body.id}`);
  await alpha('DELETE', `/rest/api/3/issue/${key}`);
  await alpha('DELETE', `/rest/api/3/issue/${key}?deleteSubtasks=true`);

  // Errors, in Jira's shape: bad field values, unknown issue, unauthorised, hidden issues, bad JQL.
  await alpha('POST', '/rest/api/3/issue', { fields: { project: { key: 'SUP' }, issuetype: { id: task.id }, summary: 'x', description: 'plain text', priority: { name: 'Urgent!' } } });
  await alpha('GET', '/rest/api/3/issue/SUP-999');
  await alphaAsOmar('GET', `/rest/api/3/issue/${second}`);
  await alpha('POST', '/rest/api/3/search/jql', { jql: 'project = SUP AND nosuchfield = 1' });
  await beta('GET', '/rest/api/3/project/DEV');
  await emulator.fetch(new Request(`${emulator.site('beta').baseUrl}/rest/api/3/myself`));
}

describe('Jira emulator against Atlassian OpenAPI and ADF', () => {
  beforeAll(scenario, 60_000);
  afterAll(() => undefined);

  it('serves only routes that Atlassian documents, each under its documented template', () => {
    for (const route of emulator.router.routes) {
      expect(validator.findOperation(route.method, route.template)?.pathTemplate, `${route.method} ${route.template}`).toBe(route.template);
    }
  });

  it('validates every exchange: requests, responses and rich text', () => {
    const problems: string[] = [];
    for (const e of exchanges) {
      const where = `${e.method} ${e.path} → ${e.status}`;
      if (e.requestBody !== undefined) for (const p of validator.validateRequest(e.method, e.path, e.requestBody)) problems.push(`${where} request ${p.path}: ${p.message}`);
      for (const p of validator.validateResponse(e.method, e.path, e.status, e.responseBody)) problems.push(`${where} response ${p.path}: ${p.message}`);
      for (const found of [...adfDocs(e.requestBody), ...adfDocs(e.responseBody)]) {
        if (e.status >= 400) continue;
        for (const p of validateAdf(found.doc)) problems.push(`${where} ADF at ${found.path}${p.path}: ${p.message}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('drives every route with a success and lists what it validated', () => {
    const byRoute = new Map<string, Set<number>>();
    for (const e of exchanges) if (e.template) byRoute.set(`${e.method} ${e.template}`, new Set([...(byRoute.get(`${e.method} ${e.template}`) ?? []), e.status]));
    const lines = emulator.router.routes.map((r) => `${r.method.padEnd(6)} ${r.template}  [${[...(byRoute.get(`${r.method} ${r.template}`) ?? [])].sort().join(', ')}]`);
    console.log(`Validated against the OpenAPI document (${lines.length} endpoints, ${exchanges.length} exchanges):\n${lines.join('\n')}`);
    const skipped = emulator.router.routes.filter((r) => ![...(byRoute.get(`${r.method} ${r.template}`) ?? [])].some((s) => s < 300 || s === 303));
    expect(skipped.map((r) => `${r.method} ${r.template}`)).toEqual([]);
  });

  it('answers bad requests with Jira error shapes and statuses', () => {
    const errors = exchanges.filter((e) => e.status >= 400);
    expect(errors.map((e) => e.status).sort()).toEqual(expect.arrayContaining([400, 401, 404]));
    for (const e of errors) expect(e.responseBody).toMatchObject({ errorMessages: expect.any(Array), errors: expect.any(Object) });
  });
});
