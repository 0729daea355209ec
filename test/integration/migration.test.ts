/**
 * The migration flow end to end, through the settings resolvers and the jobs queue of the local Forge
 * runtime: alpha SUP ↔ beta DEV with 500 pairs is stopped, exported, SUP is migrated to gamma (new ids,
 * same keys), a new sync gamma SUP ↔ beta DEV takes the imported configuration and the pair list,
 * a resync each way repairs what was edited while stopped, and the reconciliation report passes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configWarnings } from '../../src/domain/config/warnings';
import { applyAllSuggestions } from '../../src/domain/config/fix-all';
import { kvsConnections } from '../../src/forge/adapters/kvs-connections';
import { kvsPairs } from '../../src/forge/adapters/kvs-pairs';
import { linkProjects } from '../../sandbox/demo/sync';
import { migrateProject } from '../../sandbox/jira/migrate';
import { PEOPLE } from '../../sandbox/jira/sites';
import { startSyncHarness, type SyncHarness } from '../support/sync';

let h: SyncHarness;
const N = 500;
beforeAll(async () => {
  h = await startSyncHarness([{ id: 'sup-dev', a: { site: 'alpha', project: 'SUP' }, b: { site: 'beta', project: 'DEV' } }], (emulator) => {
    emulator.addSite({ name: 'gamma', idBase: 70000, customFieldBase: 10500 });
  });
  h.runtime.install('gamma');
}, 60_000);
afterAll(async () => { await h?.close(); });

async function settings(site: string, functionKey: string, payload: Record<string, unknown>, project = 'SUP', who: keyof typeof PEOPLE = 'ada'): Promise<any> {
  const accountId = PEOPLE[who].accountId;
  const out = await h.runtime.invokeResolver({ site, moduleKey: 'lockstep-settings', accountId, functionKey, payload, context: { accountId, extension: { project: { key: project } } } });
  if (out.status !== 'ok') throw out.error;
  return out.value;
}
/** A resolver's answer, failing the test on an error answer. */
async function ok(site: string, functionKey: string, payload: Record<string, unknown>, project = 'SUP'): Promise<any> {
  const value = await settings(site, functionKey, payload, project);
  if (value?.error && typeof value.error === 'object' && 'status' in value.error) throw new Error(`${functionKey}: ${JSON.stringify(value.error)}`);
  return value;
}
async function finished(site: string, project: string, connectionId: string, job: { id: string }): Promise<any> {
  await h.settle();
  const view = await ok(site, 'getSyncJob', { connectionId, jobId: job.id }, project);
  expect(['done', 'failed', 'cancelled']).toContain(view.state);
  return view;
}
async function download(site: string, project: string, connectionId: string, format: 'json' | 'csv'): Promise<string> {
  let text = '';
  let cursor: string | undefined;
  do {
    const piece = await ok(site, 'exportPairs', { connectionId, format, ...(cursor ? { cursor } : {}) }, project);
    text += piece.text;
    cursor = piece.cursor;
  } while (cursor);
  return text;
}
async function upload(site: string, project: string, connectionId: string, text: string): Promise<string> {
  let uploadId: string | undefined;
  for (let i = 0; i < text.length || i === 0; i += 200_000) {
    const r = await ok(site, 'uploadPairFile', { connectionId, text: text.slice(i, i + 200_000), ...(uploadId ? { uploadId } : {}) }, project);
    uploadId = r.uploadId;
  }
  return uploadId!;
}
const allPairs = async (site: string, connectionId: string) => h.runtime.runAs(site, async () => {
  const out = [];
  let cursor: string | undefined;
  do { const p = await kvsPairs.list(connectionId, { limit: 1000, ...(cursor ? { cursor } : {}) }); out.push(...p.pairs); cursor = p.cursor; } while (cursor);
  return out;
});
const issuesOf = async (site: string, project: string) => {
  const out: Array<{ id: string; key: string; fields: any }> = [];
  let token: string | undefined;
  do {
    const r = await h.rest(site, 'ada')('POST', '/rest/api/3/search/jql', { jql: `project = ${project} ORDER BY key ASC`, fields: ['summary', 'priority', 'status'], maxResults: 100, ...(token ? { nextPageToken: token } : {}) });
    out.push(...r.body.issues);
    token = r.body.nextPageToken;
  } while (token);
  return out;
};

