/**
 * The soak's short version (the full one is `npm run soak`): both sites under a seeded load with every
 * kind of fault injected, then Lockstep settles on its own and both sites are compared.
 */
import { describe, expect, it } from 'vitest';
import { runSoak } from '../../soak/run';

const OPERATIONS = Number(process.env['LOCKSTEP_SOAK_OPS'] ?? 300);

describe('soak, short', () => {
  it(`ends with nothing diverged, duplicated or lost after ${OPERATIONS} operations with at least 10 % of calls faulted`, async () => {
    const result = await runSoak({ seed: Number(process.env['LOCKSTEP_SOAK_SEED'] ?? 8), operations: OPERATIONS, restarts: 1, outages: 1 });
    const summary = JSON.stringify({ ...result, examples: result.examples.slice(0, 10) });
    expect(result.operations, summary).toBeGreaterThanOrEqual(OPERATIONS);
    expect(result.faultRate, summary).toBeGreaterThanOrEqual(0.1);
    // Every kind of fault was made at least once, so a quiet injector cannot pass for a healthy sync.
    for (const kind of ['jira-429', 'jira-500', 'jira-503', 'killed', 'restart', 'site-down', 'event-delayed', 'event-duplicated', 'queue-delayed', 'queue-duplicated', 'webtrigger-503']) {
      expect(result.faults[kind] ?? 0, `${kind} in ${summary}`).toBeGreaterThan(0);
    }
    expect({ diverged: result.diverged, duplicated: result.duplicated, lost: result.lost }, summary).toEqual({ diverged: 0, duplicated: 0, lost: 0 });
  }, 300_000);
});
