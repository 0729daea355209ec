/**
 * The emulator over real HTTP, driven by a plain fetch-based REST client with Basic auth, as any Jira
 * integration would drive Jira Cloud: every everyday operation on both sites, auth, permissions, 429s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveEmulator, type RunningServer } from '../../sandbox/jira/server';
import { doc, restClient, sandboxEmulator } from '../support/jira';

const emulator = sandboxEmulator();
let server: RunningServer;
const http = (req: Request) => fetch(req);

beforeAll(async () => { server = await serveEmulator(emulator, 0); });
afterAll(async () => { await server.close(); });

describe.each([['alpha', 'SUP'], ['beta', 'DEV']] as const)('site %s over HTTP', (siteName, projectKey) => {
  const client = () => restClient(http, `${server.origin}/${siteName}`);

  it('creates, edits, transitions, comments on, attaches to, links, searches and bulk-fetches issues', async () => {
    const jira = client();
    const meta = await jira('GET', `/rest/api/3/issue/createmeta/${projectKey}/issuetypes`);
    const bug = meta.body.issueTypes.find((t: any) => t.name === 'Bug');
    const a = await jira('POST', '/rest/api/3/issue', { fields: { project: { key: projectKey }, issuetype: { id: bug.id }, summary: 'Login page hangs', description: doc('Spinner forever'), labels: ['login'] } });
    expect(a.status).toBe(201);
    expect(a.body.key).toMatch(new RegExp(`^${projectKey}-\\d+$`));
    const b = await jira('POST', '/rest/api/3/issue', { fields: { project: { key: projectKey }, issuetype: { name: 'Task' }, summary: 'Add login telemetry' } });

    expect((await jira('PUT', `/rest/api/3/issue/${a.body.key}`, { fields: { summary: 'Login page hangs on Safari', priority: { name: 'Highest' } } })).status).toBe(204);
    const transitions = await jira('GET', `/rest/api/3/issue/${a.body.key}/transitions`);
    const start = transitions.body.transitions[0];
    expect((await jira('POST', `/rest/api/3/issue/${a.body.key}/transitions`, { transition: { id: start.id } })).status).toBe(204);
    expect((await jira('POST', `/rest/api/3/issue/${a.body.key}/comment`, { body: doc('Seen on Safari 18 only.') })).status).toBe(201);

    const form = new FormData();
    form.append('file', new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' }), 'screenshot.png');
    const att = await jira('POST', `/rest/api/3/issue/${a.body.key}/attachments`, form, { 'X-Atlassian-Token': 'no-check' });
    expect(att.status).toBe(200);
    const content = await fetch(`${server.origin}/${siteName}/rest/api/3/attachment/content/${att.body[0].id}`, { headers: { Authorization: 'Basic ' + Buffer.from('ada@lockstep.test:ada-token').toString('base64') } });
    expect(content.status).toBe(200);
    expect([...new Uint8Array(await content.arrayBuffer())]).toEqual([137, 80, 78, 71]);

    expect((await jira('POST', '/rest/api/3/issueLink', { type: { name: 'Relates' }, inwardIssue: { key: a.body.key }, outwardIssue: { key: b.body.key } })).status).toBe(201);

    const found = await jira('GET', `/rest/api/3/search/jql?jql=${encodeURIComponent(`project = ${projectKey} AND text ~ "safari" AND status = "${start.to.name}"`)}&fields=summary,status,issuelinks,comment`);
    expect(found.status).toBe(200);
    expect(found.body.issues.map((i: any) => i.key)).toEqual([a.body.key]);
    const issue = found.body.issues[0];
    expect(issue.fields.status.name).toBe(start.to.name);
    expect(issue.fields.issuelinks[0].outwardIssue.key).toBe(b.body.key);
    expect(issue.fields.comment.total).toBe(1);

    const fetched = await jira('POST', '/rest/api/3/issue/bulkfetch', { issueIdsOrKeys: [a.body.id, b.body.key], fields: ['summary', 'priority'] });
    expect(fetched.body.issues.map((i: any) => i.fields.summary).sort()).toEqual(['Add login telemetry', 'Login page hangs on Safari']);
    expect(fetched.body.issues.find((i: any) => i.key === a.body.key).fields.priority.name).toBe('Highest');

    const history = await jira('GET', `/rest/api/3/issue/${a.body.key}/changelog`);
    expect(history.body.values.flatMap((h: any) => h.items.map((i: any) => i.fieldId))).toEqual(expect.arrayContaining(['summary', 'priority', 'status']));
  });

  it('pages search results with nextPageToken', async () => {
    const jira = client();
    const updates = Array.from({ length: 12 }, (_, n) => ({ fields: { project: { key: projectKey }, issuetype: { name: 'Task' }, summary: `Paged ${n}`, labels: ['paged'] } }));
    expect((await jira('POST', '/rest/api/3/issue/bulk', { issueUpdates: updates })).body.issues).toHaveLength(12);
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await jira('POST', '/rest/api/3/search/jql', { jql: 'labels = paged ORDER BY key ASC', fields: ['summary'], maxResults: 5, ...(token ? { nextPageToken: token } : {}) });
      seen.push(...page.body.issues.map((i: any) => i.fields.summary));
      token = page.body.nextPageToken;
      expect(page.body.isLast).toBe(token === undefined);
    } while (token);
    expect(seen).toEqual(Array.from({ length: 12 }, (_, n) => `Paged ${n}`));
  });
});

describe('issue properties set by a create', () => {
  it('keeps them on single and bulk creates, returns them from search and bulkfetch, and refuses malformed ones', async () => {
    const jira = restClient(http, `${server.origin}/alpha`);
    const fields = (summary: string) => ({ project: { key: 'SUP' }, issuetype: { name: 'Task' }, summary });
    const mark = { connectionId: 'sup-dev', issueId: '10042' };
    const one = await jira('POST', '/rest/api/3/issue', { fields: fields('With a mark'), properties: [{ key: 'lockstep.origin', value: mark }] });
    expect(one.status).toBe(201);
    expect((await jira('GET', `/rest/api/3/issue/${one.body.key}/properties/lockstep.origin`)).body).toEqual({ key: 'lockstep.origin', value: mark });
    const bulk = await jira('POST', '/rest/api/3/issue/bulk', { issueUpdates: [
      { fields: fields('Bulk with a mark'), properties: [{ key: 'lockstep.origin', value: { ...mark, issueId: '10043' } }] },
      { fields: fields('Bulk with a bad mark'), properties: [{ value: 1 }] },
    ] });
    expect(bulk.status).toBe(201);
    expect(bulk.body.errors).toEqual([expect.objectContaining({ failedElementNumber: 1, status: 400 })]);
    const since = emulator.site('alpha').now() - 60_000;
    const found = await jira('POST', '/rest/api/3/search/jql', { jql: `project = SUP AND created >= ${since} ORDER BY created ASC`, fields: ['id', 'key'], properties: ['lockstep.origin'] });
    const marks = found.body.issues.filter((i: any) => i.properties?.['lockstep.origin']).map((i: any) => i.properties['lockstep.origin'].issueId);
    expect(marks).toEqual(['10042', '10043']);
    const fetched = await jira('POST', '/rest/api/3/issue/bulkfetch', { issueIdsOrKeys: [one.body.key], fields: ['summary'], properties: ['lockstep.origin'] });
    expect(fetched.body.issues[0].properties).toEqual({ 'lockstep.origin': mark });
    expect((await jira('POST', '/rest/api/3/issue', { fields: fields('Too long a key'), properties: [{ key: 'k'.repeat(256), value: 1 }] })).status).toBe(400);
    expect((await jira('POST', '/rest/api/3/issue', { fields: fields('Not a list'), properties: { key: 'a', value: 1 } })).status).toBe(400);
  });
});

describe('authentication and permissions', () => {
  it('answers 401 without credentials or with a wrong token', async () => {
    expect((await fetch(`${server.origin}/alpha/rest/api/3/myself`)).status).toBe(401);
    const wrong = await fetch(`${server.origin}/alpha/rest/api/3/myself`, { headers: { Authorization: 'Basic ' + Buffer.from('ada@lockstep.test:nope').toString('base64') } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ errorMessages: [expect.stringContaining('not authenticated')] });
  });

  it('hides the issues of projects a user may not browse behind 404', async () => {
    const ada = restClient(http, `${server.origin}/alpha`);
    const created = await ada('POST', '/rest/api/3/issue', { fields: { project: { key: 'SUP' }, issuetype: { name: 'Task' }, summary: 'Private' } });
    const omar = restClient(http, `${server.origin}/alpha`, 'omar');
    expect((await omar('GET', `/rest/api/3/issue/${created.body.key}`)).status).toBe(404);
    expect((await omar('POST', '/rest/api/3/search/jql', { jql: 'project = SUP' })).body.issues).toEqual([]);
    const perms = await omar('GET', '/rest/api/3/mypermissions?projectKey=SUP&permissions=BROWSE_PROJECTS');
    expect(perms.body.permissions.BROWSE_PROJECTS.havePermission).toBe(false);
    const sam = restClient(http, `${server.origin}/alpha`, 'sam');
    const samPerms = await sam('GET', '/rest/api/3/mypermissions?projectKey=SUP&permissions=BROWSE_PROJECTS,ADMINISTER_PROJECTS');
    expect(samPerms.body.permissions).toMatchObject({ BROWSE_PROJECTS: { havePermission: true }, ADMINISTER_PROJECTS: { havePermission: false } });
  });
});

describe('rate limits', () => {
  it('returns 429 with Retry-After and RateLimit-Reason once limits are on, and none while off', async () => {
    const jira = restClient(http, `${server.origin}/beta`);
    const burst = async () => Promise.all(Array.from({ length: 40 }, () => jira('GET', '/rest/api/3/serverInfo')));
    expect((await burst()).every((r) => r.status === 200)).toBe(true);
    emulator.configureRateLimits({ enabled: true, burstOverrides: { 'GET /rest/api/3/serverInfo': 10 } });
    try {
      const replies = await burst();
      const limited = replies.filter((r) => r.status === 429);
      expect(limited.length).toBeGreaterThanOrEqual(30);
      expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(limited[0]!.headers.get('ratelimit-reason')).toBe('jira-burst-based');
      expect(replies.find((r) => r.status === 200)!.headers.get('x-ratelimit-limit')).toBe('65000');
    } finally {
      emulator.configureRateLimits({ enabled: false });
      emulator.resetLimits();
    }
  });
});

describe('product events', () => {
  it('publishes Forge-shaped events with the actor for every change', async () => {
    const beta = emulator.site('beta');
    const before = beta.events.log.length;
    const jira = restClient(http, `${server.origin}/beta`, 'dana');
    const created = await jira('POST', '/rest/api/3/issue', { fields: { project: { key: 'DEV' }, issuetype: { name: 'Task' }, summary: 'Event me' } });
    await jira('PUT', `/rest/api/3/issue/${created.body.key}`, { fields: { summary: 'Event me twice' } });
    await jira('POST', `/rest/api/3/issue/${created.body.key}/comment`, { body: doc('hi') });
    const events = beta.events.log.slice(before);
    expect(events.map((e) => e.payload.eventType)).toEqual(['avi:jira:created:issue', 'avi:jira:updated:issue', 'avi:jira:commented:issue']);
    expect(events.every((e) => e.payload.atlassianId === '5b10a2844c20165700ede23c')).toBe(true);
    expect(events[1]!.payload['changelog']).toMatchObject({ items: [{ fieldId: 'summary', fromString: 'Event me', toString: 'Event me twice' }] });
    expect(events[0]!.payload['issue']).toMatchObject({ key: created.body.key, fields: { summary: 'Event me', project: { key: 'DEV' } } });
  });
});
