/**
 * The hourly personal data reporting run (src/engine/privacy/run.ts): most hours it finds the cycle idle
 * and stops after a handful of KVS operations; once every 7 days a cycle gathers, reports and erases, a bounded share per
 * run, resuming the next hour where it stopped (or once a 429's Retry-After has passed). Hourly rather than
 * weekly so a cycle cut short or rate-limited still completes within its 7 days.
 *
 * Never gated by the license (src/forge/index.ts): Lockstep keeps the data while unlicensed, so Atlassian's
 * reporting and erasure duties go on, as deleting a sync does.
 */
import { runPersonalDataReporting, type RunResult } from '../../engine/privacy/run';
import { forgeSyncDeps } from '../adapters/sync-deps';
import { kvsClaims } from '../adapters/kvs-claims';
import { kvsConnectionData } from '../adapters/kvs-connection-data';
import { kvsJobs } from '../adapters/kvs-jobs';
import { forgeReporter } from '../adapters/privacy-reporter';
import { kvsAuditRecords, kvsPrivacyLedger } from '../adapters/privacy-store';

/** Work stops starting well before Forge's 900 s limit for scheduled functions, leaving time to save. */
const RUN_BUDGET_MS = 10 * 60_000;

export async function scheduledPrivacyReport(): Promise<RunResult> {
  const deps = {
    ...forgeSyncDeps(),
    jobs: kvsJobs,
    connectionIds: kvsConnectionData.connectionIds,
    auditRecords: kvsAuditRecords,
    ledger: kvsPrivacyLedger,
    reporter: forgeReporter,
    claims: kvsClaims,
  };
  const result = await runPersonalDataReporting(deps, { deadline: deps.now() + RUN_BUDGET_MS });
  if (result.steps > 0 || result.waitingUntil) console.log(`[lockstep-privacy] ${JSON.stringify(result)}`);
  return result;
}
