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
import type { ConfigDraft } from '../migration/importResult';
import { applyAllSuggestions } from '../../../../src/domain/config/fix-all';
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

export interface ConfigEditorProps {
  connectionId: string;
  /** Names the partner project in headings ("DEV on beta"). */
  partnerLabel: string;
  /** A configuration to open as unsaved changes instead of the saved one (an import); a new `id` opens it again. */
  draft?: ConfigDraft | null;
  /** The draft was saved or discarded: the editor shows the saved configuration from now on. */
  onDraftDone?: () => void;
  /** After a save (the Migration tab reads the configuration again). */
  onSaved?: () => void;
}

/** The configuration editor of one sync; `partnerLabel` names the partner project in directions ("To DEV only"). */
export function ConfigEditor({ connectionId, partnerLabel, draft = null, onDraftDone, onSaved }: ConfigEditorProps) {
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
          // A fresh editor after each load: the saved configuration becomes the new starting point; likewise for each import.
          key={`${draft?.id ?? 0}:${JSON.stringify(data.data.config)}`}
          connectionId={connectionId}
          partnerLabel={partnerLabel}
          data={data.data}
          draft={draft}
          tab={tab}
          onTab={setTab}
          onEdit={() => setSavedNote(false)}
          onDiscardDraft={() => onDraftDone?.()}
          onSaved={() => {
            setSavedNote(true);
            onDraftDone?.();
            onSaved?.();
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
  draft: ConfigDraft | null;
  tab: number;
  onTab: (tab: number) => void;
  onEdit: () => void;
  onDiscardDraft: () => void;
  onSaved: () => void;
}

function Editor({ connectionId, partnerLabel, data, draft, tab, onTab, onEdit, onDiscardDraft, onSaved }: EditorProps) {
  const [edited, setEdited] = useState<SyncConfig>(draft?.config ?? data.config);
  const [appliedNote, setAppliedNote] = useState('');
  const [epoch, setEpoch] = useState(0);
  const [problems, setProblems] = useState<ConfigProblem[]>([]);
  const [reviewing, setReviewing] = useState(false);
  const warnings = useMemo(() => configWarnings(edited, data.local, data.partner), [edited, data.local, data.partner]);
  const fixable = warnings.filter((w) => w.fix !== null).length;
  const changed = !deepEqual(edited, data.config);
  // A suggestion that was never saved can be saved as it is.
  const canSave = changed || !data.saved;

  const update = useCallback((change: (config: SyncConfig) => SyncConfig) => {
    setEdited(change);
    setAppliedNote('');
    onEdit();
  }, [onEdit]);

  const applyAll = () => {
    const result = applyAllSuggestions(edited, data.local, data.partner);
    update(() => result.config);
    const left = configWarnings(result.config, data.local, data.partner).length;
    setAppliedNote(
      `Applied ${result.applied === 1 ? '1 suggestion' : `${result.applied} suggestions`}.` +
        (left > 0 ? ` ${left === 1 ? '1 warning needs' : `${left} warnings need`} a fix by hand.` : ''),
    );
  };

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
      {draft ? (
        <div style={{ margin: `${token('space.150', '12px')} 0` }}>
          <SectionMessage appearance="information" title={draft.title}>
            <p>The imported configuration is open below and is not saved yet. Check the warnings in each tab, apply the suggestions, then review and save.</p>
            {draft.notes.length > 0 ? (
              <ul style={{ margin: 0, paddingInlineStart: token('space.250', '20px') }}>
                {draft.notes.map((note, i) => (
                  <li key={i}>{note}</li>
                ))}
              </ul>
            ) : null}
          </SectionMessage>
        </div>
      ) : null}
      {!data.saved && !draft ? (
        <div style={{ margin: `${token('space.150', '12px')} 0` }}>
          <SectionMessage appearance="information">
            <p>This is a suggested configuration, matched by name from both projects. Review it and save to start using it.</p>
          </SectionMessage>
        </div>
      ) : null}

      <SaveBar canSave={canSave} changed={changed} imported={draft !== null} warnings={warnings.length} fixable={fixable} appliedNote={appliedNote} onApplyAll={applyAll} onSave={startSave} onDiscard={() => {
        setEdited(data.config);
        setProblems([]);
        setAppliedNote('');
        setEpoch((n) => n + 1);
        if (draft) onDiscardDraft();
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

interface SaveBarProps {
  canSave: boolean;
  changed: boolean;
  /** An imported configuration is open (Discard also closes it, even when it matches the saved one). */
  imported: boolean;
  warnings: number;
  /** Warnings that come with a suggested fix ("Apply all suggestions (N)"). */
  fixable: number;
  /** What the last "Apply all suggestions" did. */
  appliedNote: string;
  onApplyAll: () => void;
  onSave: () => void;
  onDiscard: () => void;
}

function SaveBar({ canSave, changed, imported, warnings, fixable, appliedNote, onApplyAll, onSave, onDiscard }: SaveBarProps) {
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
      <Button appearance="subtle" isDisabled={!changed && !imported} onClick={onDiscard}>
        Discard
      </Button>
      {fixable > 0 ? (
        <Button appearance="warning" onClick={onApplyAll}>
          Apply all suggestions ({fixable})
        </Button>
      ) : null}
      <span style={styles.subtlest} aria-live="polite">
        {changed ? 'You have unsaved changes.' : imported ? 'The imported configuration matches the saved one.' : 'No unsaved changes.'}
        {warnings > 0 ? ` ${warnings === 1 ? '1 warning' : `${warnings} warnings`} to look at.` : ''}
        {appliedNote ? ` ${appliedNote}` : ''}
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
