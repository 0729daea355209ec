import Button from '@atlaskit/button/default/button';
import DynamicTable from '@atlaskit/dynamic-table';
import type { HeadType, RowType } from '@atlaskit/dynamic-table/types';
import Lozenge, { type ThemeAppearance } from '@atlaskit/lozenge/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { useEffect, useRef, useState } from 'react';
import type { PlanCategory } from '../../../../src/domain/migration/types';
import { ErrorBanner } from '../../../shared/ErrorBanner';
import { toUiError, type UiError } from '../../../shared/errors';
import { useShowFlag } from '../../../shared/flags';
import { invokeResolver } from '../../../shared/invokeResolver';
import type { JobView, PairPreviewPage, PlanRow } from '../../../shared/types';
import { LoadingState, styles } from '../../../shared/ui';
import { LabeledToggle } from '../config/controls';
import { failureFlag } from './failure';
import { JobProgress } from './JobProgress';
import { applyPlan, CATEGORY_LABEL, nextOffset, pageText, partialLabel, PLAN_CATEGORIES, PREVIEW_PAGE_SIZE, previousOffset, PROBLEM_CATEGORIES } from './pairing';
import type { UseJob } from './useJob';
import { isJobView, isPairPreviewPage } from './validate';

const CATEGORY_APPEARANCE: Record<PlanCategory, ThemeAppearance> = {
  pair: 'success',
  paired: 'default',
  'missing-local': 'removed',
  'missing-partner': 'removed',
  conflict: 'moved',
};

const head: HeadType = {
  cells: [
    { key: 'line', content: 'Line' },
    { key: 'source', content: 'Source' },
    { key: 'local', content: 'Local key' },
    { key: 'partner', content: 'Partner key' },
    { key: 'category', content: 'Outcome' },
    { key: 'reason', content: 'Reason' },
  ],
};

const toRow = (offset: number) => (row: PlanRow, index: number): RowType => ({
  key: `${offset + index}`,
  cells: [
    { key: 'line', content: row.line === null ? <span style={styles.subtlest}>—</span> : row.line.toLocaleString() },
    { key: 'source', content: row.source },
    { key: 'local', content: <strong>{row.localKey}</strong> },
    { key: 'partner', content: <strong>{row.partnerKey}</strong> },
    { key: 'category', content: <Lozenge appearance={CATEGORY_APPEARANCE[row.category]}>{CATEGORY_LABEL[row.category]}</Lozenge> },
    { key: 'reason', content: <span style={{ overflowWrap: 'anywhere' }}>{row.reason}</span> },
  ],
});

type PageState = { status: 'loading'; page: PairPreviewPage | null } | { status: 'error'; error: UiError; page: PairPreviewPage | null } | { status: 'success'; page: PairPreviewPage };

