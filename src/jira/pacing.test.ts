import { describe, expect, it } from 'vitest';
import { FakeTime } from '../../test/support/fake-time';
import type { JiraRequestInit, JiraResponse, JiraTransport } from '../ports/jira';
import { editIssue } from './client';
import { JiraError } from './errors';
import { classify, createPacer, DEFAULT_BUDGETS, type PacerOptions } from './pacing';
import { route } from './route';

interface Sent {
  method: string;
  path: string;
  at: number;
  body: JiraRequestInit['body'];
}

function response(status: number, headers: Record<string, string> = {}, body = ''): JiraResponse {
  const h = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { status, ok: status >= 200 && status < 300, headers: { get: (n) => h.get(n.toLowerCase()) ?? null }, json: async () => JSON.parse(body || '{}'), text: async () => body };
}

/** A Jira that answers after `latencyMs` of fake time, as `answer` says (200 by default), and logs what it got. */
function fakeJira(time: FakeTime, answer: (req: Sent, n: number) => JiraResponse | undefined = () => undefined, latencyMs = 0) {
  const sent: Sent[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const transport: JiraTransport = {
    async requestJira(r, init) {
      const req = { method: init?.method ?? 'GET', path: r.value, at: time.now(), body: init?.body };
      sent.push(req);
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      try {
        if (latencyMs > 0) await time.sleep(latencyMs);
        return answer(req, sent.length) ?? response(200, {}, '{}');
      } finally {
        inFlight--;
      }
    },
  };
  return { transport, sent, maxInFlight: () => maxInFlight };
}

function setup(answer?: (req: Sent, n: number) => JiraResponse | undefined, options: Partial<PacerOptions> & { latencyMs?: number } = {}) {
  const time = new FakeTime();
  const jira = fakeJira(time, answer, options.latencyMs ?? 0);
  const pacer = createPacer(jira.transport, { now: time.now, sleep: time.sleep, ...options });
  const put = (id: string, path = '') => pacer.requestJira(route`/rest/api/3/issue/${id}${path}`, { method: 'PUT', body: '{}' });
  const get = (path: string) => pacer.requestJira({ value: path } as never);
  return { time, jira, pacer, put, get, t0: time.now() };
}

/** The most sends inside any window of `windowMs` (half-open, as Jira counts). */
function busiestWindow(times: number[], windowMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[j]! <= sorted[i]! - windowMs) j++;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

const limited = (reason: string, seconds: number) => response(429, { 'Retry-After': String(seconds), 'RateLimit-Reason': reason }, '{"errorMessages":["Rate limit exceeded."]}');

describe('classify', () => {
  it('names the endpoint by method and template, and the issue a write targets', () => {
    expect(classify('PUT', '/rest/api/3/issue/10001')).toEqual({ endpoint: 'PUT /rest/api/3/issue/{id}', issue: '10001' });
    expect(classify('PUT', '/rest/api/3/issue/SUP-12')).toEqual({ endpoint: 'PUT /rest/api/3/issue/{id}', issue: 'SUP-12' });
    expect(classify('GET', '/rest/api/3/issue/SUP-12?fields=summary,status')).toEqual({ endpoint: 'GET /rest/api/3/issue/{id}', issue: undefined });
    expect(classify('POST', '/rest/api/3/issue/10001/comment')).toEqual({ endpoint: 'POST /rest/api/3/issue/{id}/comment', issue: '10001' });
    expect(classify('DELETE', '/rest/api/3/issue/10001/comment/10500')).toEqual({ endpoint: 'DELETE /rest/api/3/issue/{id}/comment/{id}', issue: '10001' });
    expect(classify('POST', '/rest/api/3/search/jql')).toEqual({ endpoint: 'POST /rest/api/3/search/jql', issue: undefined });
    expect(classify('POST', '/rest/api/3/issue')).toEqual({ endpoint: 'POST /rest/api/3/issue', issue: undefined });
    expect(classify('POST', '/rest/api/3/issue/bulkfetch')).toEqual({ endpoint: 'POST /rest/api/3/issue/bulkfetch', issue: undefined });
    // Project keys, custom field ids and property keys are values too; the API version is not.
    expect(classify('GET', '/rest/api/3/project/SUP/statuses').endpoint).toBe('GET /rest/api/3/project/{id}/statuses');
    expect(classify('GET', '/rest/api/3/issue/createmeta/SUP/issuetypes/10002?maxResults=200').endpoint).toBe('GET /rest/api/3/issue/createmeta/{id}/issuetypes/{id}');
    expect(classify('PUT', '/rest/api/3/issue/10001/properties/lockstep.sync').endpoint).toBe('PUT /rest/api/3/issue/{id}/properties/{id}');
  });

  it('answers for the same site as the transport it wraps', () => {
    const time = new FakeTime();
    const inner: JiraTransport = { site: 'alpha app', requestJira: async () => response(200) };
    expect(createPacer(inner, { now: time.now, sleep: time.sleep }).site).toBe('alpha app');
    expect(createPacer({ requestJira: inner.requestJira }, { now: time.now, sleep: time.sleep }).site).toBeUndefined();
  });

  it('keeps its defaults at about 80% of the limits the emulator enforces', async () => {
    const { DEFAULT_RATE_LIMITS } = await import('../../sandbox/jira/ratelimit/config');
    for (const [method, limit] of Object.entries(DEFAULT_RATE_LIMITS.burstPerSecond)) {
      expect(DEFAULT_BUDGETS.burstPerSecond[method as 'GET']).toBeLessThanOrEqual(limit * 0.8);
    }
    for (const [key, limit] of Object.entries(DEFAULT_RATE_LIMITS.burstOverrides)) {
      expect(DEFAULT_BUDGETS.burstOverrides[key], key).toBeLessThanOrEqual(limit * 0.8);
    }
    DEFAULT_RATE_LIMITS.perIssueWrite.forEach((w, i) => {
      expect(DEFAULT_BUDGETS.perIssueWrite[i]).toEqual({ windowMs: w.windowMs, max: Math.floor(w.max * 0.8) });
    });
  });
});

describe('pacing before sending', () => {
  it('spreads 100 PUTs to distinct issues so no second holds more than the endpoint budget', async () => {
    const { time, jira, pacer, put, t0 } = setup(undefined, { latencyMs: 5 });
    const replies = await time.run(Promise.all(Array.from({ length: 100 }, (_, i) => put(String(10_000 + i)))));
    expect(replies.every((r) => r.status === 200)).toBe(true);
    expect(jira.sent).toHaveLength(100);
    expect(busiestWindow(jira.sent.map((s) => s.at), 1_000)).toBeLessThanOrEqual(40);
    // 100 at 40 a second: the last leaves in the third second, no later.
    expect(Math.max(...jira.sent.map((s) => s.at)) - t0).toBeLessThan(3_000);
    expect(pacer.stats().waits.burst.count).toBeGreaterThan(0);
    expect(pacer.stats().refused.burst).toBe(0);
  });

  it('keeps budgets per endpoint: a full PUT budget does not hold GETs back', async () => {
    const { time, jira, put, get, t0 } = setup();
    await time.run(Promise.all([
      ...Array.from({ length: 60 }, (_, i) => put(String(10_000 + i))),
      ...Array.from({ length: 20 }, () => get('/rest/api/3/field')),
    ]));
    expect(jira.sent.filter((s) => s.method === 'GET').every((s) => s.at === t0)).toBe(true);
  });

  it('spreads writes to one issue under 20 per 2 s and 100 per 30 s, without slowing other issues or reads', async () => {
    const { time, jira, pacer, put, get, t0 } = setup(undefined, { maxWaitMs: 60_000 });
    await time.run(Promise.all([
      ...Array.from({ length: 150 }, () => put('10001')),
      ...Array.from({ length: 10 }, () => put('10002')),
      ...Array.from({ length: 10 }, () => get('/rest/api/3/issue/10001')),
    ]));
    const one = jira.sent.filter((s) => s.method === 'PUT' && s.path.endsWith('/10001')).map((s) => s.at);
    expect(one).toHaveLength(150);
    expect(busiestWindow(one, 2_000)).toBeLessThanOrEqual(16);
    expect(busiestWindow(one, 30_000)).toBeLessThanOrEqual(80);
    expect(jira.sent.filter((s) => s.path.endsWith('/10002') || s.method === 'GET').every((s) => s.at === t0)).toBe(true);
    expect(pacer.stats().waits['per-issue'].count).toBeGreaterThan(0);
  });

  it('answers in Jira\'s place, without sending, when an issue\'s write window is further away than maxWaitMs', async () => {
    const { time, jira, pacer, put } = setup();
    const replies = await time.run(Promise.all(Array.from({ length: 100 }, () => put('10001'))));
    const refused = replies.filter((r) => r.status === 429);
    expect(jira.sent.length + refused.length).toBe(100);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]!.headers.get('RateLimit-Reason')).toBe('jira-per-issue-on-write');
    expect(Number(refused[0]!.headers.get('Retry-After'))).toBeGreaterThanOrEqual(1);
    expect(refused[0]!.headers.get('X-Lockstep-Paced')).toBe('per-issue');
    expect(pacer.stats().refused['per-issue']).toBe(refused.length);
  });

  it('holds at most 10 requests in flight', async () => {
    const { time, jira, pacer, get } = setup(undefined, { latencyMs: 100 });
    await time.run(Promise.all(Array.from({ length: 35 }, (_, i) => get(`/rest/api/3/issue/${10_000 + i}`))));
    expect(jira.sent).toHaveLength(35);
    expect(jira.maxInFlight()).toBe(10);
    expect(pacer.stats().waits.concurrency.count).toBeGreaterThan(0);
  });

  it('keeps no budgets of its own when told not to be proactive, but still follows Jira\'s 429s', async () => {
    const { time, jira, pacer, put, t0 } = setup((req, n) => (n === 101 ? limited('jira-burst-based', 1) : undefined), { proactive: false, latencyMs: 5 });
    await time.run(Promise.all(Array.from({ length: 100 }, () => put('10001'))));
    expect(jira.sent.every((s) => s.at === t0)).toBe(true);
    expect(jira.maxInFlight()).toBe(100);
    await time.run(put('10002'));
    // Retry-After counts from the 429's arrival, 5 ms after the send.
    expect(jira.sent.at(-1)!.at - jira.sent.at(-2)!.at).toBe(1_005);
    expect(pacer.stats()).toMatchObject({ sent: 102, retries: 1, waits: { burst: { count: 1 }, 'per-issue': { count: 0 }, concurrency: { count: 0 } } });
  });

  it('spreads requests over the rest of the hour once Jira says the points run low', async () => {
    // 10 minutes before the hour; 3,000 points left → one request per 200 ms.
    const nearly = { 'X-RateLimit-Limit': '65000', 'X-RateLimit-Remaining': '3000', 'X-RateLimit-NearLimit': 'true' };
    const { time, jira, pacer, get } = setup(() => response(200, nearly, '{}'));
    time.advance(50 * 60_000);
    const start = time.now();
    await time.run((async () => { for (let i = 0; i < 6; i++) await get('/rest/api/3/field'); })());
    const gaps = jira.sent.slice(1).map((s, i) => s.at - jira.sent[i]!.at);
    expect(gaps).toEqual([200, 200, 200, 200, 200]);
    expect(jira.sent[0]!.at).toBe(start);
    expect(pacer.stats().waits.spread).toEqual({ count: 5, ms: 1_000 });
  });

  it('does not spread while plenty of points remain', async () => {
    const { time, jira, pacer, get } = setup(() => response(200, { 'X-RateLimit-Limit': '65000', 'X-RateLimit-Remaining': '60000' }, '{}'));
    await time.run((async () => { for (let i = 0; i < 5; i++) await get('/rest/api/3/field'); })());
    expect(new Set(jira.sent.map((s) => s.at)).size).toBe(1);
    expect(pacer.stats().waits.spread.count).toBe(0);
  });
});

