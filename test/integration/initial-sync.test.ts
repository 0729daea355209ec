/**
 * "Sync existing issues" end to end, through the settings resolver and the jobs queue of the local Forge
 * runtime: 230 issues that existed on alpha SUP before the sync started (seeded straight into the
 * emulator, so no product event shares them) are created on beta DEV in bulk, sub-tasks under their
 * parents and statuses moved; the Jira requests are counted. Then a second run, a value DEV refuses,
 * and a same-site sync alpha OPS ↔ alpha QA.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareIssue } from '../../sandbox/jira/issues/create';
import type { Site } from '../../sandbox/jira/model/site';
import { PEOPLE } from '../../sandbox/jira/sites';
import { kvsConnections } from '../../src/forge/adapters/kvs-connections';
import { kvsPairs } from '../../src/forge/adapters/kvs-pairs';
import type { Pair } from '../../src/ports/pairs';
import { startSyncHarness, type SyncHarness } from '../support/sync';

let h: SyncHarness;
beforeAll(async () => {
  h = await startSyncHarness([
    { id: 'sup-dev', a: { site: 'alpha', project: 'SUP' }, b: { site: 'beta', project: 'DEV' } },
    { id: 'ops-qa', a: { site: 'alpha', project: 'OPS' }, b: { site: 'alpha', project: 'QA' } },
  ], (emulator) => {
    for (const key of ['OPS', 'QA']) emulator.site('alpha').addProject({ key, name: key, description: key, template: 'software', leadAccountId: PEOPLE.ada.accountId, members: [PEOPLE.sam.accountId], admins: [PEOPLE.ada.accountId] });
  });
  // Epics stay on SUP: one issue type this sync does not map.
  await h.runtime.runAs('alpha', async () => {
    const config = (await kvsConnections.config('sup-dev'))!;
    await kvsConnections.saveConfig('sup-dev', { ...config, issueTypes: config.issueTypes.filter((t) => t.local.name !== 'Epic') });
  });
}, 60_000);
afterAll(async () => { await h?.close(); });

interface Seed { type: string; summary: string; fields?: Record<string, unknown>; parent?: string; status?: string }

/** Issues straight into the emulator's store, without product events: they existed before the sync. */
function seed(site: Site, projectKey: string, seeds: readonly Seed[]): string[] {
  const ada = site.users.get(PEOPLE.ada.accountId)!;
  const project = site.projectByKey(projectKey)!;
  return seeds.map((s) => {
    const issue = prepareIssue(site, ada, { fields: { project: { key: projectKey }, issuetype: { name: s.type }, summary: s.summary, ...s.fields, ...(s.parent ? { parent: { key: s.parent } } : {}) } });
    issue.key = `${projectKey}-${project.nextIssueNumber++}`;
    if (s.status) issue.statusId = site.statusByName(s.status)!.id;
    site.issues.set(issue.id, issue);
    site.issueIdByKey.set(issue.key, issue.id);
    return issue.key;
  });
}

async function settings(site: string, project: string, functionKey: string, payload: Record<string, unknown>, who: keyof typeof PEOPLE = 'ada'): Promise<any> {
  const accountId = PEOPLE[who].accountId;
  const out = await h.runtime.invokeResolver({ site, moduleKey: 'lockstep-settings', accountId, functionKey, payload, context: { accountId, extension: { project: { key: project } } } });
  if (out.status !== 'ok') throw out.error;
  return out.value;
}

/** Starts the job as Ada, lets every queue run, and returns the finished job. */
async function runInitialSync(site: string, project: string, connectionId: string): Promise<any> {
  const started = await settings(site, project, 'startInitialSync', { connectionId });
  expect(started, JSON.stringify(started.error)).toMatchObject({ kind: 'initial-sync', state: 'queued' });
  await h.settle();
  const job = await settings(site, project, 'getSyncJob', { connectionId, jobId: started.id });
  expect(job.state, job.error ?? h.trace()).toBe('done');
  return job;
}

const allPairs = (site: string, connectionId: string) => h.runtime.runAs(site, async () => {
  const out: Pair[] = [];
  let cursor: string | undefined;
  do { const p = await kvsPairs.list(connectionId, { limit: 1000, ...(cursor ? { cursor } : {}) }); out.push(...p.pairs); cursor = p.cursor; } while (cursor);
  return out;
});

async function issuesOf(site: string, project: string, fields: string[]): Promise<Map<string, { id: string; key: string; fields: any }>> {
  const out = new Map<string, { id: string; key: string; fields: any }>();
  let token: string | undefined;
  do {
    const r = await h.rest(site, 'ada')('POST', '/rest/api/3/search/jql', { jql: `project = ${project} ORDER BY key ASC`, fields, maxResults: 100, ...(token ? { nextPageToken: token } : {}) });
    for (const i of r.body.issues) out.set(i.key, i);
    token = r.body.nextPageToken;
  } while (token);
  return out;
}

