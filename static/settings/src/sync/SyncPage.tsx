import Button from '@atlaskit/button/default/button';
import SectionMessage from '@atlaskit/section-message';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import type { SettingsSync } from '../../../shared/types';
import { RelativeTime, styles } from '../../../shared/ui';
import { ConfigEditor } from '../config/ConfigEditor';
import { SYNC_TABS, type SyncTab } from '../list/hashRoute';
import { SyncActions } from '../list/SyncActions';
import { directionLabel, isAwaitingPartner, partnerLabel, syncHeading } from '../list/syncActions';
import { StateLozenge } from '../list/SyncTable';
import { AuditTab } from '../monitor/AuditTab';
import { ErrorsTab } from '../monitor/ErrorsTab';
import { HealthTab } from '../monitor/HealthTab';
import type { ConfigDraft } from '../migration/importResult';
import { MigrationTab } from '../migration/MigrationTab';
import { RotateKeyAction } from './RotateKeyAction';

const TAB_LABEL: Record<SyncTab, string> = {
  configuration: 'Configuration',
  health: 'Health',
  errors: 'Errors',
  audit: 'Audit',
  migration: 'Migration',
};

export interface SyncPageProps {
  sync: SettingsSync;
  tab: SyncTab;
  onTabChange: (tab: SyncTab) => void;
  onBack: () => void;
  /** After an action: the new summary, or null when the sync was deleted. */
  onChanged: (connection: SettingsSync | null) => void;
}

function BackButton({ onBack }: { onBack: () => void }) {
  return (
    <Button appearance="subtle" spacing="compact" onClick={onBack}>
      <span aria-hidden="true">← </span>All syncs
    </Button>
  );
}

/** "Sync with DEV on beta" and the tabs Configuration, Health, Errors, Audit, Migration. */
export function SyncPage({ sync, tab, onTabChange, onBack, onChanged }: SyncPageProps) {
  const heading = syncHeading(sync);
  // An imported configuration waits here until the editor saves or discards it (tabs stay mounted once visited).
  const [draft, setDraft] = useState<ConfigDraft | null>(null);
  const [configRevision, setConfigRevision] = useState(0);
  const selected = Math.max(SYNC_TABS.indexOf(tab), 0);
  return (
    <section aria-labelledby="lockstep-sync-heading">
      <BackButton onBack={onBack} />
      <div
        style={{
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          flexWrap: 'wrap',
          gap: token('space.150', '12px'),
          margin: `${token('space.150', '12px')} 0 ${token('space.100', '8px')}`,
        }}
      >
        <div style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px'), flexWrap: 'wrap' }}>
          <h2 id="lockstep-sync-heading" style={{ font: token('font.heading.medium', 'normal 653 20px/24px ui-sans-serif, sans-serif'), margin: 0 }}>
            {heading}
          </h2>
          <StateLozenge state={sync.state} />
        </div>
        <SyncActions sync={sync} onDone={onChanged} spacing="default" />
      </div>
      <p style={{ ...styles.subtle, margin: `0 0 ${token('space.200', '16px')}` }}>
        {directionLabel(sync.direction)} · {sync.pairs.toLocaleString()} {sync.pairs === 1 ? 'pair' : 'pairs'} · last activity{' '}
        <RelativeTime iso={sync.lastActivity} />
        {sync.openErrors > 0 ? (
          <>
            {' · '}
            <span style={{ color: token('color.text.danger', '#AE2E24') }}>
              {sync.openErrors.toLocaleString()} open {sync.openErrors === 1 ? 'error' : 'errors'}
            </span>
          </>
        ) : null}
      </p>
      <RotateKeyAction sync={sync} />
      {isAwaitingPartner(sync) ? (
        <div style={{ marginBottom: token('space.200', '16px') }}>
          <SectionMessage appearance="information" title="Waiting for the partner">
            <p>
              This sync starts once an admin of the partner project pastes the invitation code in Lockstep's settings on
              their site. Meanwhile you can prepare its configuration.
            </p>
          </SectionMessage>
        </div>
      ) : null}
      <Tabs id="lockstep-sync-tabs" selected={selected} onChange={(index) => onTabChange(SYNC_TABS[index] ?? 'configuration')}>
        <TabList>
          {SYNC_TABS.map((key) => (
            <Tab key={key}>{key === 'errors' && sync.openErrors > 0 ? `Errors (${sync.openErrors})` : TAB_LABEL[key]}</Tab>
          ))}
        </TabList>
        <TabPanel>
          <div style={{ width: '100%' }}>
            <ConfigEditor
              connectionId={sync.id}
              partnerLabel={partnerLabel(sync)}
              draft={draft}
              onDraftDone={() => setDraft(null)}
              onSaved={() => setConfigRevision((n) => n + 1)}
            />
          </div>
        </TabPanel>
        <TabPanel>
          <div style={{ width: '100%' }}>
            <HealthTab connectionId={sync.id} />
          </div>
        </TabPanel>
        <TabPanel>
          <div style={{ width: '100%' }}>
            <ErrorsTab connectionId={sync.id} />
          </div>
        </TabPanel>
        <TabPanel>
          <div style={{ width: '100%' }}>
            <AuditTab connectionId={sync.id} />
          </div>
        </TabPanel>
        <TabPanel>
          <div style={{ width: '100%' }}>
            <MigrationTab
              sync={sync}
              configRevision={configRevision}
              onChanged={onChanged}
              onImported={(imported) => {
                setDraft(imported);
                onTabChange('configuration');
              }}
            />
          </div>
        </TabPanel>
      </Tabs>
    </section>
  );
}

/** Shown for a hash naming a sync this project does not have (deleted, or a stale link). */
export function MissingSync({ onBack }: { onBack: () => void }) {
  return (
    <section aria-labelledby="lockstep-sync-heading">
      <BackButton onBack={onBack} />
      <h2 id="lockstep-sync-heading" style={{ font: token('font.heading.medium', 'normal 653 20px/24px ui-sans-serif, sans-serif'), margin: `${token('space.150', '12px')} 0` }}>
        Sync not found
      </h2>
      <p style={styles.subtle}>This project has no such sync: it may have been deleted.</p>
    </section>
  );
}
