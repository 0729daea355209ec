/**
 * The "Configuration" tab of a sync: loads the configuration and both catalogs, keeps one edited copy
 * across the inner tabs, shows each tab's warnings with their fixes, and saves after a review of the
 * changes. Nothing is lost when the server finds problems.
 */
import Button from '@atlaskit/button/default/button';
import SectionMessage, { SectionMessageAction } from '@atlaskit/section-message';
import Tabs, { Tab, TabList, TabPanel } from '@atlaskit/tabs';
import { token } from '@atlaskit/tokens';
import { useCallback, useMemo, useState, type ReactNode } from 'react';
import type { SyncConfig } from '../../../../src/domain/config/schema';
import { CONFIG_TABS, configWarnings, type ConfigTab } from '../../../../src/domain/config/warnings';
import { ErrorBanner } from '../../../shared/ErrorBanner';
import { invokeResolver } from '../../../shared/invokeResolver';
import type { ConfigProblem } from '../../../shared/types';
import { LoadingState, styles, VisuallyHidden } from '../../../shared/ui';
import { useResolver } from '../../../shared/useResolver';
import { clientProblems, deepEqual, loadEditorData, problemsWithTabs, TAB_LABELS, type EditorData } from './editorState';
import { FieldsTab } from './FieldsTab';
import { IssueTypesTab } from './IssueTypesTab';
import { ReviewDialog } from './ReviewDialog';
import { AdvancedTab, FiltersTab, UsersTab } from './SettingsTabs';
import type { TabProps } from './tabProps';
import { AttachmentsTab, CommentsTab, LinksTab } from './TransferTabs';
import { WarningList } from './controls';
import { WorkflowsTab } from './WorkflowsTab';

const TAB_VIEWS: Record<ConfigTab, (props: TabProps) => ReactNode> = {
  issueTypes: IssueTypesTab,
  fields: FieldsTab,
  workflows: WorkflowsTab,
  comments: CommentsTab,
  attachments: AttachmentsTab,
  links: LinksTab,
  users: UsersTab,
  filters: FiltersTab,
  advanced: AdvancedTab,
};

/** The configuration editor of one sync; `partnerLabel` names the partner project in directions ("To DEV only"). */
export function ConfigEditor({ connectionId, partnerLabel }: { connectionId: string; partnerLabel: string }) {
  const load = useCallback(() => loadEditorData((name, payload) => invokeResolver(name, payload), connectionId), [connectionId]);
  const data = useResolver(load);
  const [tab, setTab] = useState(0);
  const [savedNote, setSavedNote] = useState(false);

  return (
    <section aria-label="Sync configuration" aria-busy={data.status === 'loading'}>
      {savedNote ? (
        <div role="status" style={{ margin: `${token('space.150', '12px')} 0` }}>
          <SectionMessage appearance="success" actions={[<SectionMessageAction key="dismiss" onClick={() => setSavedNote(false)}>Dismiss</SectionMessageAction>]}>
            <p>Saved. The change is in the audit log.</p>
          </SectionMessage>
        </div>
      ) : null}
      {data.status === 'loading' ? <LoadingState label="Loading the configuration…" /> : null}
      {data.status === 'error' ? <ErrorBanner error={data.error} onRetry={data.retry} /> : null}
      {data.status === 'success' ? (
        <Editor
          // A fresh editor after each load: the saved configuration becomes the new starting point.
          key={JSON.stringify(data.data.config)}
          connectionId={connectionId}
          partnerLabel={partnerLabel}
          data={data.data}
          tab={tab}
          onTab={setTab}
          onEdit={() => setSavedNote(false)}
          onSaved={() => {
            setSavedNote(true);
            data.retry();
          }}
        />
      ) : null}
    </section>
  );
}

interface EditorProps {
  connectionId: string;
  partnerLabel: string;
  data: EditorData;
  tab: number;
  onTab: (tab: number) => void;
  onEdit: () => void;
  onSaved: () => void;
}