/** What the app asked Jira since `from`, by kind, on each site. */
function requestsSince(from: number) {
  const app = h.exchanges.slice(from).filter((e) => e.caller !== PEOPLE.ada.accountId);
  const is = (method: string, path: RegExp) => app.filter((e) => e.method === method && path.test(e.path));
  return {
    all: app.length,
    searches: is('POST', /^\/rest\/api\/3\/search\/jql$/).length,
    counts: is('POST', /^\/rest\/api\/3\/search\/approximate-count$/).length,
    bulkCreates: is('POST', /^\/rest\/api\/3\/issue\/bulk$/).length,
    singleCreates: is('POST', /^\/rest\/api\/3\/issue$/).length,
    transitions: is('GET', /\/transitions$/).length + is('POST', /\/transitions$/).length,
  };
}

const PRIORITIES = ['Highest', 'High', 'Medium', 'Low', 'Lowest'];
const TASKS = 210;
const SUBTASKS = 15;
const EPICS = 5;
const MOVED = 10;

describe('sync existing issues: alpha SUP → beta DEV', () => {
  let supKeys: string[] = [];
  let counts: ReturnType<typeof requestsSince>;

  it('creates every mapped issue on DEV in bulk, sub-tasks under their parents, statuses moved, at under 0.05 requests an issue besides the status moves', async () => {
    const alpha = h.emulator.site('alpha');
    const customer = h.fieldId('alpha', 'Customer');
    const severity = h.fieldId('alpha', 'Severity');
    const tasks = seed(alpha, 'SUP', Array.from({ length: TASKS }, (_, i) => ({
      type: 'Task', summary: `Existing ticket ${i + 1}`,
      fields: { priority: { name: PRIORITIES[i % 5] }, labels: [`batch-${i % 3}`], [customer]: `Customer ${i % 7}`, [severity]: { value: ['Critical', 'Major', 'Minor'][i % 3] } },
      ...(i < MOVED ? { status: 'In Progress' } : {}),
    })));
    const subtasks = seed(alpha, 'SUP', Array.from({ length: SUBTASKS }, (_, i) => ({ type: 'Sub-task', summary: `Step ${i + 1}`, parent: tasks[20 + (i % 5)]! })));
    const epics = seed(alpha, 'SUP', Array.from({ length: EPICS }, (_, i) => ({ type: 'Epic', summary: `Theme ${i + 1}` })));
    supKeys = [...tasks, ...subtasks, ...epics];
    const n = supKeys.length;
    expect(n).toBe(230);

    const from = h.exchanges.length;
    const job = await runInitialSync('alpha', 'SUP', 'sup-dev');
    counts = requestsSince(from);
    const mapped = TASKS + SUBTASKS;
    expect(job).toMatchObject({ done: n, total: n });
    expect(job.summary).toBe(`Shared ${mapped} issues: created ${mapped} on DEV (${MOVED} moved to their status); 0 already paired; ${EPICS} skipped (issue type Epic is not synced); 0 failed.`);

    // Every mapped issue is paired on both sides, the same pairs.
    const alphaPairs = await allPairs('alpha', 'sup-dev');
    const betaPairs = await allPairs('beta', 'sup-dev');
    expect(alphaPairs).toHaveLength(mapped);
    expect(betaPairs).toHaveLength(mapped);
    const partnerOf = new Map(alphaPairs.map((p) => [p.localIssueKey, p.partnerIssueKey]));
    expect(new Set(betaPairs.map((p) => `${p.partnerIssueKey}>${p.localIssueKey}`))).toEqual(new Set(alphaPairs.map((p) => `${p.localIssueKey}>${p.partnerIssueKey}`)));
    for (const key of epics) expect(partnerOf.has(key)).toBe(false);

    // Values equal on DEV, sub-tasks under their parents' copies, statuses moved.
    const sup = await issuesOf('alpha', 'SUP', ['summary', 'priority', 'labels', customer, severity, 'status', 'parent', 'issuetype']);
    const devCustomer = h.fieldId('beta', 'Customer');
    const devSeverity = h.fieldId('beta', 'Severity');
    const dev = await issuesOf('beta', 'DEV', ['summary', 'priority', 'labels', devCustomer, devSeverity, 'status', 'parent', 'issuetype']);
    expect(dev.size).toBe(mapped);
    for (const key of [...tasks, ...subtasks]) {
      const a = sup.get(key)!.fields;
      const b = dev.get(partnerOf.get(key)!)!.fields;
      expect({ summary: b.summary, priority: b.priority?.name, labels: b.labels, customer: b[devCustomer] ?? null, severity: b[devSeverity]?.value ?? null }, key)
        .toEqual({ summary: a.summary, priority: a.priority?.name, labels: a.labels, customer: a[customer] ?? null, severity: a[severity]?.value ?? null });
      expect(b.issuetype.name).toBe(a.issuetype.name);
      if (a.parent) expect(b.parent?.key, key).toBe(partnerOf.get(a.parent.key));
      expect(b.status.name, key).toBe(a.status.name === 'Open' ? 'To Do' : 'In Progress');
    }
    expect(subtasks.every((k) => dev.get(partnerOf.get(k)!)!.fields.parent)).toBe(true);

    // Jira requests on both sites: 1 count + ⌈n/100⌉ pages per phase here, ⌈n/50⌉ (+1 for the page ends) bulk creates there, 2 per moved status.
    const phases = 2;
    expect(counts.singleCreates).toBe(0);
    expect(counts.counts).toBe(1);
    expect(counts.searches).toBeLessThanOrEqual(Math.ceil(n / 100) * phases);
    expect(counts.bulkCreates).toBeLessThanOrEqual(Math.ceil(n / 50) + 1);
    expect(counts.transitions).toBe(2 * MOVED);
    expect(counts.all).toBeLessThanOrEqual(Math.ceil(n / 100) * phases + Math.ceil(n / 50) + 2 * MOVED + 4);
    console.log(`initial sync of ${n} issues (${mapped} mapped, ${MOVED} moved): ${JSON.stringify(counts)}; ${(counts.all / n).toFixed(3)} requests per issue, ${((counts.all - counts.transitions) / n).toFixed(3)} without transitions`);
  }, 120_000);

  it('finds everything paired on a second run and creates nothing', async () => {
    const from = h.exchanges.length;
    const job = await runInitialSync('alpha', 'SUP', 'sup-dev');
    expect(job.summary).toBe(`Shared 0 issues: created 0 on DEV; ${TASKS + SUBTASKS} already paired; ${EPICS} skipped (issue type Epic is not synced); 0 failed.`);
    const again = requestsSince(from);
    // Only the walk again: the count and one search per page of each phase.
    expect(again).toEqual({ all: 5, searches: 4, counts: 1, bulkCreates: 0, singleCreates: 0, transitions: 0 });
    expect((await issuesOf('beta', 'DEV', ['summary'])).size).toBe(TASKS + SUBTASKS);
  }, 60_000);

  it('creates an issue whose value DEV refuses one at a time, leaving that value out', async () => {
    const alpha = h.emulator.site('alpha');
    const project = alpha.projectByKey('SUP')!;
    const id = alpha.allocateId();
    // A component only SUP has: DEV's bulk create refuses the element.
    alpha.components.set(id, { id, projectId: project.id, name: 'Legacy', description: '' });
    const [refused, fine] = seed(alpha, 'SUP', [
      { type: 'Task', summary: 'Old billing bug', fields: { components: [{ name: 'Legacy' }], priority: { name: 'High' } } },
      { type: 'Task', summary: 'Plain one', fields: { components: [{ name: 'Billing' }] } },
    ]);
    const from = h.exchanges.length;
    const job = await runInitialSync('alpha', 'SUP', 'sup-dev');
    expect(job.summary).toMatch(/^Shared 2 issues: created 2 on DEV; \d+ already paired; 5 skipped .*; 0 failed\.$/);
    const used = requestsSince(from);
    expect({ bulkCreates: used.bulkCreates, singleCreates: used.singleCreates }).toEqual({ bulkCreates: 1, singleCreates: 1 });
    const pairs = new Map((await allPairs('alpha', 'sup-dev')).map((p) => [p.localIssueKey, p]));
    const dev = await issuesOf('beta', 'DEV', ['summary', 'components', 'priority']);
    expect(dev.get(pairs.get(refused!)!.partnerIssueKey)!.fields).toMatchObject({ summary: 'Old billing bug', components: [], priority: { name: 'High' } });
    expect(dev.get(pairs.get(fine!)!.partnerIssueKey)!.fields.components.map((c: any) => c.name)).toEqual(['Billing']);
    const betaPair = (await allPairs('beta', 'sup-dev')).find((p) => p.partnerIssueKey === refused);
    expect(betaPair?.lastError).toMatch(/components: .*\(left out\)/);
  }, 60_000);

  it('stops with the reason when DEV does not accept new issues, creating nothing', async () => {
    const setAccept = (create: boolean) => h.runtime.runAs('beta', async () => {
      const config = (await kvsConnections.config('sup-dev'))!;
      await kvsConnections.saveConfig('sup-dev', { ...config, advanced: { ...config.advanced, accept: { ...config.advanced.accept, create } } });
    });
    await setAccept(false);
    seed(h.emulator.site('alpha'), 'SUP', [{ type: 'Task', summary: 'Not wanted over there' }]);
    const from = h.exchanges.length;
    const started = await settings('alpha', 'SUP', 'startInitialSync', { connectionId: 'sup-dev' });
    await h.settle();
    const job = await settings('alpha', 'SUP', 'getSyncJob', { connectionId: 'sup-dev', jobId: started.id });
    expect(job).toMatchObject({ state: 'failed', error: expect.stringMatching(/^DEV does not accept new issues from this project: turn on "Accept new issues"/) });
    expect(requestsSince(from)).toMatchObject({ bulkCreates: 0, singleCreates: 0 });
    await setAccept(true);
  }, 60_000);

  it('is refused while another run is going, and for a project member who is not an admin', async () => {
    const first = await settings('alpha', 'SUP', 'startInitialSync', { connectionId: 'sup-dev' });
    expect(first).toMatchObject({ kind: 'initial-sync', state: 'queued' });
    expect(await settings('alpha', 'SUP', 'startInitialSync', { connectionId: 'sup-dev' })).toMatchObject({ error: { status: 409, message: expect.stringMatching(/being shared already/) } });
    expect(await settings('alpha', 'SUP', 'startInitialSync', { connectionId: 'sup-dev' }, 'sam')).toMatchObject({ error: { status: 403 } });
    await h.settle();
  }, 60_000);
});

