import { ErrorBanner } from '../../shared/ErrorBanner';
import { invokeResolver } from '../../shared/invokeResolver';
import type { IssueSyncData } from '../../shared/types';
import { LoadingState, styles, VisuallyHidden } from '../../shared/ui';
import { useResolver } from '../../shared/useResolver';
import { isIssueSyncData } from '../../shared/validate';
import { SyncList } from './SyncList';

export const NOT_SYNCED_TEXT = 'This issue is not synchronized.';

const loadIssueSync = () => invokeResolver<IssueSyncData>('getIssueSync', undefined, { validate: isIssueSyncData });

/** jira:issuePanel — how the current issue stands with its partner issue(s). */
export function App() {
  const issueSync = useResolver(loadIssueSync);
  const loading = issueSync.status === 'loading';

  return (
    <main aria-labelledby="lockstep-panel-title" aria-busy={loading} style={styles.compactPage}>
      {/* The host already shows the panel title ("Sync info"); this heading is for screen readers. */}
      <h1 id="lockstep-panel-title" style={{ margin: 0 }}>
        <VisuallyHidden>
          Lockstep sync info{issueSync.status === 'success' ? ` for ${issueSync.data.issue.key}` : ''}
        </VisuallyHidden>
      </h1>

      {loading ? <LoadingState label="Loading sync status…" /> : null}
      {issueSync.status === 'error' ? <ErrorBanner error={issueSync.error} onRetry={issueSync.retry} /> : null}
      {issueSync.status === 'success' ? (
        issueSync.data.syncs.length === 0 ? (
          <p style={styles.subtle}>{NOT_SYNCED_TEXT}</p>
        ) : (
          <SyncList issueKey={issueSync.data.issue.key} syncs={issueSync.data.syncs} />
        )
      ) : null}
    </main>
  );
}
