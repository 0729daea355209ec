/**
 * Benchmark: pairing 100,000 existing issues from an uploaded CSV, preview then apply, through the
 * settings resolvers and the jobs queue of the local Forge runtime, alpha SUP ↔ beta DEV. Prints one
 * JSON line: wall time of each phase, Jira requests, KVS requests, peak memory. Not a test: run with
 * `npm run bench`.
 */
import { kvsPairs } from '../src/forge/adapters/kvs-pairs';
import { prepareIssue } from '../sandbox/jira/issues/create';
import { PEOPLE } from '../sandbox/jira/sites';
import type { Site } from '../sandbox/jira/model/site';
import { startSyncHarness } from '../test/support/sync';

const N = Number(process.env['PAIRS'] ?? 100_000);

/** Issues straight into the emulator's store, without product events (the sync would otherwise share them). */
function seed(site: Site, projectKey: string, n: number): void {
  const ada = site.users.get(PEOPLE.ada.accountId)!;
  const project = site.projectByKey(projectKey)!;
  for (let i = 0; i < n; i++) {
    const issue = prepareIssue(site, ada, { fields: { project: { key: projectKey }, issuetype: { name: 'Task' }, summary: `Seeded ${i + 1}` } });
    issue.key = `${projectKey}-${project.nextIssueNumber++}`;
    site.issues.set(issue.id, issue);
    site.issueIdByKey.set(issue.key, issue.id);
  }
}

let peak = 0;
const sample = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 50);

const h = await startSyncHarness([{ id: 'sup-dev', a: { site: 'alpha', project: 'SUP' }, b: { site: 'beta', project: 'DEV' } }]);
async function settings(functionKey: string, payload: Record<string, unknown>): Promise<any> {
  const accountId = PEOPLE.ada.accountId;
  const out = await h.runtime.invokeResolver({ site: 'alpha', moduleKey: 'lockstep-settings', accountId, functionKey, payload, context: { accountId, extension: { project: { key: 'SUP' } } } });
  if (out.status !== 'ok') throw out.error;
  const value = out.value as { error?: { status?: number; message?: string } } | undefined;
  if (value?.error?.status) throw new Error(`${functionKey}: ${value.error.message}`);
  return out.value;
}
try {
  seed(h.emulator.site('alpha'), 'SUP', N);
  seed(h.emulator.site('beta'), 'DEV', N);
  const csv = `local_key,partner_key\n${Array.from({ length: N }, (_, i) => `SUP-${i + 1},DEV-${i + 1}`).join('\n')}\n`;
  const baseline = process.memoryUsage().rss;
  peak = baseline;
  h.exchanges.length = 0;
  const t0 = performance.now();
  let uploadId: string | undefined;
  for (let i = 0; i < csv.length; i += 200_000) uploadId = (await settings('uploadPairFile', { connectionId: 'sup-dev', text: csv.slice(i, i + 200_000), ...(uploadId ? { uploadId } : {}) })).uploadId;
  const preview = await settings('startPairPreview', { connectionId: 'sup-dev', source: { upload: uploadId } });
  await h.settle();
  const previewed = await settings('getSyncJob', { connectionId: 'sup-dev', jobId: preview.id });
  const t1 = performance.now();
  const previewRequests = h.exchanges.length;
  const apply = await settings('startPairApply', { connectionId: 'sup-dev', previewJobId: preview.id });
  await h.settle();
  const applied = await settings('getSyncJob', { connectionId: 'sup-dev', jobId: apply.id });
  const t2 = performance.now();
  const stored = await h.runtime.runAs('beta', async () => {
    let n = 0; let cursor: string | undefined;
    do { const p = await kvsPairs.list('sup-dev', { limit: 1000, ...(cursor ? { cursor } : {}) }); n += p.pairs.length; cursor = p.cursor; } while (cursor);
    return n;
  });
  clearInterval(sample);
  console.log(JSON.stringify({
    scenario: 'pair-import', pairs: N, preview: { state: previewed.state, summary: previewed.summary, wallMs: Math.round(t1 - t0), jiraRequests: previewRequests },
    apply: { state: applied.state, summary: applied.summary, wallMs: Math.round(t2 - t1), jiraRequests: h.exchanges.length - previewRequests, pairsOnPartner: stored },
    totalWallMs: Math.round(t2 - t0), peakRssMb: Math.round(peak / 1e6), rssAboveBaselineMb: Math.round((peak - baseline) / 1e6),
  }));
} finally {
  clearInterval(sample);
  await h.close();
}
