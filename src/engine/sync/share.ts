/**
 * Shares issues that already exist (not just new ones) with the partner: each becomes a create message,
 * exactly as if it had just been created, so the partner makes its copy and both sides record the pair.
 */
import { captureEvent, PairPending, type CaptureResult } from './capture';
import type { SyncDeps } from './deps';
import { CopyNotRecorded } from './intents';

export async function shareIssues(deps: SyncDeps, issues: ReadonlyArray<{ id: string; key: string }>): Promise<CaptureResult[]> {
  const results: CaptureResult[] = [];
  for (const issue of issues) results.push(await shareOne(deps, issue));
  return results;
}

async function shareOne(deps: SyncDeps, issue: { id: string; key: string }): Promise<CaptureResult> {
  try {
    return await captureEvent(deps, { eventType: 'avi:jira:created:issue', issue: { id: issue.id, key: issue.key, fields: {} } });
  } catch (error) {
    // Lockstep's own copy, paired once its create's retry runs: nothing of it is the person's to share.
    if (error instanceof CopyNotRecorded || error instanceof PairPending) return { ignored: error.message };
    throw error;
  }
}
