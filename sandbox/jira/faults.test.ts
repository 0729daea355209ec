import { describe, expect, it } from 'vitest';
import { FaultInjector } from './faults';
import { restClient, sandboxEmulator } from '../../test/support/jira';

describe('fault injection', () => {
  it('is repeatable for a seed and hits roughly the configured rates', () => {
    const run = () => { const f = new FaultInjector({ errorRate: 0.2, errorStatuses: [500, 503], latencyMs: 0, latencyJitterMs: 0, hangRate: 0.05, seed: 42 }); return Array.from({ length: 2000 }, () => f.decide().kind); };
    const a = run();
    expect(a).toEqual(run());
    const errors = a.filter((k) => k === 'error').length / a.length;
    const hangs = a.filter((k) => k === 'hang').length / a.length;
    expect(errors).toBeGreaterThan(0.15);
    expect(errors).toBeLessThan(0.25);
    expect(hangs).toBeGreaterThan(0.02);
    expect(hangs).toBeLessThan(0.08);
  });

  it('answers injected failures in Jira\'s shape and holds hung requests until the client gives up', async () => {
    const emulator = sandboxEmulator({ faults: { errorRate: 1, errorStatuses: [503] } });
    const jira = restClient(emulator.fetch, emulator.site('alpha').baseUrl);
    expect((await jira('GET', '/rest/api/3/myself')).status).toBe(503);
    emulator.faults.configure({ errorRate: 0, hangRate: 1, latencyMs: 20 });
    const started = Date.now();
    const abort = AbortSignal.timeout(150);
    const res = await emulator.fetch(new Request(`${emulator.site('alpha').baseUrl}/rest/api/3/myself`, { signal: abort }));
    expect(res.status).toBe(503);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});