describe('backing off after 429', () => {
  it('jira-burst-based holds only that endpoint, then retries the request', async () => {
    const { time, jira, pacer, put, get, t0 } = setup((req, n) => (n === 1 ? limited('jira-burst-based', 2) : undefined));
    const first = put('10001');
    await time.run(Promise.resolve());
    const [r1, r2, r3] = await time.run(Promise.all([first, put('10002'), get('/rest/api/3/issue/10001')]));
    expect([r1.status, r2.status, r3.status]).toEqual([200, 200, 200]);
    const at = (pred: (s: Sent) => boolean) => jira.sent.filter(pred).map((s) => s.at - t0);
    expect(at((s) => s.method === 'GET')).toEqual([0]);
    expect(at((s) => s.path.endsWith('/10001') && s.method === 'PUT')).toEqual([0, 2_000]);
    expect(at((s) => s.path.endsWith('/10002'))).toEqual([2_000]);
    expect(pacer.stats()).toMatchObject({ sent: 4, retries: 1, rateLimited: { 'jira-burst-based': 1 }, waits: { burst: { count: 2, ms: 4_000 } } });
  });

  it('jira-per-issue-on-write holds only writes to that issue', async () => {
    const { time, jira, pacer, put, get, t0 } = setup((req, n) => (n === 1 ? limited('jira-per-issue-on-write', 2) : undefined));
    const first = put('10001');
    await time.run(Promise.resolve());
    await time.run(Promise.all([
      first,
      put('10002'),
      get('/rest/api/3/issue/10001'),
      pacer.requestJira(route`/rest/api/3/issue/${'10001'}/comment`, { method: 'POST', body: '{}' }),
    ]));
    const at = (pred: (s: Sent) => boolean) => jira.sent.filter(pred).map((s) => s.at - t0);
    expect(at((s) => s.path.endsWith('/10002'))).toEqual([0]);
    expect(at((s) => s.method === 'GET')).toEqual([0]);
    expect(at((s) => s.path.endsWith('/10001/comment'))).toEqual([2_000]);
    expect(at((s) => s.method === 'PUT' && s.path.endsWith('/10001'))).toEqual([0, 2_000]);
    expect(pacer.stats().waits['per-issue'].count).toBe(2);
  });

  it('a quota reason (or any reason it does not know) holds every request of the site', async () => {
    for (const reason of ['jira-quota-tenant-based', 'jira-quota-global-based', 'something-new']) {
      const { time, jira, pacer, put, get, t0 } = setup((req, n) => (n === 1 ? limited(reason, 2) : undefined));
      const first = get('/rest/api/3/search/jql');
      await time.run(Promise.resolve());
      await time.run(Promise.all([first, put('10002'), get('/rest/api/3/field')]));
      expect(jira.sent.map((s) => s.at - t0).sort()).toEqual([0, 2_000, 2_000, 2_000]);
      expect(pacer.stats().waits.quota.count).toBe(3);
      expect(pacer.stats().rateLimited).toEqual({ [reason]: 1 });
    }
  });

  it('hands a long Retry-After back to the caller without sleeping, and answers later calls itself until it passes', async () => {
    const { time, jira, pacer, t0 } = setup((req, n) => (n === 1 ? limited('jira-quota-tenant-based', 600) : undefined));
    const error = await time.run(editIssue(pacer, '10001', { summary: 'x' }).catch((e: unknown) => e));
    expect(time.now()).toBe(t0);
    expect(error).toBeInstanceOf(JiraError);
    expect(error).toMatchObject({ status: 429, retryAfterSeconds: 600, rateLimitReason: 'jira-quota-tenant-based', transient: true });
    // The next call is not sent: Jira would only answer 429 again.
    time.advance(60_000);
    const again = await time.run(editIssue(pacer, '10002', { summary: 'y' }).catch((e: unknown) => e));
    expect(again).toMatchObject({ status: 429, retryAfterSeconds: 540, rateLimitReason: 'jira-quota-tenant-based' });
    expect(jira.sent).toHaveLength(1);
    expect(pacer.stats()).toMatchObject({ sent: 1, retries: 0, refused: { quota: 1 }, waits: { quota: { count: 0 } } });
  });

  it('retries a bounded number of times and never sleeps past maxWaitMs in one call', async () => {
    const { time, jira, pacer, put, t0 } = setup(() => limited('jira-burst-based', 1));
    const res = await time.run(put('10001'));
    expect(res.status).toBe(429);
    expect(jira.sent).toHaveLength(4);
    expect(time.now() - t0).toBe(3_000);
    expect(pacer.stats().retries).toBe(3);
  });

  it('sends the same body again on a retry', async () => {
    const { time, jira, pacer } = setup((req, n) => (n === 1 || n === 3 ? limited('jira-burst-based', 1) : undefined));
    const bytes = new TextEncoder().encode('--b\r\nfile\r\n--b--').buffer;
    await time.run(pacer.requestJira(route`/rest/api/3/issue/${'10001'}/attachments`, { method: 'POST', body: bytes }));
    await time.run(pacer.requestJira(route`/rest/api/3/issue/${'10002'}`, { method: 'PUT', body: '{"fields":{}}' }));
    expect(jira.sent.map((s) => s.body)).toEqual([bytes, bytes, '{"fields":{}}', '{"fields":{}}']);
  });

  it('backs the whole site off after a 503 with Retry-After, re-sending all but POSTs', async () => {
    const { time, jira, pacer, put, t0 } = setup((req, n) => (n === 1 || req.method === 'POST' ? response(503, { 'Retry-After': '1' }) : undefined));
    const first = put('10001');
    await time.run(Promise.resolve());
    const [a, b] = await time.run(Promise.all([first, pacer.requestJira(route`/rest/api/3/issue`, { method: 'POST', body: '{}' })]));
    expect([a.status, b.status]).toEqual([200, 503]);
    expect(jira.sent.map((s) => `${s.method} ${s.at - t0}`)).toEqual(['PUT 0', 'PUT 1000', 'POST 1000']);
    expect(pacer.stats()).toMatchObject({ unavailable: 2, retries: 1, waits: { unavailable: { count: 2 } } });
  });
});
