/**
 * `npm run bench`: Lockstep's Jira work against the naive way, in the sandbox with Jira's rate limits on.
 * One JSON line per scenario. Sizes and the scenarios to run come from the environment (docs/BENCHMARKS.md).
 * A benchmark, not a test: it asserts nothing and is not part of `npm test`.
 */
import { initialSync, pairImport, resync, steadyState } from './scenarios';

const env = (name: string, fallback: number): number => Number(process.env[name] ?? fallback);
const chosen = new Set((process.env['SCENARIOS'] ?? 'steady-state,initial-sync,resync,pair-import').split(',').map((s) => s.trim()));

const runs: Array<[string, () => Promise<unknown>]> = [
  ['steady-state', () => steadyState(env('EDITS', 1_000))],
  ['initial-sync', () => initialSync(env('ISSUES', 10_000))],
  ['resync', () => resync(env('RESYNC_PAIRS', 10_000))],
  ['pair-import', () => pairImport(env('PAIRS', 100_000), env('NAIVE_PAIRS', 10_000))],
];

for (const [name, run] of runs) {
  if (!chosen.has(name)) continue;
  const result = await run();
  console.log(JSON.stringify(result));
}
process.exit(0);
