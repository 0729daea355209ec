/** Wording of the Errors tab. Pure: tested without a DOM. */
import type { RetryAllResult, SyncErrorRow } from '../../../shared/types';

export const EMPTY_ERRORS_TEXT = 'No errors — every change reached the other side.';

/** "From partner" for a change that could not be applied here, "To partner" for one that could not be delivered. */
export function errorDirectionLabel(direction: SyncErrorRow['direction']): string {
  return direction === 'in' ? 'From partner' : 'To partner';
}

/** "Issue", "Comment": the change's kind with a capital. */
export function kindLabel(kind: string): string {
  return kind ? kind.charAt(0).toUpperCase() + kind.slice(1) : 'Change';
}

/** Stable React key and busy-state key of a row. */
export function errorKey(row: Pick<SyncErrorRow, 'direction' | 'messageId'>): string {
  return `${row.direction}:${row.messageId}`;
}

/** "Retry the comment change of DEV-12 from partner": names of the row's buttons. */
export function errorActionLabel(action: 'retry' | 'skip', row: Pick<SyncErrorRow, 'issueKey' | 'kind' | 'direction'>): string {
  const verb = action === 'retry' ? 'Retry' : 'Skip';
  return `${verb} the ${row.kind || 'change'} change of ${row.issueKey} ${row.direction === 'in' ? 'from' : 'to'} partner`;
}

/** The flag after Retry all: the changes went back to their queue and apply in the background. */
export function retryAllOutcome(result: RetryAllResult): { appearance: 'success' | 'info'; title: string; description?: string } {
  if (result.retried === 0) return { appearance: 'info', title: 'Nothing to retry.' };
  return {
    appearance: 'success',
    title: `${result.retried} ${result.retried === 1 ? 'change' : 'changes'} queued again.`,
    description: 'They apply in the background; refresh in a moment to see what is left.',
  };
}

export const SKIP_CONFIRMATION =
  'Skip this change? It will never reach the other side, and the two issues may differ until they are edited again.';
