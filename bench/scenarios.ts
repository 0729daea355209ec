/** The benchmark's scenarios: each builds a fresh world, runs Lockstep, then the naive way, and returns one JSON-able result. */
import { kvsConnections } from '../src/forge/adapters/kvs-connections';
import { kvsPairs } from '../src/forge/adapters/kvs-pairs';
import { restClient } from '../test/support/jira';
import { pairSeeded, seedIssues, type SeededIssue } from '../test/support/seed';
import { naiveCopy, naiveCreate, naivePairCheck } from './naive';
import { DRIVER, NAIVE, percentile, round, startWorld, TIER2_HOURLY_POINTS, type Totals, type World } from './world';


function perUnit(t: Totals, units: number) {
  return { requestsPer: round(t.requests / units, 4), pointsPer: round(t.points / units, 4) };
}

function ratios(lockstep: Totals, naive: Totals) {
  const r = (a: number, b: number) => (a === 0 ? null : round(b / a, 1));
  return { requests: r(lockstep.requests, naive.requests), points: r(lockstep.points, naive.points), sandboxTime: r(lockstep.sandboxMs, naive.sandboxMs), wallTime: r(lockstep.wallMs, naive.wallMs) };
}

function pairSeededBoth(world: World, n: number, summary: (i: number) => string = (i) => `Same ${i}`) {
  const alpha = seedIssues(world.h.emulator.site('alpha'), 'SUP', n, (i) => ({ summary: summary(i) }));
  const beta = seedIssues(world.h.emulator.site('beta'), 'DEV', n, (i) => ({ summary: summary(i) }));
  return { alpha, beta };
}

/** Stops the sync before the naive client writes, so Lockstep does not carry the naive copies back. */
async function stopSync(world: World): Promise<void> {
  await world.resolver('setConnectionState', { connectionId: 'sup-dev', state: 'stopped' });
  await world.settle();
}

/** One user edit on alpha as the driver, repeated after Retry-After if the driver itself is rate limited. */
async function edit(world: World, call: ReturnType<typeof restClient>, issue: SeededIssue, summary: string): Promise<void> {
  for (;;) {
    const reply = await call('PUT', `/rest/api/3/issue/${issue.key}`, { fields: { summary } });
    if (reply.status === 204) return;
    if (reply.status !== 429) throw new Error(`edit ${issue.key}: ${reply.status}`);
    await world.h.runtime.advance(Number(reply.headers.get('retry-after') ?? '1') * 1000);
  }
}

/** 1,000 single-field edits on alpha, 5 per second (under Forge's 500 queue events a minute), each applied on beta. */
export async function steadyState(n: number) {
  const world = await startWorld();
  try {
    const { alpha, beta } = pairSeededBoth(world, n);
    await pairSeeded(world.h, 'sup-dev', 'alpha', alpha, 'beta', beta);
    const dana = restClient(world.h.emulator.fetch, world.h.emulator.site('alpha').baseUrl, 'dana');
    const editedAt = new Map<string, number>();
    const appliedAt = new Map<string, number>();
    const stop = world.h.emulator.observe((e) => {
      if (e.site === 'beta' && e.method === 'PUT' && e.status === 204 && e.caller !== DRIVER && e.caller !== NAIVE) {
        const id = e.path.split('/').pop()!;
        if (!appliedAt.has(id)) appliedAt.set(id, e.at);
      }
    });
    const measurement = world.measure();
    const t0 = world.clock.now();
    for (let i = 0; i < n; i++) {
      await world.h.runtime.idle();
      const due = t0 + i * 200;
      if (world.clock.now() < due) await world.h.runtime.advance(due - world.clock.now());
      editedAt.set(beta[i]!.id, world.clock.now());
      await edit(world, dana, alpha[i]!, `Edited ${i}`);
    }
    await world.settle();
    const lockstep = measurement.stop();
    stop();
    const latencies = [...editedAt].map(([id, at]) => (appliedAt.get(id) ?? Number.NaN) - at).filter(Number.isFinite).sort((x, y) => x - y);
    await stopSync(world);
    const naiveRun = world.measure('naive');
    await naiveCopy(world, alpha.map((a, i) => ({ alpha: a.key, beta: beta[i]!.key })));
    const naive = naiveRun.stop();
    return {
      scenario: 'steady-state', changes: n, applied: latencies.length,
      lockstep: { ...lockstep, ...perUnit(lockstep, n), latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95), max: latencies.at(-1) ?? null } },
      naive: { ...naive, ...perUnit(naive, n) },
      naiveOverLockstep: ratios(lockstep, naive),
    };
  } finally {
    await world.close();
  }
}

