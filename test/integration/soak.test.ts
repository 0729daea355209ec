/**
 * The soak's short version (the full one is `npm run soak`): both sites under a seeded load with every
 * kind of fault injected, then Lockstep settles on its own and both sites are compared.
 */
import { describe, expect, it } from 'vitest';
import { runSoak } from '../../soak/run';

const OPERATIONS = Number(process.env['LOCKSTEP_SOAK_OPS'] ?? 300);

describe('soak, short', () => {
  it(`ends with at most two findings (diverged, duplicated or lost) after ${OPERATIONS} operations with at least 10 % of calls faulted`, async () => {
    const result = await runSoak({ seed: Number(process.env['LOCKSTEP_SOAK_SEED'] ?? 8), operations: OPERATIONS, restarts: 1, outages: 1 });
    const summary = JSON.stringify({ ...result, examples: result.examples.slice(0, 10) });
    expect(result.operations, summary).toBeGreaterThanOrEqual(OPERATIONS);
    expect(result.faultRate, summary).toBeGreaterThanOrEqual(0.1);
    // Every kind of fault was made at least once, so a quiet injector cannot pass for a healthy sync.
    for (const kind of ['jira-429', 'jira-500', 'jira-503', 'killed', 'restart', 'site-down', 'event-delayed', 'event-duplicated', 'queue-delayed', 'queue-duplicated', 'webtrigger-503']) {
      expect(result.faults[kind] ?? 0, `${kind} in ${summary}`).toBeGreaterThan(0);
    }
    // Open gap (decision 0018, issue 8's closing note): a run still ends now and then with one or two findings
    // (a link or comment on one side only, a field apart) whose causes are not all found. The bound fails the build
    // on anything worse — a broken engine leaves dozens — while the exact counts stay in the message and in `npm run soak`.
    expect(result.diverged + result.duplicated + result.lost, summary).toBeLessThanOrEqual(2);
  }, 300_000);
});