let configText = '';
let betaConfigText = '';
let pairList = '';

describe('migrating alpha SUP to gamma while it syncs with beta DEV', () => {
  it('starts from 500 issues created on alpha and synced to beta', async () => {
    for (let i = 0; i < N; i += 50) {
      const issueUpdates = Array.from({ length: Math.min(50, N - i) }, (_, j) => ({ fields: { project: { key: 'SUP' }, issuetype: { name: 'Task' }, summary: `Ticket ${i + j + 1}`, priority: { name: 'Medium' } } }));
      const res = await h.rest('alpha', 'ada')('POST', '/rest/api/3/issue/bulk', { issueUpdates });
      expect(res.status).toBe(201);
      // A batch a minute: Forge takes 500 queue events per minute per installation, and each issue costs alpha two.
      await h.settle();
      await h.runtime.advance(60_000);
    }
    expect((await allPairs('alpha', 'sup-dev')).length).toBe(N);
    expect((await issuesOf('beta', 'DEV')).length).toBe(N);
  }, 300_000);

  it('stops the sync and exports its configuration and pair list from both sides', async () => {
    await ok('alpha', 'setConnectionState', { connectionId: 'sup-dev', state: 'stopped' });
    configText = (await ok('alpha', 'exportSyncConfig', { connectionId: 'sup-dev' })).text;
    betaConfigText = (await ok('beta', 'exportSyncConfig', { connectionId: 'sup-dev' }, 'DEV')).text;
    expect(JSON.parse(configText)).toMatchObject({ format: 'lockstep.sync-config', version: 1, source: { projectKey: 'SUP', partner: { projectKey: 'DEV' } } });
    expect(configText).not.toMatch(/signing|secret|privateKey/i);
    pairList = await download('alpha', 'SUP', 'sup-dev', 'json');
    const doc = JSON.parse(pairList);
    expect(doc.pairs).toHaveLength(N);
    const csv = await download('alpha', 'SUP', 'sup-dev', 'csv');
    expect(csv.trim().split('\n')).toHaveLength(N + 1);
    const status = await ok('alpha', 'getMigrationStatus', { connectionId: 'sup-dev' });
    expect(status.steps.filter((s: any) => s.state === 'done').map((s: any) => s.key)).toEqual(expect.arrayContaining(['stop', 'export-config', 'download-pairs']));
  }, 60_000);

  it('moves SUP to gamma with new ids and the same keys, and links a new sync gamma SUP ↔ beta DEV', async () => {
    const report = migrateProject(h.emulator.site('alpha'), h.emulator.site('gamma'), 'SUP', { deleteSource: true });
    expect(report.issues).toBe(N);
    for (const [from, to] of report.idMap.issues) expect(from).not.toBe(to);
    await linkProjects(h.runtime, 'sup-dev-2', { site: 'gamma', project: 'SUP' }, { site: 'beta', project: 'DEV' }, { configure: false, state: 'stopped' });
  }, 60_000);

  it('imports the configuration on both sides: a warning for every changed id, all fixed by the suggestions', async () => {
    for (const [site, project, text] of [['gamma', 'SUP', configText], ['beta', 'DEV', betaConfigText]] as const) {
      const imported = await ok(site, 'importSyncConfig', { connectionId: 'sup-dev-2', text }, project);
      expect(imported.problems).toBeUndefined();
      const catalogs = await ok(site, 'getSyncCatalog', { connectionId: 'sup-dev-2' }, project);
      // Every referenced id the side no longer has (the migrated side's own, or the partner's seen from beta).
      const side = site === 'gamma' ? catalogs.local : catalogs.partner;
      const refs = site === 'gamma'
        ? [...imported.config.issueTypes.map((t: any) => t.local.id), ...imported.config.statuses.map((s: any) => s.local.id), ...imported.config.fields.filter((f: any) => f.kind === 'custom').map((f: any) => f.local.id)]
        : [...imported.config.issueTypes.map((t: any) => t.partner.id), ...imported.config.statuses.map((s: any) => s.partner.id), ...imported.config.fields.filter((f: any) => f.kind === 'custom').map((f: any) => f.partner.id)];
      const known = new Set([...side.issueTypes.map((t: any) => t.id), ...side.statuses.map((s: any) => s.id), ...side.customFields.map((f: any) => f.id)]);
      const changed = new Set(refs.filter((id: string) => !known.has(id)));
      expect(changed.size).toBeGreaterThan(0);
      const warnings = configWarnings(imported.config, catalogs.local, catalogs.partner);
      // One warning per mapping entry that names a changed id, on the side that changed.
      const sideName = site === 'gamma' ? 'local' : 'partner';
      const entries = [
        ...imported.config.issueTypes.map((t: any, i: number) => [`issueTypes.${i}.${sideName}`, t[sideName].id]),
        ...imported.config.statuses.map((s: any, i: number) => [`statuses.${i}.${sideName}`, s[sideName].id]),
        ...imported.config.fields.map((f: any, i: number) => [`fields.${i}.${sideName}`, f.kind === 'custom' ? f[sideName].id : null]),
      ].filter(([, id]) => id !== null && changed.has(id));
      const at = new Set(warnings.map((w) => w.at));
      for (const [path] of entries) expect(at.has(path), `warning at ${path}`).toBe(true);
      const fixed = applyAllSuggestions(imported.config, catalogs.local, catalogs.partner);
      expect(fixed.left).toEqual([]);
      expect(fixed.applied).toBe(warnings.length);
      expect(configWarnings(fixed.config, catalogs.local, catalogs.partner)).toEqual([]);
      const saved = await ok(site, 'saveSyncConfig', { connectionId: 'sup-dev-2', config: fixed.config }, project);
      expect(saved.saved).toBe(true);
    }
  }, 60_000);

  it('pairs all 500 from the pair list although every SUP id changed, on both sides, and a second apply changes nothing', async () => {
    const uploadId = await upload('gamma', 'SUP', 'sup-dev-2', pairList);
    const preview = await finished('gamma', 'SUP', 'sup-dev-2', await ok('gamma', 'startPairPreview', { connectionId: 'sup-dev-2', source: { upload: uploadId } }));
    expect(preview.state).toBe('done');
    const page = await ok('gamma', 'getPairPreview', { connectionId: 'sup-dev-2', jobId: preview.id });
    expect(page.counts).toEqual({ pair: N, paired: 0, 'missing-local': 0, 'missing-partner': 0, conflict: 0 });
    expect(page.rows[0]).toMatchObject({ category: 'pair', line: expect.any(Number), localKey: expect.stringMatching(/^SUP-/) });
    const applied = await finished('gamma', 'SUP', 'sup-dev-2', await ok('gamma', 'startPairApply', { connectionId: 'sup-dev-2', previewJobId: preview.id }));
    expect(applied).toMatchObject({ state: 'done', done: N });
    const gammaPairs = await allPairs('gamma', 'sup-dev-2');
    const betaPairs = await allPairs('beta', 'sup-dev-2');
    expect(gammaPairs).toHaveLength(N);
    expect(betaPairs).toHaveLength(N);
    const gammaIds = new Set((await issuesOf('gamma', 'SUP')).map((i) => i.id));
    expect(gammaPairs.every((p) => gammaIds.has(p.localIssueId))).toBe(true);
    // The same file again: all already paired, nothing to apply.
    const again = await finished('gamma', 'SUP', 'sup-dev-2', await ok('gamma', 'startPairPreview', { connectionId: 'sup-dev-2', source: { upload: await upload('gamma', 'SUP', 'sup-dev-2', pairList) } }));
    expect((await ok('gamma', 'getPairPreview', { connectionId: 'sup-dev-2', jobId: again.id })).counts).toMatchObject({ pair: 0, paired: N });
    const refused = await settings('gamma', 'startPairApply', { connectionId: 'sup-dev-2', previewJobId: again.id });
    expect(refused.error).toMatchObject({ status: 409, message: expect.stringMatching(/Nothing to pair/) });
    expect(await allPairs('gamma', 'sup-dev-2')).toHaveLength(N);
  }, 120_000);

  it('repairs 50 issues edited on gamma and 50 edited on beta while stopped, writing only those', async () => {
    const gammaIssues = await issuesOf('gamma', 'SUP');
    const betaIssues = await issuesOf('beta', 'DEV');
    const pairs = await allPairs('gamma', 'sup-dev-2');
    const partnerOf = new Map(pairs.map((p) => [p.localIssueKey, p.partnerIssueKey]));
    for (const issue of gammaIssues.slice(0, 50)) expect((await h.rest('gamma', 'ada')('PUT', `/rest/api/3/issue/${issue.key}`, { fields: { summary: `${issue.fields.summary} (edited on gamma)` } })).status).toBe(204);
    const betaEdited = gammaIssues.slice(-50).map((i) => partnerOf.get(i.key)!);
    for (const key of betaEdited) expect((await h.rest('beta', 'ada')('PUT', `/rest/api/3/issue/${key}`, { fields: { priority: { name: 'Highest' } } })).status).toBe(204);
    await h.settle();
    expect(betaIssues).toHaveLength(N);

    const from = h.exchanges.length;
    const push = await finished('gamma', 'SUP', 'sup-dev-2', await ok('gamma', 'startResync', { connectionId: 'sup-dev-2', jql: '', fields: ['summary'], direction: 'to-partner' }));
    expect(push.state).toBe('done');
    expect(push.summary).toMatch(/wrote 50 issues \(50 fields\)/);
    expect(h.writes(from, 'beta').filter((e) => e.method === 'PUT')).toHaveLength(50);
    const pull = await finished('gamma', 'SUP', 'sup-dev-2', await ok('gamma', 'startResync', { connectionId: 'sup-dev-2', jql: '', fields: ['priority'], direction: 'from-partner' }));
    expect(pull.summary).toMatch(/wrote 50 issues \(50 fields\)/);
    const after = new Map((await issuesOf('gamma', 'SUP')).map((i) => [i.key, i]));
    for (const i of gammaIssues.slice(-50)) expect(after.get(i.key)!.fields.priority.name).toBe('Highest');
    const betaAfter = new Map((await issuesOf('beta', 'DEV')).map((i) => [i.key, i]));
    for (const i of gammaIssues.slice(0, 50)) expect(betaAfter.get(partnerOf.get(i.key)!)!.fields.summary).toMatch(/edited on gamma/);
  }, 180_000);

  it('starts the new sync; the reconciliation report shows 500/500 paired and 0 mismatches; nothing was duplicated', async () => {
    const from = h.exchanges.length;
    await ok('gamma', 'setConnectionState', { connectionId: 'sup-dev-2', state: 'running' });
    const job = await finished('gamma', 'SUP', 'sup-dev-2', await ok('gamma', 'startReconcile', { connectionId: 'sup-dev-2' }));
    expect(job.state).toBe('done');
    const report = await ok('gamma', 'getReconciliation', { connectionId: 'sup-dev-2', jobId: job.id });
    expect(report.local).toMatchObject({ issues: N, paired: N, unpaired: 0 });
    expect(report.partner).toMatchObject({ issues: N, paired: N, unpaired: 0 });
    expect(report.mismatches.count).toBe(0);
    expect(report.pairs).toMatchObject({ total: N, compared: N, dangling: 0 });
    expect(report.checks.filter((c: any) => !c.pass)).toEqual([]);
    expect(report.pass).toBe(true);
    const csv = await ok('gamma', 'exportReconciliation', { connectionId: 'sup-dev-2', jobId: job.id });
    expect(csv.text.split('\n')[0]).toBe('section,item,result,detail');
    // No issue created anywhere since the migration, and one issue per key on each side.
    expect(h.exchanges.slice(from).filter((e) => e.method === 'POST' && /\/rest\/api\/3\/issue(\/bulk)?$/.test(e.path))).toEqual([]);
    for (const [site, project] of [['gamma', 'SUP'], ['beta', 'DEV']] as const) {
      const keys = (await issuesOf(site, project)).map((i) => i.key);
      expect(keys).toHaveLength(N);
      expect(new Set(keys).size).toBe(N);
    }
    const status = await ok('gamma', 'getMigrationStatus', { connectionId: 'sup-dev-2' });
    expect(Object.fromEntries(status.steps.map((s: any) => [s.key, s.state]))).toMatchObject({ 'import-config': 'done', pair: 'done', start: 'done', resync: 'done', reconcile: 'done' });
    expect((await h.runtime.runAs('gamma', () => kvsConnections.get('sup-dev-2')))?.state).toBe('running');
  }, 120_000);
});
