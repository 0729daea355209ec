import { ErrorBanner } from '../../shared/ErrorBanner';
import { invokeResolver } from '../../shared/invokeResolver';
import type { SettingsData } from '../../shared/types';
import { LoadingState, styles } from '../../shared/ui';
import { useResolver } from '../../shared/useResolver';
import { isSettingsData } from '../../shared/validate';
import { SyncTable } from './SyncTable';

const loadSettings = () => invokeResolver<SettingsData>('getSettings', undefined, { validate: isSettingsData });

/** jira:projectSettingsPage — the syncs this project takes part in. */
export function App() {
  const settings = useResolver(loadSettings);
  const loading = settings.status === 'loading';

  return (
    <main aria-labelledby="lockstep-title" aria-busy={loading} style={styles.page}>
      <header>
        <h1 id="lockstep-title" style={styles.heading}>
          Lockstep
        </h1>
        {settings.status === 'success' ? (
          <p style={styles.subtle}>
            {settings.data.project.name} ({settings.data.project.key})
          </p>
        ) : null}
      </header>

      {loading ? <LoadingState label="Loading syncs…" /> : null}
      {settings.status === 'error' ? <ErrorBanner error={settings.error} onRetry={settings.retry} /> : null}
      {settings.status === 'success' ? (
        <section aria-labelledby="lockstep-syncs">
          <SyncTable project={settings.data.project} syncs={settings.data.syncs} headingId="lockstep-syncs" />
        </section>
      ) : null}
    </main>
  );
}
