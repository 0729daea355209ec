import Button from '@atlaskit/button/default/button';
import DynamicTable from '@atlaskit/dynamic-table';
import type { HeadType, RowType } from '@atlaskit/dynamic-table/types';
import Select from '@atlaskit/select';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ErrorBanner } from '../../../shared/ErrorBanner';
import { toUiError, type UiError } from '../../../shared/errors';
import { invokeResolver } from '../../../shared/invokeResolver';
import type { AuditPage, AuditRow } from '../../../shared/types';
import { LoadingState, RelativeTime, styles } from '../../../shared/ui';
import { isAuditPage } from '../../../shared/validate';
import { actionLabel, actorLabel, AUDIT_CATEGORIES, CATEGORY_LABEL, filterAudit, type AuditCategory } from './audit';
import { TabHeader } from './TabHeader';

const head: HeadType = {
  cells: [
    { key: 'when', content: 'When' },
    { key: 'who', content: 'Who' },
    { key: 'action', content: 'Action' },
    { key: 'target', content: 'Target' },
    { key: 'detail', content: 'Detail' },
  ],
};

interface CategoryOption {
  label: string;
  value: AuditCategory;
}
const categoryOptions: CategoryOption[] = AUDIT_CATEGORIES.map((value) => ({ value, label: CATEGORY_LABEL[value] }));

const fieldLabel = {
  display: 'block',
  font: token('font.body.small', 'normal 400 12px/16px ui-sans-serif, sans-serif'),
  fontWeight: token('font.weight.semibold', '600'),
  color: token('color.text.subtle', '#44546F'),
  marginBottom: token('space.050', '4px'),
} as const;

type Loaded = { entries: AuditRow[]; cursor: string | undefined };

function toRow(entry: AuditRow, index: number): RowType {
  return {
    key: `${entry.at}-${index}`,
    cells: [
      { key: 'when', content: <RelativeTime iso={entry.at} /> },
      { key: 'who', content: actorLabel(entry) },
      { key: 'action', content: actionLabel(entry.action) },
      { key: 'target', content: entry.target ?? <span style={styles.subtlest}>—</span> },
      { key: 'detail', content: <span style={{ overflowWrap: 'anywhere' }}>{entry.detail}</span> },
    ],
  };
}

/** Audit tab: who configured what and what Lockstep wrote, newest first, 50 a page, filtered here. */
export function AuditTab({ connectionId }: { connectionId: string }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<UiError | null>(null);
  const [text, setText] = useState('');
  const [category, setCategory] = useState<CategoryOption>(categoryOptions[0]!);
  // Answers of a superseded request (a Refresh during Load more) are dropped.
  const generation = useRef(0);

  const fetchPage = useCallback(
    async (cursor: string | undefined, append: boolean) => {
      const mine = ++generation.current;
      setLoading(true);
      setError(null);
      try {
        const page = await invokeResolver<AuditPage>(
          'listSyncAudit',
          cursor === undefined ? { connectionId } : { connectionId, cursor },
          { validate: isAuditPage },
        );
        if (mine !== generation.current) return;
        setLoaded((previous) => ({
          entries: append && previous ? [...previous.entries, ...page.entries] : page.entries,
          cursor: page.cursor,
        }));
      } catch (thrown) {
        if (mine !== generation.current) return;
        const uiError = toUiError(thrown);
        console.warn(`[lockstep] listSyncAudit failed (${uiError.status}): ${uiError.message}`);
        setError(uiError);
      } finally {
        if (mine === generation.current) setLoading(false);
      }
    },
    [connectionId],
  );

  useEffect(() => {
    void fetchPage(undefined, false);
    return () => {
      generation.current++;
    };
  }, [fetchPage]);

  const refresh = () => {
    setLoaded(null);
    void fetchPage(undefined, false);
  };
  const loadMore = () => void fetchPage(loaded?.cursor, true);
  const retry = () => (loaded?.cursor && loaded.entries.length ? loadMore() : refresh());

  const shown = loaded ? filterAudit(loaded.entries, { text, category: category.value }) : [];
  const filtering = text.trim() !== '' || category.value !== 'all';

  return (
    <section aria-labelledby="lockstep-audit-heading" aria-busy={loading}>
      <TabHeader id="lockstep-audit-heading" title="Audit log">
        <Button onClick={refresh} isDisabled={loading} aria-label="Refresh audit log">
          Refresh
        </Button>
      </TabHeader>
      <div style={{ display: 'flex', gap: token('space.200', '16px'), flexWrap: 'wrap', alignItems: 'flex-end', marginBottom: token('space.200', '16px') }}>
        <div style={{ flex: '1 1 16rem', maxWidth: '24rem' }}>
          <label htmlFor="lockstep-audit-filter" style={fieldLabel}>
            Filter
          </label>
          <Textfield
            id="lockstep-audit-filter"
            value={text}
            placeholder="Issue key, detail or person"
            onChange={(event) => setText(event.currentTarget.value)}
            isCompact
          />
        </div>
        <div style={{ flex: '0 1 14rem' }}>
          <label htmlFor="lockstep-audit-category" style={fieldLabel}>
            Action type
          </label>
          <Select<CategoryOption, false>
            inputId="lockstep-audit-category"
            options={categoryOptions}
            value={category}
            onChange={(option) => setCategory(option ?? categoryOptions[0]!)}
            isSearchable={false}
            spacing="compact"
          />
        </div>
      </div>
      {error ? <ErrorBanner error={error} onRetry={retry} /> : null}
      {loaded ? (
        <>
          <p role="status" style={{ ...styles.subtle, margin: `0 0 ${token('space.100', '8px')}` }}>
            {filtering
              ? `${shown.length} of ${loaded.entries.length} loaded entries match.`
              : `${loaded.entries.length} ${loaded.entries.length === 1 ? 'entry' : 'entries'} loaded.`}
          </p>
          {shown.length ? (
            <DynamicTable label="Audit log" head={head} rows={shown.map(toRow)} />
          ) : (
            <p style={{ ...styles.subtle, margin: `${token('space.200', '16px')} 0` }}>
              {loaded.entries.length ? 'No loaded entry matches the filter.' : 'Nothing recorded yet.'}
            </p>
          )}
          {loaded.cursor ? (
            <div style={{ display: 'flex', justifyContent: 'center', marginTop: token('space.200', '16px') }}>
              <Button onClick={loadMore} isLoading={loading}>
                Load more
              </Button>
            </div>
          ) : null}
        </>
      ) : null}
      {loading && !loaded ? <LoadingState label="Loading audit log…" /> : null}
    </section>
  );
}