describe('sync existing issues: same-site alpha OPS → alpha QA', () => {
  it('creates in bulk in-process, with no web trigger call, and pairs both mirrored connections', async () => {
    const alpha = h.emulator.site('alpha');
    const parents = seed(alpha, 'OPS', Array.from({ length: 60 }, (_, i) => ({ type: i % 2 ? 'Bug' : 'Story', summary: `Ops item ${i + 1}`, fields: { labels: ['ops'] }, ...(i < 2 ? { status: 'In Review' } : {}) })));
    const subtasks = seed(alpha, 'OPS', [0, 1, 2].map((i) => ({ type: 'Sub-task', summary: `Ops step ${i + 1}`, parent: parents[i]! })));
    // Three levels: the story and its sub-task are both children, on one page; the sub-task waits for the story's batch.
    const [epic] = seed(alpha, 'OPS', [{ type: 'Epic', summary: 'Ops theme' }]);
    const [story] = seed(alpha, 'OPS', [{ type: 'Story', summary: 'Ops story', parent: epic! }]);
    const [step] = seed(alpha, 'OPS', [{ type: 'Sub-task', summary: 'Ops story step', parent: story! }]);
    const invocations = h.runtime.invocations.length;
    const from = h.exchanges.length;
    const job = await runInitialSync('alpha', 'OPS', 'ops-qa');
    expect(job.summary).toBe('Shared 66 issues: created 66 on QA (2 moved to their status); 0 already paired; 0 skipped; 0 failed.');
    const used = requestsSince(from);
    expect(used.singleCreates).toBe(0);
    // 61 without a parent (2 batches), then 4 children, then the one whose parent was among them.
    expect(used.bulkCreates).toBe(4);
    expect(h.runtime.invocations.slice(invocations).some((i) => i.functionKey === 'partner-webtrigger')).toBe(false);
    const pairs = new Map((await allPairs('alpha', 'ops-qa')).map((p) => [p.localIssueKey, p.partnerIssueKey]));
    const mirror = await allPairs('alpha', 'ops-qa-r');
    expect(pairs.size).toBe(66);
    expect(mirror).toHaveLength(66);
    const qa = await issuesOf('alpha', 'QA', ['summary', 'parent', 'status', 'labels']);
    for (const [i, key] of subtasks.entries()) expect(qa.get(pairs.get(key)!)!.fields.parent.key).toBe(pairs.get(parents[i]!));
    expect(qa.get(pairs.get(story!)!)!.fields.parent.key).toBe(pairs.get(epic!));
    expect(qa.get(pairs.get(step!)!)!.fields.parent.key).toBe(pairs.get(story!));
    expect(qa.get(pairs.get(parents[0]!)!)!.fields).toMatchObject({ summary: 'Ops item 1', labels: ['ops'], status: { name: 'In Review' } });
  }, 60_000);
});
