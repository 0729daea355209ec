/**
 * The sync engine end to end, two sites in one process through the local Forge runtime and the real
 * @forge/* packages: alpha SUP ↔ beta DEV cross-site.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kvsPairs } from '../../src/forge/adapters/kvs-pairs';
import { doc } from '../support/jira';
import { startSyncHarness, type SyncHarness } from '../support/sync';

let h: SyncHarness;
beforeAll(async () => { h = await startSyncHarness([{ id: 'sup-dev', a: { site: 'alpha', project: 'SUP' }, b: { site: 'beta', project: 'DEV' } }]); });
afterAll(async () => { await h?.close(); });

const partnerOf = async (site: string, connectionId: string, localIssueId: string) => h.runtime.runAs(site, () => kvsPairs.byLocal(connectionId, localIssueId));

async function createOnAlpha(fields: Record<string, unknown>) {
  const res = await h.rest('alpha')('POST', '/rest/api/3/issue', { fields: { project: { key: 'SUP' }, issuetype: { name: 'Task' }, ...fields } });
  expect(res.status).toBe(201);
  return res.body as { id: string; key: string };
}

describe('cross-site sync alpha SUP ↔ beta DEV', () => {
  it('creates an issue made on alpha on beta, with its mapped fields, within 5 s of sandbox time', async () => {
    const start = h.clock.now();
    const created = await createOnAlpha({ summary: 'Customer cannot log in', description: doc('Since Monday.'), labels: ['sso'], priority: { name: 'High' } });
    await h.settle();
    const pair = await partnerOf('alpha', 'sup-dev', created.id);
    expect(pair).toBeDefined();
    expect(h.clock.now() - start).toBeLessThanOrEqual(5_000);
    const beta = await h.rest('beta')('GET', `/rest/api/3/issue/${pair!.partnerIssueId}`);
    expect(beta.body.fields).toMatchObject({ summary: 'Customer cannot log in', labels: ['sso'], priority: { name: 'High' }, description: doc('Since Monday.'), project: { key: 'DEV' } });
  });
});

async function syncedPair() {
  const created = await createOnAlpha({ summary: 'Pair for edits' });
  await h.settle();
  const pair = await partnerOf('alpha', 'sup-dev', created.id);
  if (!pair) throw new Error('issue did not sync');
  return { alpha: created.id, beta: pair.partnerIssueId, alphaKey: created.key, betaKey: pair.partnerIssueKey };
}

const get = async (site: string, id: string) => (await h.rest(site)('GET', `/rest/api/3/issue/${id}`)).body.fields as Record<string, any>;

describe('every mapped field type, both ways', () => {
  const SAM = '5b10a2844c20165700ede22b';
  const DANA = '5b10a2844c20165700ede23c';
  const values = (site: string, variant: 1 | 2) => ({
    summary: `Summary ${variant}`,
    description: doc(`Description ${variant}`),
    environment: doc(`Environment ${variant}`),
    priority: { name: variant === 1 ? 'Highest' : 'Low' },
    labels: variant === 1 ? ['one', 'two'] : ['three'],
    components: [{ name: variant === 1 ? 'Billing' : 'API' }],
    fixVersions: [{ name: variant === 1 ? '2.0' : '1.1' }],
    versions: [{ name: '1.0' }],
    duedate: variant === 1 ? '2026-12-01' : '2027-01-15',
    assignee: { accountId: variant === 1 ? SAM : DANA },
    [h.fieldId(site, 'Customer')]: `Acme ${variant}`,
    [h.fieldId(site, 'Root cause')]: doc(`Cause ${variant}`),
    [h.fieldId(site, 'Story Points')]: variant === 1 ? 5 : 8,
    [h.fieldId(site, 'Start date')]: variant === 1 ? '2026-11-03' : '2026-11-10',
    [h.fieldId(site, 'Escalated at')]: variant === 1 ? '2026-11-02T10:00:00.000+0000' : '2026-11-04T12:30:00.000+0000',
    [h.fieldId(site, 'Severity')]: { value: variant === 1 ? 'Critical' : 'Minor' },
    [h.fieldId(site, 'Platforms')]: variant === 1 ? [{ value: 'Web' }, { value: 'iOS' }] : [{ value: 'Android' }],
    [h.fieldId(site, 'Team lead')]: { accountId: variant === 1 ? DANA : SAM },
    [h.fieldId(site, 'Tags')]: variant === 1 ? ['hot'] : ['cold', 'later'],
    [h.fieldId(site, 'Reference URL')]: `https://example.com/${variant}`,
  });
  const expectValues = (fields: Record<string, any>, site: string, variant: 1 | 2) => {
    const v = values(site, variant);
    expect(fields['summary']).toBe(v.summary);
    expect(fields['description']).toEqual(v.description);
    expect(fields['environment']).toEqual(v.environment);
    expect(fields['priority'].name).toBe(v.priority.name);
    expect(fields['labels']).toEqual(v.labels);
    expect(fields['components'].map((c: any) => c.name)).toEqual(v.components.map((c) => c.name));
    expect(fields['fixVersions'].map((c: any) => c.name)).toEqual(v.fixVersions.map((c) => c.name));
    expect(fields['versions'].map((c: any) => c.name)).toEqual(['1.0']);
    expect(fields['duedate']).toBe(v.duedate);
    expect(fields['assignee'].accountId).toBe(v.assignee.accountId);
    expect(fields[h.fieldId(site, 'Customer')]).toBe(`Acme ${variant}`);
    expect(fields[h.fieldId(site, 'Root cause')]).toEqual(doc(`Cause ${variant}`));
    expect(fields[h.fieldId(site, 'Story Points')]).toBe(variant === 1 ? 5 : 8);
    expect(fields[h.fieldId(site, 'Start date')]).toBe(variant === 1 ? '2026-11-03' : '2026-11-10');
    expect(Date.parse(fields[h.fieldId(site, 'Escalated at')].replace(/([+-]\d{2})(\d{2})$/, '$1:$2'))).toBe(Date.parse(variant === 1 ? '2026-11-02T10:00:00Z' : '2026-11-04T12:30:00Z'));
    expect(fields[h.fieldId(site, 'Severity')].value).toBe(variant === 1 ? 'Critical' : 'Minor');
    expect(fields[h.fieldId(site, 'Platforms')].map((o: any) => o.value)).toEqual(variant === 1 ? ['Web', 'iOS'] : ['Android']);
    expect(fields[h.fieldId(site, 'Team lead')].accountId).toBe(variant === 1 ? DANA : SAM);
    expect(fields[h.fieldId(site, 'Tags')]).toEqual(variant === 1 ? ['hot'] : ['cold', 'later']);
    expect(fields[h.fieldId(site, 'Reference URL')]).toBe(`https://example.com/${variant}`);
  };

  it('carries an edit of each field from alpha to beta, and another from beta back to alpha', async () => {
    const p = await syncedPair();
    const mark = h.runtime.invocations.length;
    expect((await h.rest('alpha')('PUT', `/rest/api/3/issue/${p.alpha}`, { fields: values('alpha', 1) })).status).toBe(204);
    await h.settle();
    if (process.env['TRACE']) console.log(h.trace(mark));
    expectValues(await get('beta', p.beta), 'beta', 1);
    h.clock.advance(60_000);
    expect((await h.rest('beta', 'dana')('PUT', `/rest/api/3/issue/${p.beta}`, { fields: values('beta', 2) })).status).toBe(204);
    await h.settle();
    expectValues(await get('alpha', p.alpha), 'alpha', 2);
  });
});

describe('workflow, comments, attachments and links', () => {
  it('moves beta along its own workflow when alpha resolves, and alpha when beta reopens', async () => {
    const p = await syncedPair();
    const rest = h.rest('alpha');
    const transitions = (await rest('GET', `/rest/api/3/issue/${p.alpha}/transitions`)).body.transitions as Array<{ id: string; to: { name: string } }>;
    // SUP: Open → In Progress → Resolved; DEV must walk To Do → In Progress → In Review → Done.
    await rest('POST', `/rest/api/3/issue/${p.alpha}/transitions`, { transition: { id: transitions.find((t) => t.to.name === 'In Progress')!.id } });
    const next = (await rest('GET', `/rest/api/3/issue/${p.alpha}/transitions`)).body.transitions as Array<{ id: string; to: { name: string } }>;
    const resolve = next.find((t) => t.to.name === 'Resolved');
    expect(resolve).toBeDefined();
    await rest('POST', `/rest/api/3/issue/${p.alpha}/transitions`, { transition: { id: resolve!.id } });
    await h.settle();
    expect((await get('beta', p.beta))['status'].name).toBe('Done');
    h.clock.advance(60_000);
    const back = (await h.rest('beta', 'dana')('GET', `/rest/api/3/issue/${p.beta}/transitions`)).body.transitions as Array<{ id: string; to: { name: string } }>;
    await h.rest('beta', 'dana')('POST', `/rest/api/3/issue/${p.beta}/transitions`, { transition: { id: back.find((t) => t.to.name === 'To Do')!.id } });
    await h.settle();
    expect((await get('alpha', p.alpha))['status'].name).toBe('Open');
  });

  it('copies comments both ways with author and time, and follows edits and deletes', async () => {
    const p = await syncedPair();
    const c = await h.rest('alpha', 'sam')('POST', `/rest/api/3/issue/${p.alpha}/comment`, { body: doc('Customer called again.') });
    expect(c.status).toBe(201);
    await h.settle();
    let onBeta = (await h.rest('beta')('GET', `/rest/api/3/issue/${p.beta}/comment`)).body.comments as Array<{ id: string; body: any }>;
    expect(onBeta).toHaveLength(1);
    expect(JSON.stringify(onBeta[0]!.body)).toContain('Sam Support wrote on 2026-11-02');
    expect(JSON.stringify(onBeta[0]!.body)).toContain('Customer called again.');
    await h.rest('alpha', 'sam')('PUT', `/rest/api/3/issue/${p.alpha}/comment/${c.body.id}`, { body: doc('Customer called twice.') });
    await h.settle();
    onBeta = (await h.rest('beta')('GET', `/rest/api/3/issue/${p.beta}/comment`)).body.comments;
    expect(onBeta).toHaveLength(1);
    expect(JSON.stringify(onBeta[0]!.body)).toContain('Customer called twice.');
    const reply = await h.rest('beta', 'dana')('POST', `/rest/api/3/issue/${p.beta}/comment`, { body: doc('Fix is in review.') });
    await h.settle();
    const onAlpha = (await h.rest('alpha')('GET', `/rest/api/3/issue/${p.alpha}/comment`)).body.comments as Array<{ body: any }>;
    expect(onAlpha).toHaveLength(2);
    expect(JSON.stringify(onAlpha[1]!.body)).toContain('Dana Developer wrote on');
    await h.rest('beta', 'dana')('DELETE', `/rest/api/3/issue/${p.beta}/comment/${reply.body.id}`);
    await h.settle();
    expect((await h.rest('alpha')('GET', `/rest/api/3/issue/${p.alpha}/comment`)).body.comments).toHaveLength(1);
  });

  it('carries an attachment each way, byte for byte', async () => {
    const p = await syncedPair();
    const upload = async (site: string, id: string, name: string, text: string) => {
      const form = new FormData();
      form.append('file', new Blob([text], { type: 'text/plain' }), name);
      const res = await h.rest(site)('POST', `/rest/api/3/issue/${id}/attachments`, form, { 'X-Atlassian-Token': 'no-check' });
      expect(res.status).toBe(200);
    };
    const mark = h.runtime.invocations.length;
    await upload('alpha', p.alpha, 'log.txt', 'line one\nline two\n');
    await h.settle();
    if (process.env['TRACE']) console.log(h.trace(mark));
    await upload('beta', p.beta, 'trace.txt', 'stack trace');
    await h.settle();
    for (const [site, id] of [['alpha', p.alpha], ['beta', p.beta]] as const) {
      const files = (await get(site, id))['attachment'] as Array<{ id: string; filename: string }>;
      expect(files.map((f) => f.filename).sort()).toEqual(['log.txt', 'trace.txt']);
      const log = files.find((f) => f.filename === 'log.txt')!;
      const content = await h.rest(site)('GET', `/rest/api/3/attachment/content/${log.id}?redirect=false`);
      expect(content.body).toBe('line one\nline two\n');
    }
  });

  it('links the partners of two synced issues when they are linked', async () => {
    const one = await syncedPair();
    const two = await syncedPair();
    const res = await h.rest('alpha')('POST', '/rest/api/3/issueLink', { type: { name: 'Blocks' }, inwardIssue: { id: one.alpha }, outwardIssue: { id: two.alpha } });
    expect(res.status).toBe(201);
    await h.settle();
    const links = (await get('beta', one.beta))['issuelinks'] as Array<{ type: { name: string }; inwardIssue?: { id: string }; outwardIssue?: { id: string } }>;
    expect(links).toHaveLength(1);
    expect(links[0]!.type.name).toBe('Blocks');
    expect(links[0]!.inwardIssue?.id ?? links[0]!.outwardIssue?.id).toBe(two.beta);
  });
});

describe('no echo, and what it costs', () => {
  // Beta reads the changelog of the changed fields before writing (newest wins against a change whose event is late: newer-here.ts).
  it('makes exactly one Jira write on beta and none back on alpha for one edit, 3 requests at most in all', async () => {
    const p = await syncedPair();
    const from = h.exchanges.length;
    await h.rest('alpha')('PUT', `/rest/api/3/issue/${p.alpha}`, { fields: { [h.fieldId('alpha', 'Customer')]: 'Globex' } });
    await h.settle();
    const after = h.exchanges.slice(from + 1); // what Lockstep did after the user's own PUT
    expect(h.writes(from + 1, 'beta').filter((e) => !e.path.endsWith('/changelog/bulkfetch')).map((e) => `${e.method} ${e.template}`)).toEqual(['PUT /rest/api/3/issue/{issueIdOrKey}']);
    expect(h.writes(from + 1, 'alpha')).toEqual([]);
    expect(after.length).toBeLessThanOrEqual(3);
    expect((await get('beta', p.beta))[h.fieldId('beta', 'Customer')]).toBe('Globex');
  });

  it('costs two requests in all when the event carries the value (summary): the changelog check and the write', async () => {
    const p = await syncedPair();
    const from = h.exchanges.length;
    await h.rest('alpha')('PUT', `/rest/api/3/issue/${p.alpha}`, { fields: { summary: 'Cheaper' } });
    await h.settle();
    expect(h.exchanges.slice(from + 1).map((e) => `${e.site} ${e.method} ${e.template}`)).toEqual(['beta POST /rest/api/3/changelog/bulkfetch', 'beta PUT /rest/api/3/issue/{issueIdOrKey}']);
  });
});

describe('request costs stated in docs/sync.md', () => {
  const lockstepRequests = (from: number) => h.exchanges.slice(from + 1).map((e) => `${e.site} ${e.method} ${e.template}`);
  it('create: one read on alpha, one create on beta, and the backfill read on alpha when the pair comes back', async () => {
    const from = h.exchanges.length;
    await createOnAlpha({ summary: 'Counted create' });
    await h.settle();
    expect(lockstepRequests(from)).toEqual(['alpha GET /rest/api/3/issue/{issueIdOrKey}', 'beta POST /rest/api/3/issue', 'alpha GET /rest/api/3/issue/{issueIdOrKey}']);
  });
  it('comment: one write on beta', async () => {
    const p = await syncedPair();
    const from = h.exchanges.length;
    await h.rest('alpha')('POST', `/rest/api/3/issue/${p.alpha}/comment`, { body: doc('Counted comment') });
    await h.settle();
    expect(lockstepRequests(from)).toEqual(['beta POST /rest/api/3/issue/{issueIdOrKey}/comment']);
  });
  it('status change one transition away: the changelog check, then list and do on beta', async () => {
    const p = await syncedPair();
    const t = (await h.rest('alpha')('GET', `/rest/api/3/issue/${p.alpha}/transitions`)).body.transitions as Array<{ id: string; to: { name: string } }>;
    const from = h.exchanges.length;
    await h.rest('alpha')('POST', `/rest/api/3/issue/${p.alpha}/transitions`, { transition: { id: t.find((x) => x.to.name === 'In Progress')!.id } });
    await h.settle();
    expect(lockstepRequests(from)).toEqual(['beta POST /rest/api/3/changelog/bulkfetch', 'beta GET /rest/api/3/issue/{issueIdOrKey}/transitions', 'beta POST /rest/api/3/issue/{issueIdOrKey}/transitions']);
  });
});

describe('concurrent edits', () => {
  it('converges a field edited on both sides to the newest edit, and keeps edits of different fields', async () => {
    const p = await syncedPair();
    h.clock.advance(1_000);
    await h.rest('alpha')('PUT', `/rest/api/3/issue/${p.alpha}`, { fields: { summary: 'Alpha wording', labels: ['from-alpha'] } });
    h.clock.advance(1_000);
    await h.rest('beta', 'dana')('PUT', `/rest/api/3/issue/${p.beta}`, { fields: { summary: 'Beta wording, later', duedate: '2027-02-01' } });
    await h.settle();
    for (const [site, id] of [['alpha', p.alpha], ['beta', p.beta]] as const) {
      const f = await get(site, id);
      expect(f['summary']).toBe('Beta wording, later');
      expect(f['labels']).toEqual(['from-alpha']);
      expect(f['duedate']).toBe('2027-02-01');
    }
  });
});

describe('partner outage', () => {
  it('delivers everything, in order and once, after beta was unreachable for 10 minutes', async () => {
    const p = await syncedPair();
    h.runtime.unreachable.add('beta');
    const rest = h.rest('alpha');
    for (let minute = 1; minute <= 10; minute++) {
      await rest('PUT', `/rest/api/3/issue/${p.alpha}`, { fields: { summary: `Outage edit ${minute}`, labels: [`m${minute}`] } });
      await rest('POST', `/rest/api/3/issue/${p.alpha}/comment`, { body: doc(`Update ${minute}`) });
      await h.runtime.idle();
      await h.runtime.advance(60_000);
    }
    expect((await get('beta', p.beta))['summary']).toBe('Pair for edits');
    h.runtime.unreachable.delete('beta');
    await h.settle(30 * 60_000);
    const f = await get('beta', p.beta);
    expect(f['summary']).toBe('Outage edit 10');
    expect(f['labels']).toEqual(['m10']);
    const comments = ((await h.rest('beta')('GET', `/rest/api/3/issue/${p.beta}/comment`)).body.comments as Array<{ body: any }>).map((c) => JSON.stringify(c.body));
    expect(comments).toHaveLength(10);
    comments.forEach((c, i) => expect(c).toContain(`Update ${i + 1}`));
  });
});

describe('the error list', () => {
  it('parks a message that cannot apply, holds the issue\'s later messages behind it, and lets an admin skip it', async () => {
    const { kvsSyncState } = await import('../../src/forge/adapters/kvs-sync-state');
    const { skipParked } = await import('../../src/engine/sync/errors');
    const { forgeSyncDeps } = await import('../../src/forge/adapters/sync-deps');
    const p = await syncedPair();
    const other = await syncedPair();
    // Someone deletes beta's copy behind Lockstep's back: alpha's next comment cannot be applied there.
    expect((await h.rest('beta', 'ada')('DELETE', `/rest/api/3/issue/${p.beta}`)).status).toBe(204);
    await h.rest('alpha')('POST', `/rest/api/3/issue/${p.alpha}/comment`, { body: doc('Anyone there?') });
    await h.settle();
    await h.rest('alpha')('PUT', `/rest/api/3/issue/${p.alpha}`, { fields: { summary: 'Edited after the failure' } });
    await h.rest('alpha')('PUT', `/rest/api/3/issue/${other.alpha}`, { fields: { summary: 'Other issues keep flowing' } });
    await h.settle();
    const parked = await h.runtime.runAs('beta', () => kvsSyncState.listParked('sup-dev'));
    expect(parked.map((x) => [x.direction, x.message.change.kind, x.reason])).toEqual([['in', 'comment', expect.stringContaining('404')]]);
    expect(await h.runtime.runAs('beta', () => kvsSyncState.isBlocked('sup-dev', p.alpha))).toBe(true);
    expect((await get('beta', other.beta))['summary']).toBe('Other issues keep flowing');
    // Skipping the comment lets the waiting edit try its turn (it parks too: the issue is gone).
    const skipped = await h.runtime.runAs('beta', () => skipParked(forgeSyncDeps(), 'sup-dev', 'in', parked[0]!.message.messageId, '5b10a2844c20165700ede21a'));
    expect(skipped).toEqual({ done: expect.stringContaining('skipped') });
    await h.settle();
    const after = await h.runtime.runAs('beta', () => kvsSyncState.listParked('sup-dev'));
    expect(after.map((x) => x.message.change.kind)).toEqual(['issue']);
    expect(after[0]!.message.seq).toBe(parked[0]!.message.seq + 1);
  });
});

describe('Sync info panel', () => {
  it('shows each side its partner issue and when it last sent and received', async () => {
    const p = await syncedPair();
    const panel = async (site: string, key: string) => {
      const out = await h.runtime.invokeResolver({ site, moduleKey: 'lockstep-sync-info', accountId: '5b10a2844c20165700ede22b', functionKey: 'getIssueSync', payload: {}, context: { extension: { issue: { key } } } });
      if (out.status !== 'ok') throw out.error;
      return out.value as { syncs: Array<{ syncId: string; partnerKey: string; status: string; lastSent: string | null; lastReceived: string | null }> };
    };
    const alpha = await panel('alpha', p.alphaKey);
    expect(alpha.syncs).toEqual([expect.objectContaining({ syncId: 'sup-dev', partnerKey: p.betaKey, status: 'up-to-date' })]);
    const beta = await panel('beta', p.betaKey);
    expect(beta.syncs).toEqual([expect.objectContaining({ syncId: 'sup-dev', partnerKey: p.alphaKey, status: 'up-to-date', lastReceived: expect.any(String) })]);
  });
});

describe('settings resolvers for a sync: configuration, health, errors, audit', () => {
  const ADA = '5b10a2844c20165700ede21a';
  const SAM = '5b10a2844c20165700ede22b';
  const call = async (functionKey: string, payload: unknown, accountId = ADA, project = 'SUP') => {
    const out = await h.runtime.invokeResolver({ site: 'alpha', moduleKey: 'lockstep-settings', accountId, functionKey, payload, context: { accountId, extension: { project: { key: project } } } });
    if (out.status !== 'ok') throw out.error;
    return out.value as any;
  };

  it('validates and audits a configuration change, and reports health and the audit trail', async () => {
    const { config, saved } = await call('getSyncConfig', { connectionId: 'sup-dev' });
    expect(saved).toBe(true);
    expect(config.partner).toEqual({ site: 'beta', projectKey: 'DEV' });
    const bad = await call('saveSyncConfig', { connectionId: 'sup-dev', config: { ...config, fields: [{ kind: 'system', field: 'summary', direction: 'sideways' }] } });
    expect(bad.problems[0]).toMatchObject({ at: 'fields.0.direction' });
    expect(await call('getSyncConfig', { connectionId: 'sup-dev' })).toEqual({ config, saved: true });
    const narrower = { ...config, comments: { ...config.comments, direction: 'to-partner' } };
    expect(await call('saveSyncConfig', { connectionId: 'sup-dev', config: narrower })).toEqual({ saved: true, changes: ['Comments: direction both → to-partner'] });
    const audit = await call('listSyncAudit', { connectionId: 'sup-dev' });
    expect(audit.entries[0]).toMatchObject({ action: 'config.changed', actor: ADA, actorName: 'Ada Admin', detail: 'Comments: direction both → to-partner' });
    await syncedPair(); // one create sent from alpha, one 'paired' answer applied on alpha
    const health = await call('getSyncHealth', { connectionId: 'sup-dev' });
    expect(health.counts.sent).toBeGreaterThanOrEqual(1);
    expect(health.counts.applied).toBeGreaterThanOrEqual(1);
    expect(health).toMatchObject({ openErrors: 0, lastSentAt: expect.any(String) });
    await call('saveSyncConfig', { connectionId: 'sup-dev', config });
  });

  it('refuses non-admins and syncs of other projects, and names bad input', async () => {
    expect(await call('getSyncHealth', { connectionId: 'sup-dev' }, SAM)).toMatchObject({ error: { status: 403 } });
    expect(await call('getSyncHealth', { connectionId: 'sup-dev' }, ADA, 'OPS')).toMatchObject({ error: { status: expect.any(Number) } });
    expect(await call('listSyncErrors', { connectionId: '../x' })).toMatchObject({ error: { status: 400, message: expect.stringContaining('connectionId') } });
  });
});