function Editor({ connectionId, partnerLabel, data, tab, onTab, onEdit, onSaved }: EditorProps) {
  const [edited, setEdited] = useState<SyncConfig>(data.config);
  const [epoch, setEpoch] = useState(0);
  const [problems, setProblems] = useState<ConfigProblem[]>([]);
  const [reviewing, setReviewing] = useState(false);
  const warnings = useMemo(() => configWarnings(edited, data.local, data.partner), [edited, data.local, data.partner]);
  const changed = !deepEqual(edited, data.config);
  // A suggestion that was never saved can be saved as it is.
  const canSave = changed || !data.saved;

  const update = useCallback((change: (config: SyncConfig) => SyncConfig) => {
    setEdited(change);
    onEdit();
  }, [onEdit]);

  const tabProps: TabProps = {
    config: edited,
    update,
    local: data.local,
    partner: data.partner,
    localName: data.local.project.key,
    // The project key reads best in "To DEV only"; partnerLabel ("DEV on beta") heads the partner warning.
    partnerName: data.partner?.project.key ?? data.config.partner.projectKey,
    warnings,
  };

  const startSave = () => {
    const found = clientProblems(edited);
    setProblems(found);
    if (found.length === 0) setReviewing(true);
  };

  return (
    <div>
      {data.partner === null ? (
        <div style={{ margin: `${token('space.150', '12px')} 0` }}>
          <SectionMessage appearance="warning" title={`${partnerLabel}'s fields and statuses could not be read`}>
            <p>{data.partnerError ?? 'The partner site did not answer.'}</p>
            <p>You can still edit: {partnerLabel}'s side shows the names this configuration already has, and those are not checked.</p>
          </SectionMessage>
        </div>
      ) : null}
      {!data.saved ? (
        <div style={{ margin: `${token('space.150', '12px')} 0` }}>
          <SectionMessage appearance="information">
            <p>This is a suggested configuration, matched by name from both projects. Review it and save to start using it.</p>
          </SectionMessage>
        </div>
      ) : null}

      <SaveBar canSave={canSave} changed={changed} warnings={warnings.length} onSave={startSave} onDiscard={() => {
        setEdited(data.config);
        setProblems([]);
        setEpoch((n) => n + 1);
      }} />

      {problems.length > 0 ? <ProblemList problems={problems} onGo={(t) => onTab(CONFIG_TABS.indexOf(t))} /> : null}

      <Tabs id="lockstep-config-tabs" selected={tab} onChange={onTab}>
        <TabList>
          {CONFIG_TABS.map((t) => {
            const count = warnings.filter((w) => w.tab === t).length;
            return (
              <Tab key={t}>
                <span>{TAB_LABELS[t]}</span>
                {count > 0 ? <WarningBadge count={count} /> : null}
              </Tab>
            );
          })}
        </TabList>
        {CONFIG_TABS.map((t) => {
          const View = TAB_VIEWS[t];
          return (
            <TabPanel key={t}>
              <div key={epoch} style={{ width: '100%', paddingBlock: token('space.100', '8px') }}>
                <WarningList warnings={warnings.filter((w) => w.tab === t)} onApply={(apply) => update(apply)} />
                <View {...tabProps} />
              </div>
            </TabPanel>
          );
        })}
      </Tabs>

      {reviewing ? (
        <ReviewDialog
          connectionId={connectionId}
          before={data.saved ? data.config : null}
          after={edited}
          onClose={() => setReviewing(false)}
          onProblems={(found) => {
            setReviewing(false);
            setProblems(found);
          }}
          onSaved={() => {
            setReviewing(false);
            onSaved();
          }}
        />
      ) : null}
    </div>
  );
}

function WarningBadge({ count }: { count: number }) {
  return (
    <>
      <span
        aria-hidden="true"
        style={{
          marginInlineStart: token('space.075', '6px'),
          padding: `0 ${token('space.075', '6px')}`,
          borderRadius: token('radius.full', '999px'),
          backgroundColor: token('color.background.warning.bold', '#F5CD47'),
          color: token('color.text.warning.inverse', '#172B4D'),
          font: token('font.body.small', 'normal 400 12px/16px ui-sans-serif, sans-serif'),
        }}
      >
        {count}
      </span>
      <VisuallyHidden>, {count === 1 ? '1 warning' : `${count} warnings`}</VisuallyHidden>
    </>
  );
}

function SaveBar({ canSave, changed, warnings, onSave, onDiscard }: { canSave: boolean; changed: boolean; warnings: number; onSave: () => void; onDiscard: () => void }) {
  return (
    <div
      role="region"
      aria-label="Save configuration"
      style={{
        display: 'flex',
        alignItems: 'center',
        flexWrap: 'wrap',
        gap: token('space.100', '8px'),
        margin: `${token('space.150', '12px')} 0`,
        padding: token('space.100', '8px'),
        borderRadius: token('radius.small', '3px'),
        backgroundColor: token('color.background.neutral.subtle', 'transparent'),
        border: `${token('border.width', '1px')} solid ${token('color.border', '#091E4224')}`,
      }}
    >
      <Button appearance="primary" isDisabled={!canSave} onClick={onSave}>
        Save changes
      </Button>
      <Button appearance="subtle" isDisabled={!changed} onClick={onDiscard}>
        Discard
      </Button>
      <span style={styles.subtlest} aria-live="polite">
        {changed ? 'You have unsaved changes.' : 'No unsaved changes.'}
        {warnings > 0 ? ` ${warnings === 1 ? '1 warning' : `${warnings} warnings`} to look at.` : ''}
      </span>
    </div>
  );
}

function ProblemList({ problems, onGo }: { problems: ConfigProblem[]; onGo: (tab: ConfigTab) => void }) {
  return (
    <div role="alert" style={{ margin: `${token('space.150', '12px')} 0` }}>
      <SectionMessage appearance="error" title="The configuration was not saved. Fix these first:">
        <ul style={{ margin: 0, paddingInlineStart: token('space.250', '20px') }}>
          {problemsWithTabs(problems).map((p, i) => (
            <li key={i} style={{ marginBottom: token('space.050', '4px') }}>
              <strong>{TAB_LABELS[p.tab]}</strong> <code>{p.at}</code>: {p.message}{' '}
              <Button appearance="subtle" spacing="compact" onClick={() => onGo(p.tab)}>
                Go to {TAB_LABELS[p.tab]}
              </Button>
            </li>
          ))}
        </ul>
      </SectionMessage>
    </div>
  );
}
