/**
 * The pacer against the emulator's own rate limiter (sandbox/jira/ratelimit), in fake time; and the
 * production asApp() transport in the local Forge runtime: one pacer per installation, keyed by the
 * installation Forge's runtime names.
 */
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { getAppContext } from '@forge/api';
import { ForgeRuntime } from '../../sandbox/forge/runtime';
import { APP_ACCOUNT_ID } from '../../sandbox/jira/model/site';
import { asApp, pacingStats, resetPacing } from '../../src/forge/adapters/jira-transport';
import { createPacer } from '../../src/jira/pacing';
import { route } from '../../src/jira/route';
import type { JiraResponse, JiraTransport } from '../../src/ports/jira';
import { FakeTime } from '../support/fake-time';
import { doc, restClient, sandboxEmulator } from '../support/jira';
import { emulatorTransport } from '../support/transport';

/** Alpha with 60 issues, rate limits on, its clock following `time`. */
async function limitedAlpha(time: FakeTime) {
  const emulator = sandboxEmulator({ clock: { now: time.now } });
  const rest = restClient(emulator.fetch, emulator.site('alpha').baseUrl, 'sam');
  const ids: string[] = [];
  for (let i = 0; i < 60; i++) {
    const res = await rest('POST', '/rest/api/3/issue', { fields: { project: { key: 'SUP' }, issuetype: { name: 'Task' }, summary: `Paced ${i}` } });
    expect(res.status).toBe(201);
    ids.push(res.body.id as string);
  }
  emulator.configureRateLimits({ enabled: true });
  emulator.resetLimits();
  return { emulator, ids, jira: emulatorTransport(emulator, 'alpha', APP_ACCOUNT_ID) };
}

/** One burst as a sync might send it: edits to 60 issues, 25 comments on one issue, 35 searches, all at once. */
function burst(jira: JiraTransport, ids: string[], n: number): Promise<JiraResponse[]> {
  const json = (method: 'PUT' | 'POST', body: unknown) => ({ method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return Promise.all([
    ...ids.map((id) => jira.requestJira(route`/rest/api/3/issue/${id}`, json('PUT', { fields: { summary: `Burst ${n}` } }))),
    ...Array.from({ length: 25 }, (_, i) => jira.requestJira(route`/rest/api/3/issue/${ids[0]!}/comment`, json('POST', { body: doc(`burst ${n} comment ${i}`) }))),
    ...Array.from({ length: 35 }, () => jira.requestJira(route`/rest/api/3/search/jql`, json('POST', { jql: 'project = SUP', maxResults: 10, fields: ['summary'] }))),
  ]);
}

async function runBursts(time: FakeTime, jira: JiraTransport, ids: string[]): Promise<JiraResponse[]> {
  const replies: JiraResponse[] = [];
  for (let n = 0; n < 3; n++) {
    replies.push(...await time.run(burst(jira, ids, n)));
    time.advance(1_000);
  }
  return replies;
}

describe('pacing against the emulator\'s rate limits', () => {
  it('bursts that draw 429s when sent as they come draw none through the pacer', async () => {
    const bare = new FakeTime();
    const unpaced = await limitedAlpha(bare);
    const bareReplies = await runBursts(bare, unpaced.jira, unpaced.ids);
    const rejected = unpaced.emulator.stats('alpha').rejected;
    expect(bareReplies.filter((r) => r.status === 429).length).toBeGreaterThan(0);
    expect(rejected['jira-burst-based']).toBeGreaterThan(0);
    expect(rejected['jira-per-issue-on-write']).toBeGreaterThan(0);

    const time = new FakeTime();
    const paced = await limitedAlpha(time);
    const pacer = createPacer(paced.jira, { now: time.now, sleep: time.sleep });
    const replies = await runBursts(time, pacer, paced.ids);
    expect(replies.map((r) => r.status).filter((s) => s >= 300)).toEqual([]);
    expect(paced.emulator.stats('alpha').rejected).toEqual({});
    expect(pacer.stats()).toMatchObject({ sent: 360, retries: 0, rateLimited: {} });
    expect(pacer.stats().waits.burst.count).toBeGreaterThan(0);
    expect(pacer.stats().waits['per-issue'].count).toBeGreaterThan(0);
  });
});

describe('asApp() in the local Forge runtime', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
    resetPacing();
  });

  async function start() {
    const emulator = sandboxEmulator();
    const runtime = await ForgeRuntime.start({ emulator, root: join(import.meta.dirname, '..', 'fixtures', 'runtime-app'), log: () => undefined });
    runtime.install('alpha');
    runtime.install('beta');
    close = () => runtime.close();
    return { emulator, runtime };
  }

  it('keeps one pacer per installation, keyed by the installation the runtime names', async () => {
    const { runtime } = await start();
    resetPacing();
    const serverInfo = async () => (await asApp().requestJira(route`/rest/api/3/serverInfo`)).status;
    expect(await runtime.runAs('alpha', serverInfo)).toBe(200);
    expect(await runtime.runAs('alpha', serverInfo)).toBe(200);
    expect(await runtime.runAs('beta', serverInfo)).toBe(200);
    const alphaKey = `ari:cloud:ecosystem::installation/${runtime.installation('alpha').id}`;
    const betaKey = `ari:cloud:ecosystem::installation/${runtime.installation('beta').id}`;
    expect(await runtime.runAs('alpha', async () => getAppContext().installationAri.toString())).toBe(alphaKey);
    const stats = pacingStats();
    expect(Object.keys(stats).sort()).toEqual([alphaKey, betaKey].sort());
    expect(stats[alphaKey]!.sent).toBe(2);
    expect(stats[betaKey]!.sent).toBe(1);
  });

  it('recovers from burst 429s by backing off that endpoint and retrying', async () => {
    const { emulator, runtime } = await start();
    emulator.configureRateLimits({ enabled: true, burstOverrides: { 'GET /rest/api/3/serverInfo': 10 } });
    resetPacing();
    const statuses = await runtime.runAs('beta', () => Promise.all(Array.from({ length: 25 }, async () => (await asApp().requestJira(route`/rest/api/3/serverInfo`)).status)));
    expect(statuses.every((s) => s === 200)).toBe(true);
    const stats = Object.values(pacingStats())[0]!;
    expect(stats.rateLimited['jira-burst-based']).toBeGreaterThan(0);
    expect(stats.retries).toBe(stats.rateLimited['jira-burst-based']);
    expect(stats.waits.burst.count).toBeGreaterThan(0);
  });
});