/** 10,000 issues that exist on alpha only, shared with beta by "Sync existing issues". */
export async function initialSync(n: number) {
  const world = await startWorld();
  try {
    const alpha = seedIssues(world.h.emulator.site('alpha'), 'SUP', n, (i) => ({ summary: `Existing ${i}`, labels: i % 3 === 0 ? ['triage'] : [] }));
    const measurement = world.measure();
    const job = await world.resolver('startInitialSync', { connectionId: 'sup-dev' });
    await world.settle();
    const view = await world.resolver('getSyncJob', { connectionId: 'sup-dev', jobId: job.id });
    const lockstep = measurement.stop();
    const created = [...world.h.emulator.site('beta').issues.values()].filter((i) => i.key.startsWith('DEV-')).length;
    await stopSync(world);
    const naiveRun = world.measure('naive');
    await naiveCreate(world, alpha.map((a) => a.key));
    const naive = naiveRun.stop();
    const worstSitePoints = Math.max(...Object.values(lockstep.bySite).map((s) => s.points));
    const naiveWorst = Math.max(...Object.values(naive.bySite).map((s) => s.points));
    return {
      scenario: 'initial-sync', issues: n, job: { state: view.state, summary: view.summary }, createdOnBeta: created,
      lockstep: { ...lockstep, ...perUnit(lockstep, n), issuesPerHourAtTier2: Math.floor((TIER2_HOURLY_POINTS / worstSitePoints) * n) },
      naive: { ...naive, ...perUnit(naive, n), issuesPerHourAtTier2: Math.floor((TIER2_HOURLY_POINTS / naiveWorst) * n) },
      naiveOverLockstep: ratios(lockstep, naive),
    };
  } finally {
    await world.close();
  }
}

/** 10,000 pairs, 5 % of alpha's issues edited while stopped; incremental resync, then (after another 5 %) full verify. */
export async function resync(n: number, driftShare = 0.05) {
  const world = await startWorld();
  try {
    const { alpha, beta } = pairSeededBoth(world, n);
    await pairSeeded(world.h, 'sup-dev', 'alpha', alpha, 'beta', beta);
    const fields = await world.h.runtime.runAs('alpha', async () => (await kvsConnections.config('sup-dev'))!.fields.filter((m) => m.direction !== 'from-partner').map((m) => (m.kind === 'system' ? m.field : m.local.id)));
    await world.resolver('setConnectionState', { connectionId: 'sup-dev', state: 'stopped' });
    const dana = restClient(world.h.emulator.fetch, world.h.emulator.site('alpha').baseUrl, 'dana');
    const drift = Math.round(n * driftShare);
    const stride = Math.floor(n / drift);
    const driftAt = async (offset: number) => {
      for (let i = 0; i < drift; i++) await edit(world, dana, alpha[(i * stride + offset) % n]!, `Drifted ${offset} ${i}`);
      await world.settle();
    };
    await world.h.runtime.advance(120_000);
    const since = new Date(world.clock.now()).toISOString();
    await world.h.runtime.advance(60_000);
    await driftAt(0);
    const run = async (request: Record<string, unknown>) => {
      const measurement = world.measure();
      const job = await world.resolver('startResync', { connectionId: 'sup-dev', jql: '', fields, direction: 'to-partner', ...request });
      await world.settle();
      const view = await world.resolver('getSyncJob', { connectionId: 'sup-dev', jobId: job.id });
      const t = measurement.stop();
      return { job: { state: view.state, summary: view.summary }, ...t, ...perUnit(t, n), pointsPerDrifted: round(t.points / drift, 3) };
    };
    const incremental = await run({ mode: 'incremental', since });
    await driftAt(1);
    const full = await run({ mode: 'full' });
    const naiveRun = world.measure('naive');
    await naiveCopy(world, alpha.map((a, i) => ({ alpha: a.key, beta: beta[i]!.key })));
    const naiveTotals = naiveRun.stop();
    const naive = { ...naiveTotals, ...perUnit(naiveTotals, n) };
    return {
      scenario: 'resync', pairs: n, drifted: drift, fields: fields.length,
      incremental, full, naive,
      naiveOverIncremental: ratios(incremental, naiveTotals), naiveOverFull: ratios(full, naiveTotals),
    };
  } finally {
    await world.close();
  }
}

