/**
 * `npm run soak`: one seeded soak run, one JSON line. SEED (default 1), OPS (default 5000),
 * SETTLE_MINUTES (the least settling time, default 90). Exit code 1 when anything diverged, was duplicated or lost.
 */
import { runSoak } from './run';

const seed = Number(process.env['SEED'] ?? 1);
const operations = Number(process.env['OPS'] ?? 5000);
const settleMinutes = Number(process.env['SETTLE_MINUTES'] ?? 90);
// The app's own info logs (the privacy report's, say) go to stderr: stdout carries the one JSON line.
console.log = console.info = (...args: unknown[]) => console.error(...args);
const result = await runSoak({ seed, operations, settleMinutes });
const { examples, ...line } = result;
process.stdout.write(`${JSON.stringify(process.env['SOAK_EXAMPLES'] ? result : line)}\n`);
process.exit(result.diverged + result.duplicated + result.lost === 0 ? 0 : 1);
