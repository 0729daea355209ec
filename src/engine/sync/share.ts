/**
 * Shares issues that already exist (not just new ones) with the partner: each becomes a create message,
 * exactly as if it had just been created, so the partner makes its copy and both sides record the pair.
 */
import { captureEvent, type CaptureResult } from './capture';
import type { SyncDeps } from './deps';

export async function shareIssues(deps: SyncDeps, issues: ReadonlyArray<{ id: string; key: string }>): Promise<CaptureResult[]> {
  const results: CaptureResult[] = [];
  for (const issue of issues) results.push(await captureEvent(deps, { eventType: 'avi:jira:created:issue', issue: { id: issue.id, key: issue.key, fields: {} } }));
  return results;
}