/**
 * 100,000 existing issues per side paired from an uploaded CSV: preview then apply. Reading 100,000 ids
 * costs 100,000 points per site, about one hour of a Tier 2 quota, so this world's quota is raised to
 * keep the quota out of the timing (the points are reported).
 */
export async function pairImport(n: number, naiveRows: number) {
  const world = await startWorld({ hourlyPoints: 10_000_000 });
  try {
    const { alpha, beta } = pairSeededBoth(world, n, (i) => `Seeded ${i}`);
    const csv = `local_key,partner_key\n${alpha.map((a, i) => `${a.key},${beta[i]!.key}`).join('\n')}\n`;
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => { rssPeak = Math.max(rssPeak, process.memoryUsage().rss); }, 50);
    const measurement = world.measure();
    let uploadId: string | undefined;
    for (let i = 0; i < csv.length; i += 200_000) uploadId = (await world.resolver('uploadPairFile', { connectionId: 'sup-dev', text: csv.slice(i, i + 200_000), ...(uploadId ? { uploadId } : {}) })).uploadId;
    const preview = await world.resolver('startPairPreview', { connectionId: 'sup-dev', source: { upload: uploadId } });
    await world.settle();
    const previewed = await world.resolver('getSyncJob', { connectionId: 'sup-dev', jobId: preview.id });
    const apply = await world.resolver('startPairApply', { connectionId: 'sup-dev', previewJobId: preview.id });
    await world.settle();
    const applied = await world.resolver('getSyncJob', { connectionId: 'sup-dev', jobId: apply.id });
    const lockstep = measurement.stop();
    clearInterval(sampler);
    const stored = await world.h.runtime.runAs('beta', async () => {
      let count = 0;
      let cursor: string | undefined;
      do { const p = await kvsPairs.list('sup-dev', { limit: 1000, ...(cursor ? { cursor } : {}) }); count += p.pairs.length; cursor = p.cursor; } while (cursor);
      return count;
    });
    const naiveRun = world.measure('naive');
    await naivePairCheck(world, alpha.slice(0, naiveRows).map((a, i) => ({ alpha: a.key, beta: beta[i]!.key })));
    const naive = naiveRun.stop();
    return {
      scenario: 'pair-import', pairs: n, preview: { state: previewed.state, summary: previewed.summary }, apply: { state: applied.state, summary: applied.summary }, pairsOnPartner: stored,
      lockstep: { ...lockstep, ...perUnit(lockstep, n), processRssAboveStartMb: Math.round((rssPeak - rssBefore) / 1e6) },
      naive: { rows: naiveRows, ...naive, ...perUnit(naive, naiveRows) },
      naiveOverLockstepPerPair: { requests: round((naive.requests / naiveRows) / (lockstep.requests / n), 1) },
    };
  } finally {
    await world.close();
  }
}
