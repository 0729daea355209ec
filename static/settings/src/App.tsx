import { token } from '@atlaskit/tokens';
import { useCallback, useEffect, useState } from 'react';
import { ErrorBanner } from '../../shared/ErrorBanner';
import { FlagOutlet, FlagsProvider } from '../../shared/flags';
import { LicenseBanner } from '../../shared/LicenseBanner';
import type { SettingsSync } from '../../shared/types';
import { LoadingState, styles } from '../../shared/ui';
import { CreateSyncDialog } from './create/CreateSyncDialog';
import { formatRoute, parseRoute, type Route, type SyncTab } from './list/hashRoute';
import { SyncList } from './list/SyncList';
import { useSettings } from './list/useSettings';
import { MissingSync, SyncPage } from './sync/SyncPage';

/** The place in the page, kept in location.hash so a reload stays there; Back/Forward move through it. */
function useRoute(): [Route, (route: Route, replace?: boolean) => void] {
  const [route, setRoute] = useState<Route>(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    window.addEventListener('popstate', onChange);
    return () => {
      window.removeEventListener('hashchange', onChange);
      window.removeEventListener('popstate', onChange);
    };
  }, []);
  const navigate = useCallback((next: Route, replace = false) => {
    const url = `${window.location.pathname}${window.location.search}${formatRoute(next)}`;
    if (replace) window.history.replaceState(null, '', url);
    else window.history.pushState(null, '', url);
    setRoute(next);
  }, []);
  return [route, navigate];
}

function SettingsApp() {
  const { state, reload, patch, remove } = useSettings();
  const [route, navigate] = useRoute();
  const [creating, setCreating] = useState(false);

  const openSync = (sync: SettingsSync, tab: SyncTab = 'configuration') => navigate({ view: 'sync', syncId: sync.id, tab });
  const toList = () => navigate({ view: 'list' });

  const onCreated = (connection: SettingsSync) => {
    setCreating(false);
    patch(connection);
    reload();
    openSync(connection);
  };

  const page = (() => {
    if (state.status !== 'success') return null;
    if (route.view === 'list') return <SyncList data={state.data} onCreate={() => setCreating(true)} onChanged={reload} />;
    const sync = state.data.syncs.find((s) => s.id === route.syncId);
    if (!sync) return <MissingSync onBack={toList} />;
    return (
      <SyncPage
        key={sync.id}
        sync={sync}
        tab={route.tab}
        onTabChange={(tab) => navigate({ view: 'sync', syncId: sync.id, tab }, true)}
        onBack={toList}
        onChanged={(connection) => {
          if (connection) patch(connection);
          else {
            remove(sync.id);
            toList();
          }
          reload();
        }}
      />
    );
  })();

  return (
    <main
      aria-labelledby="lockstep-title"
      aria-busy={state.status === 'loading' || (state.status === 'success' && state.refreshing)}
      // Dialogs are fixed-position and the frame is as tall as its content: leave them room.
      style={{ ...styles.page, minHeight: '40rem' }}
    >
      <header style={{ paddingBottom: token('space.150', '12px'), borderBottom: `${token('border.width', '1px')} solid ${token('color.border', '#091E4224')}` }}>
        <h1 id="lockstep-title" style={styles.heading}>
          Lockstep
        </h1>
        {state.status === 'success' ? (
          <p style={styles.subtle}>
            {state.data.project.name} ({state.data.project.key})
          </p>
        ) : null}
      </header>
      {state.status === 'success' ? <LicenseBanner licensed={state.data.licensed} app="settings" /> : null}
      <FlagOutlet />
      {state.status === 'loading' ? <LoadingState label="Loading syncs…" /> : null}
      {state.status === 'error' ? <ErrorBanner error={state.error} onRetry={reload} /> : null}
      {page}
      <CreateSyncDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={onCreated}
        onConnectionAdded={reload}
      />
    </main>
  );
}

/** jira:projectSettingsPage — the syncs this project takes part in, one sync's page, and the create wizard. */
export function App() {
  return (
    <FlagsProvider>
      <SettingsApp />
    </FlagsProvider>
  );
}