/** A finished preview: counts per category as a filter, one page (200 rows) at a time, and "Apply pairs". */
export function PairPreview({ connectionId, previewJobId, apply }: { connectionId: string; previewJobId: string; apply: UseJob }) {
  const showFlag = useShowFlag();
  const [category, setCategory] = useState<PlanCategory | null>(null);
  const [offset, setOffset] = useState(0);
  const [state, setState] = useState<PageState>({ status: 'loading', page: null });
  const [attempt, setAttempt] = useState(0);
  const [acceptPartial, setAcceptPartial] = useState(false);
  const [starting, setStarting] = useState(false);
  const generation = useRef(0);

  useEffect(() => {
    const mine = ++generation.current;
    setState((s) => ({ status: 'loading', page: s.page }));
    const payload = { connectionId, jobId: previewJobId, offset, ...(category === null ? {} : { category }) };
    invokeResolver<PairPreviewPage>('getPairPreview', payload, { validate: isPairPreviewPage }).then(
      (page) => {
        if (mine === generation.current) setState({ status: 'success', page });
      },
      (thrown: unknown) => {
        if (mine !== generation.current) return;
        const error = toUiError(thrown);
        console.warn(`[lockstep] getPairPreview failed (${error.status}): ${error.message}`);
        setState((s) => ({ status: 'error', error, page: s.page }));
      },
    );
    return () => {
      generation.current++;
    };
  }, [connectionId, previewJobId, category, offset, attempt]);

  const page = state.page;
  if (page === null) return state.status === 'error' ? <ErrorBanner error={state.error} onRetry={() => setAttempt((n) => n + 1)} /> : <LoadingState label="Loading the preview…" />;

  const plan = applyPlan(page.counts, acceptPartial);
  const all = PLAN_CATEGORIES.reduce((sum, c) => sum + page.counts[c], 0);
  const choose = (next: PlanCategory | null) => {
    setCategory(next);
    setOffset(0);
  };
  const previous = previousOffset(page.offset);
  const next = nextOffset(page.offset, page.rows.length, page.total);

  const startApply = async () => {
    setStarting(true);
    try {
      const job = await invokeResolver<JobView>('startPairApply', { connectionId, previewJobId, acceptPartial: plan.needsConfirmation && acceptPartial }, { validate: isJobView });
      apply.track(job);
    } catch (thrown) {
      showFlag(failureFlag('apply the pairs', thrown));
    } finally {
      setStarting(false);
    }
  };

  const applyArea = apply.job ? (
    <JobProgress tracker={apply} />
  ) : (
    <div style={{ display: 'flex', flexDirection: 'column', gap: token('space.100', '8px'), margin: `${token('space.100', '8px')} 0` }}>
      {plan.needsConfirmation ? (
        <SectionMessage appearance="warning" title={`${plan.problems.toLocaleString()} ${plan.problems === 1 ? 'row' : 'rows'} cannot be applied`}>
          <p>
            {PROBLEM_CATEGORIES.filter((c) => page.counts[c] > 0)
              .map((c) => `${CATEGORY_LABEL[c]}: ${page.counts[c].toLocaleString()}`)
              .join(' · ')}
            . Fix the file and preview again, or apply only the valid pairs.
          </p>
          <LabeledToggle label={partialLabel(plan.pairs)} checked={acceptPartial} onChange={setAcceptPartial} />
        </SectionMessage>
      ) : null}
      <div style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px'), flexWrap: 'wrap' }}>
        <Button appearance="primary" isDisabled={!plan.canApply} isLoading={starting} onClick={() => void startApply()}>
          {plan.label}
        </Button>
        {plan.blocked ? <span style={styles.subtlest}>{plan.blocked}</span> : null}
      </div>
    </div>
  );

  return (
    <div aria-label="Pairing preview" role="group" aria-busy={state.status === 'loading'}>
      <p style={{ ...styles.subtle, margin: 0 }}>Read: {page.source}</p>
      {applyArea}
      <div role="group" aria-label="Show rows" style={{ display: 'flex', gap: token('space.050', '4px'), flexWrap: 'wrap', marginTop: token('space.100', '8px') }}>
        <Button spacing="compact" isSelected={category === null} aria-pressed={category === null} onClick={() => choose(null)}>
          All ({all.toLocaleString()})
        </Button>
        {PLAN_CATEGORIES.map((c) => (
          <Button key={c} spacing="compact" isSelected={category === c} aria-pressed={category === c} onClick={() => choose(c)}>
            {CATEGORY_LABEL[c]} ({page.counts[c].toLocaleString()})
          </Button>
        ))}
      </div>
      {state.status === 'error' ? <ErrorBanner error={state.error} onRetry={() => setAttempt((n) => n + 1)} /> : null}
      {page.rows.length > 0 ? (
        // A page is up to 200 rows: it scrolls in its own box so the steps below stay near.
        <div tabIndex={0} aria-label="Preview rows, scrollable" role="region" style={{ maxHeight: '28rem', overflowY: 'auto', marginTop: token('space.100', '8px') }}>
          <DynamicTable label="Pairing preview rows" head={head} rows={page.rows.map(toRow(page.offset))} isLoading={state.status === 'loading'} />
        </div>
      ) : (
        <p style={{ ...styles.subtle, margin: `${token('space.150', '12px')} 0` }}>No rows in this category.</p>
      )}
      <div style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px'), flexWrap: 'wrap' }}>
        <Button spacing="compact" isDisabled={previous === null || state.status === 'loading'} onClick={() => previous !== null && setOffset(previous)}>
          Previous rows
        </Button>
        <Button spacing="compact" isDisabled={next === null || state.status === 'loading'} onClick={() => next !== null && setOffset(next)}>
          Next rows
        </Button>
        <span role="status" style={styles.subtlest}>
          {pageText(page.offset, page.rows.length, page.total)} (up to {PREVIEW_PAGE_SIZE} a page)
        </span>
      </div>
    </div>
  );
}
