import Button from '@atlaskit/button/default/button';
import DynamicTable from '@atlaskit/dynamic-table';
import type { HeadType, RowType } from '@atlaskit/dynamic-table/types';
import { token } from '@atlaskit/tokens';
import { useCallback, useState } from 'react';
import { ErrorBanner } from '../../../shared/ErrorBanner';
import { describeUiError, toUiError } from '../../../shared/errors';
import { useShowFlag } from '../../../shared/flags';
import { invokeResolver } from '../../../shared/invokeResolver';
import type { ErrorActionResult, RetryAllResult, SyncErrorRow } from '../../../shared/types';
import { LoadingState, RelativeTime, styles, VisuallyHidden } from '../../../shared/ui';
import { useResolver } from '../../../shared/useResolver';
import { isErrorActionResult, isRetryAllResult, isSyncErrorRows } from '../../../shared/validate';
import { ConfirmDialog } from '../list/ConfirmDialog';
import {
  EMPTY_ERRORS_TEXT,
  errorActionLabel,
  errorDirectionLabel,
  errorKey,
  kindLabel,
  retryAllOutcome,
  SKIP_CONFIRMATION,
} from './errorRows';
import { TabHeader } from './TabHeader';

const head: HeadType = {
  cells: [
    { key: 'issue', content: 'Issue' },
    { key: 'direction', content: 'Direction' },
    { key: 'kind', content: 'Change' },
    { key: 'reason', content: 'Reason' },
    { key: 'first', content: 'First attempt' },
    { key: 'last', content: 'Last attempt' },
    { key: 'attempts', content: 'Attempts' },
    { key: 'actions', content: <VisuallyHidden>Actions</VisuallyHidden> },
  ],
};

/** Errors tab: changes that could not be applied or delivered, with Retry, Skip and Retry all. */
export function ErrorsTab({ connectionId }: { connectionId: string }) {
  const load = useCallback(
    () => invokeResolver<SyncErrorRow[]>('listSyncErrors', { connectionId }, { validate: isSyncErrorRows }),
    [connectionId],
  );
  const errors = useResolver(load);
  const showFlag = useShowFlag();
  const [busy, setBusy] = useState<string | null>(null);
  const [skipping, setSkipping] = useState<SyncErrorRow | null>(null);

  const failed = (what: string, thrown: unknown) => {
    const error = toUiError(thrown);
    console.warn(`[lockstep] ${what} failed (${error.status}): ${error.message}`);
    showFlag({ appearance: 'error', title: `Could not ${what}.`, description: describeUiError(error).text });
  };

  const act = async (action: 'retry' | 'skip', row: SyncErrorRow) => {
    setBusy(`${action}:${errorKey(row)}`);
    try {
      const result = await invokeResolver<ErrorActionResult>(
        'actOnSyncError',
        { connectionId, action, direction: row.direction, messageId: row.messageId },
        { validate: isErrorActionResult },
      );
      // resolved false: the message had already left the list (someone else acted first).
      showFlag({ appearance: result.resolved ? 'success' : 'info', title: `${row.issueKey}: ${result.outcome}` });
      errors.retry();
    } catch (thrown) {
      failed(`${action} the change of ${row.issueKey}`, thrown);
    } finally {
      setBusy(null);
      setSkipping(null);
    }
  };

  const retryAll = async () => {
    setBusy('all');
    try {
      const result = await invokeResolver<RetryAllResult>('retryAllSyncErrors', { connectionId }, { validate: isRetryAllResult });
      showFlag(retryAllOutcome(result));
      errors.retry();
    } catch (thrown) {
      failed('retry the changes', thrown);
    } finally {
      setBusy(null);
    }
  };

  const toRow = (row: SyncErrorRow): RowType => ({
    key: errorKey(row),
    cells: [
      { key: 'issue', content: <strong>{row.issueKey}</strong> },
      { key: 'direction', content: errorDirectionLabel(row.direction) },
      { key: 'kind', content: kindLabel(row.kind) },
      { key: 'reason', content: <span style={{ overflowWrap: 'anywhere' }}>{row.reason}</span> },
      { key: 'first', content: <RelativeTime iso={row.firstAttemptAt} /> },
      { key: 'last', content: <RelativeTime iso={row.at} /> },
      { key: 'attempts', content: row.attempts.toLocaleString() },
      {
        key: 'actions',
        content: (
          <div style={{ display: 'flex', gap: token('space.050', '4px') }}>
            <Button
              spacing="compact"
              aria-label={errorActionLabel('retry', row)}
              isLoading={busy === `retry:${errorKey(row)}`}
              isDisabled={busy !== null}
              onClick={() => void act('retry', row)}
            >
              Retry
            </Button>
            <Button
              spacing="compact"
              appearance="subtle"
              aria-label={errorActionLabel('skip', row)}
              isDisabled={busy !== null}
              onClick={() => setSkipping(row)}
            >
              Skip
            </Button>
          </div>
        ),
      },
    ],
  });

  const rows = errors.status === 'success' ? errors.data : [];
  return (
    <section aria-labelledby="lockstep-errors-heading" aria-busy={errors.status === 'loading'}>
      <TabHeader id="lockstep-errors-heading" title="Errors">
        <Button onClick={errors.retry} isDisabled={errors.status === 'loading' || busy !== null} aria-label="Refresh errors">
          Refresh
        </Button>
        <Button
          appearance="primary"
          onClick={() => void retryAll()}
          isLoading={busy === 'all'}
          isDisabled={rows.length === 0 || (busy !== null && busy !== 'all')}
        >
          Retry all
        </Button>
      </TabHeader>
      {errors.status === 'loading' ? <LoadingState label="Loading errors…" /> : null}
      {errors.status === 'error' ? <ErrorBanner error={errors.error} onRetry={errors.retry} /> : null}
      {errors.status === 'success' && rows.length === 0 ? (
        <p style={{ ...styles.subtle, margin: `${token('space.200', '16px')} 0` }}>{EMPTY_ERRORS_TEXT}</p>
      ) : null}
      {errors.status === 'success' && rows.length > 0 ? (
        <DynamicTable label="Sync errors" head={head} rows={rows.map(toRow)} rowsPerPage={25} />
      ) : null}
      <ConfirmDialog
        open={skipping !== null}
        title={skipping ? `Skip the change of ${skipping.issueKey}?` : ''}
        body={SKIP_CONFIRMATION}
        confirmLabel="Skip"
        appearance="warning"
        busy={busy !== null}
        onCancel={() => setSkipping(null)}
        onConfirm={() => skipping && void act('skip', skipping)}
      />
    </section>
  );
}
