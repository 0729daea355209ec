/**
 * The local Forge runtime, module kind by module kind and limit by limit, driving a small test app
 * (test/fixtures/runtime-app) whose handlers use the real @forge/api, @forge/kvs and @forge/events.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import api, { route, webTrigger } from '@forge/api';
import { PayloadTooBigError, Queue, RateLimitError, TooManyEventsError } from '@forge/events';
import { kvs } from '@forge/kvs';
import { ManualClock } from '../../sandbox/jira/clock';
import { APP_ACCOUNT_ID } from '../../sandbox/jira/model/site';
import { PEOPLE } from '../../sandbox/jira/sites';
import { ForgeRuntime } from '../../sandbox/forge/runtime';
import { serveForge, type RunningForgeServer } from '../../sandbox/forge/server';
import { doc, restClient, sandboxEmulator } from '../support/jira';

const APP_ROOT = join(import.meta.dirname, '..', 'fixtures', 'runtime-app');
const MINUTE = 60_000;

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

async function start(options: { timeScale?: number; dataDir?: string; emulator?: ReturnType<typeof sandboxEmulator> } = {}) {
  const emulator = options.emulator ?? sandboxEmulator();
  const clock = new ManualClock(Date.UTC(2026, 10, 21, 9, 0, 0));
  const logs: string[] = [];
  const runtime = await ForgeRuntime.start({ emulator, root: APP_ROOT, clock, log: (l) => logs.push(l), ...(options.timeScale ? { timeScale: options.timeScale } : {}), ...(options.dataDir ? { dataDir: options.dataDir } : {}) });
  runtime.install('alpha');
  runtime.install('beta');
  cleanup.push(() => runtime.close());
  const rest = restClient(emulator.fetch, emulator.site('alpha').baseUrl, 'sam');
  const createIssue = async (summary: string): Promise<string> => {
    const res = await rest('POST', '/rest/api/3/issue', { fields: { project: { key: 'SUP' }, issuetype: { name: 'Task' }, summary, description: doc(summary) } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.key;
  };
  const kv = <T>(site: string, key: string) => runtime.runAs(site, () => kvs.get<T>(key));
  return { emulator, runtime, rest, createIssue, kv, logs };
}

describe('product event triggers', () => {
  it('deliver each listed event to its trigger with Forge\'s event and context shape', async () => {
    const { runtime, createIssue, kv, rest } = await start();
    const key = await createIssue('Printer on fire');
    // Forge runs trigger invocations concurrently; the test app's read-modify-write needs them one at a time.
    await runtime.idle();
    await rest('PUT', `/rest/api/3/issue/${key}`, { fields: { summary: 'Printer still on fire' } });
    await runtime.idle();
    const seen = await kv<any[]>('alpha', `seen:${key}`);
    expect(seen?.map((s) => s.eventType)).toEqual(['avi:jira:created:issue', 'avi:jira:updated:issue']);
    expect(seen?.[0]).toMatchObject({ retryCount: 0, moduleKey: 'issue-trigger', installContext: `ari:cloud:jira::site/${runtime.installation('alpha').site.cloudId}` });
    // Beta's installation never hears of alpha's events.
    expect(await kv('beta', `seen:${key}`)).toBeUndefined();
  });

  it('drop events the app caused itself when ignoreSelf is set, and deliver them where it is not', async () => {
    const { runtime, createIssue, kv } = await start();
    const key = await createIssue('please echo this');
    await runtime.idle();
    // The handler wrote back as the app: that update must not come back to the same trigger.
    expect((await kv<any[]>('alpha', `seen:${key}`))?.map((s) => s.eventType)).toEqual(['avi:jira:created:issue']);
    expect(runtime.installation('alpha').triggers.log).toContainEqual({ trigger: 'issue-trigger', eventType: 'avi:jira:updated:issue', outcome: 'ignored-self', retryCount: 0 });
    // comment-trigger has no ignoreSelf, so the app's own comment reaches it.
    await runtime.runAs('alpha', async () => {
      const res = await api.asApp().requestJira(route`/rest/api/3/issue/${key}/comment`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ body: doc('from the app') }) });
      expect(res.status).toBe(201);
    });
    await runtime.idle();
    expect(await kv('alpha', `comment:${key}`)).toEqual([{ author: APP_ACCOUNT_ID }]);
  });

  it('deliver only the events a trigger\'s filter expression accepts', async () => {
    const { runtime, rest, kv } = await start();
    const make = async (issuetype: string, summary: string) => (await rest('POST', '/rest/api/3/issue', { fields: { project: { key: 'SUP' }, issuetype: { name: issuetype }, summary } })).body.key as string;
    const bug = await make('Bug', 'Checkout crashes');
    await make('Task', 'Order toner');
    await make('Bug', 'please ignore me');
    await runtime.idle();
    expect(await kv('alpha', 'bugs')).toEqual([bug]);
    expect(runtime.installation('alpha').triggers.log.filter((l) => l.trigger === 'bug-trigger').map((l) => l.outcome).sort()).toEqual(['delivered', 'filtered-out', 'filtered-out']);
  });

  it('retry when the function returns InvocationError, after retryAfter, with retryContext, at most 4 times', async () => {
    const { runtime, createIssue, kv } = await start();
    const twice = await createIssue('retry2 please');
    const forever = await createIssue('retry9 forever');
    await runtime.idle();
    expect((await kv<any[]>('alpha', `seen:${twice}`))?.map((s) => s.retryCount)).toEqual([0]);
    await runtime.advance(59_000);
    expect((await kv<any[]>('alpha', `seen:${twice}`))?.map((s) => s.retryCount)).toEqual([0]);
    await runtime.advance(1_000);
    expect((await kv<any[]>('alpha', `seen:${twice}`))?.map((s) => s.retryCount)).toEqual([0, 1]);
    await runtime.advance(10 * MINUTE);
    expect((await kv<any[]>('alpha', `seen:${twice}`))?.map((s) => s.retryCount)).toEqual([0, 1, 2]);
    expect((await kv<any[]>('alpha', `seen:${forever}`))?.map((s) => s.retryCount)).toEqual([0, 1, 2, 3, 4]);
    const log = runtime.installation('alpha').triggers.log.filter((l) => l.trigger === 'issue-trigger');
    expect(log.filter((l) => l.outcome === 'gave-up')).toHaveLength(1);
  });

  it('stop a function at its timeout, retry it as a platform error, and refuse its late SDK calls', async () => {
    const { runtime, createIssue, logs } = await start({ timeScale: 0.004 }); // 25 s → 100 ms
    await createIssue('slow one');
    await runtime.idle();
    const timedOut = runtime.invocations.filter((i) => i.status === 'timeout');
    expect(timedOut).toHaveLength(1);
    expect(timedOut[0]).toMatchObject({ kind: 'trigger', functionKey: 'on-issue', error: 'Function on-issue timed out after 0.1 s' });
    expect(logs.join('\n')).toContain('timed out');
    expect(runtime.installation('alpha').triggers.log).toContainEqual(expect.objectContaining({ outcome: 'retry-scheduled', retryCount: 0 }));
  });
});

describe('queues (async events)', () => {
  it('deliver pushed events to the queue\'s consumer, honouring delayInSeconds', async () => {
    const { runtime, createIssue, kv } = await start();
    const key = await createIssue('queue some work');
    await runtime.idle();
    const first = await kv<any[]>('alpha', `work:${key}`);
    expect(first).toEqual([{ n: 1, retryCount: 0, jobId: expect.any(String), queueName: 'work' }]);
    await runtime.advance(119_000);
    expect(await kv<any[]>('alpha', `work:${key}`)).toHaveLength(1);
    await runtime.advance(1_000);
    expect((await kv<any[]>('alpha', `work:${key}`))?.map((w) => w.n)).toEqual([1, 2]);
  });

  it('retry a consumer that returns InvocationError, then keep the event as a dead letter', async () => {
    const { runtime, kv } = await start();
    await runtime.runAs('alpha', () => new Queue({ key: 'work' }).push({ body: { issue: 'X-1', n: 1, fail: true } }));
    await runtime.idle();
    await runtime.advance(10 * MINUTE);
    expect((await kv<any[]>('alpha', 'work:X-1'))?.map((w) => w.retryCount)).toEqual([0, 1, 2, 3, 4]);
    expect(runtime.installation('alpha').queues.deadLetters).toHaveLength(0); // the fifth attempt succeeded
  });

  it('enforce 50 events and 200 KB per push, and 500 events a minute per installation', async () => {
    const { runtime } = await start();
    const queue = () => new Queue({ key: 'work' });
    await expect(runtime.runAs('alpha', () => queue().push(Array.from({ length: 51 }, (_, n) => ({ body: { issue: 'L-1', n } }))))).rejects.toBeInstanceOf(TooManyEventsError);
    await expect(runtime.runAs('alpha', () => queue().push({ body: { issue: 'L-1', big: 'x'.repeat(201 * 1024) } }))).rejects.toBeInstanceOf(PayloadTooBigError);
    // The service checks again for clients that skip the SDK's own checks.
    const raw = await runtime.runAs('alpha', async () => {
      const fetch = (globalThis as any).__forge_fetch__;
      const res: Response = await fetch({ type: 'fpp', provider: 'app', remote: 'stargate' }, '/webhook/queue/publish/x/y/z/1', { method: 'POST', body: JSON.stringify({ queueName: 'work', jobId: 'j', payload: Array.from({ length: 51 }, () => ({ body: {} })) }) });
      return res.status;
    });
    expect(raw).toBe(413);
    for (let i = 0; i < 10; i++) await runtime.runAs('alpha', () => queue().push(Array.from({ length: 50 }, (_, n) => ({ body: { issue: `R-${i}`, n }, delayInSeconds: 900 }))));
    await expect(runtime.runAs('alpha', () => queue().push({ body: { issue: 'R-x', n: 0 } }))).rejects.toBeInstanceOf(RateLimitError);
    // Another installation has its own budget; a minute later this one has its budget back.
    await runtime.runAs('beta', () => queue().push({ body: { issue: 'R-y', n: 0 } }));
    await runtime.advance(MINUTE);
    await runtime.runAs('alpha', () => queue().push({ body: { issue: 'R-z', n: 0 } }));
  });
});

describe('scheduled triggers', () => {
  it('run every interval on the runtime clock, with Forge\'s scheduled event', async () => {
    const { runtime, kv } = await start();
    await runtime.advance(4 * MINUTE);
    expect(await kv('alpha', 'ticks')).toBeUndefined();
    await runtime.advance(MINUTE);
    expect(await kv('alpha', 'ticks')).toBe(1);
    await runtime.advance(10 * MINUTE);
    expect(await kv('alpha', 'ticks')).toBe(3);
    expect(await kv('beta', 'ticks')).toBe(3);
    expect(await kv('alpha', 'tick-context')).toEqual({ cloudId: runtime.installation('alpha').site.cloudId, moduleKey: 'tick', userAccess: { enabled: false } });
  });
});

describe('web triggers', () => {
  let server: RunningForgeServer;
  it('serve each installation\'s web trigger over HTTP at the URL webTrigger.getUrl returns there', async () => {
    const { runtime } = await start();
    server = await serveForge(runtime);
    cleanup.push(() => server.close());
    const alphaUrl = await runtime.runAs('alpha', () => webTrigger.getUrl('hook'));
    const betaUrl = await runtime.runAs('beta', () => webTrigger.getUrl('hook'));
    expect(alphaUrl).toMatch(new RegExp(`^${server.origin}/x1/[A-Za-z0-9_-]{32}$`));
    expect(betaUrl).not.toBe(alphaUrl);
    expect(alphaUrl).toBe(runtime.webTriggerUrl('alpha', 'hook'));
    const res = await fetch(`${alphaUrl}/sub/path?status=207&a=1&a=2`, { method: 'POST', headers: { 'X-Test': 'yes' }, body: 'hello' });
    expect(res.status).toBe(207);
    expect(res.headers.get('x-count')).toBe('1');
    expect(await res.json()).toEqual({ method: 'POST', path: '/sub/path', query: { status: ['207'], a: ['1', '2'] }, body: 'hello', header: 'yes', url: alphaUrl, cloudId: runtime.installation('alpha').site.cloudId });
    // A static web trigger answers 200 with no body whatever the function returns.
    const staticUrl = await runtime.runAs('alpha', () => webTrigger.getUrl('static-hook'));
    const s = await fetch(staticUrl, { method: 'POST', body: '{}' });
    expect([s.status, await s.text()]).toEqual([200, '']);
    expect((await fetch(`${server.origin}/x1/not-a-trigger`)).status).toBe(404);
    await expect(runtime.runAs('alpha', () => webTrigger.getUrl('no-such-trigger'))).rejects.toThrow(/Failed to get web trigger URL/);
  });
});

describe('Custom UI resolvers', () => {
  it('run with the verified viewer as principal: asUser acts as them, asApp as the app', async () => {
    const { runtime } = await start();
    const outcome = await runtime.invokeResolver({ site: 'alpha', moduleKey: 'settings', accountId: PEOPLE.sam.accountId, functionKey: 'whoami', payload: {}, context: { accountId: 'forged-by-browser', extension: { project: { key: 'SUP' } } } });
    expect(outcome).toEqual({ status: 'ok', value: { contextAccountId: PEOPLE.sam.accountId, myself: PEOPLE.sam.accountId, app: APP_ACCOUNT_ID, project: 'SUP' } });
  });

  it('report a thrown error and a timeout as failures', async () => {
    const { runtime } = await start({ timeScale: 0.004 });
    const call = (functionKey: string) => runtime.invokeResolver({ site: 'alpha', moduleKey: 'settings', accountId: PEOPLE.ada.accountId, functionKey, payload: {}, context: {} });
    expect(await call('fail')).toMatchObject({ status: 'error', error: { message: 'resolver exploded' } });
    expect(await call('slow')).toMatchObject({ status: 'timeout' });
  });

  it('store custom entities declared in manifest.yml and query them by index', async () => {
    const { runtime } = await start();
    for (const [key, partnerKey, seq] of [['SUP-1', 'DEV-9', 2], ['SUP-2', 'DEV-9', 1], ['SUP-3', 'DEV-7', 3]] as const) {
      const out = await runtime.invokeResolver({ site: 'alpha', moduleKey: 'settings', accountId: PEOPLE.ada.accountId, functionKey: 'store', payload: { key, value: { issueKey: key, partnerKey, seq } }, context: {} });
      expect(out.status).toBe('ok');
    }
    const found = await runtime.runAs('alpha', () => kvs.entity<{ issueKey: string }>('pair').query().index('by-partner', { partition: ['DEV-9'] }).getMany());
    expect(found.results.map((r) => r.value.issueKey)).toEqual(['SUP-2', 'SUP-1']);
  });
});

describe('KVS through the runtime', () => {
  it('keeps each installation\'s data apart and enforces Forge\'s key and value limits', async () => {
    const { runtime, kv } = await start();
    await runtime.runAs('alpha', () => kvs.set('shared-name', 'alpha value'));
    expect(await kv('beta', 'shared-name')).toBeUndefined();
    await expect(runtime.runAs('alpha', () => kvs.set('k'.repeat(501), 1))).rejects.toMatchObject({ name: 'ForgeKvsError' });
    await expect(runtime.runAs('alpha', () => kvs.set('big', 'x'.repeat(241 * 1024)))).rejects.toMatchObject({ name: 'ForgeKvsError' });
    await runtime.runAs('alpha', () => kvs.set('almost', 'x'.repeat(200 * 1024)));
  });

  it('refuses SDK calls made outside any invocation', async () => {
    await start();
    await expect(kvs.get('anything')).rejects.toThrow(/outside a function invocation/);
  });

  it('persists KVS and web trigger URLs in its data directory across a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lockstep-forge-'));
    const first = await start({ dataDir });
    await first.runtime.runAs('alpha', () => kvs.set('survives', { restart: true }));
    await first.runtime.runAs('alpha', () => kvs.setSecret('secret', 'shh'));
    const url = first.runtime.webTriggerUrl('alpha', 'hook');
    await first.runtime.close();
    const second = await start({ dataDir });
    expect(await second.kv('alpha', 'survives')).toEqual({ restart: true });
    expect(await second.runtime.runAs('alpha', () => kvs.getSecret('secret'))).toBe('shh');
    expect(second.runtime.webTriggerUrl('alpha', 'hook')).toBe(url);
  });
});
