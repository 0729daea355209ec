/**
 * Reporting: one ledger page at a time, its accounts found this cycle sent in one request (at most 90, as
 * the API takes). Entries of older cycles name accounts Lockstep no longer holds: they are dropped, not
 * reported (the guide: no report is needed once the data is gone). An account known closed is never sent
 * again (Atlassian watches for apps polling closed accounts); it waits for erasure.
 */
import { REPORT_BATCH_MAX, type PersonalDataReporter, type PrivacyLedger } from '../../ports/privacy';
import { CLOSED_MAX, type CycleState } from './cycle';

export interface ReportDeps {
  ledger: PrivacyLedger;
  reporter: PersonalDataReporter;
}

/** `wait`: the API asked to come back later and the page stays where it is; `more` or `done` after a page is handled. */
export type ReportStep = 'more' | 'done' | 'wait';

export async function reportStep(deps: ReportDeps, state: CycleState, now: number): Promise<ReportStep> {
  const page = await deps.ledger.page(state.ledgerCursor, REPORT_BATCH_MAX);
  const closing = new Set(state.closed);
  const current = page.entries.filter((e) => e.cycle === state.cycle);
  const stale = page.entries.filter((e) => e.cycle !== state.cycle && !closing.has(e.accountId));
  const due = current.filter((e) => e.closedAt === undefined && !closing.has(e.accountId));
  // Closed in an earlier cycle and still found: erased again without asking again.
  const knownClosed = current.filter((e) => e.closedAt !== undefined && !closing.has(e.accountId)).map((e) => e.accountId);
  addClosed(state, knownClosed);

  if (due.length > 0) {
    const answer = await deps.reporter.report(due.map((e) => ({ accountId: e.accountId, updatedAt: new Date(e.at).toISOString() })));
    if (answer.kind === 'retry') {
      state.retryAt = now + Math.max(0, Math.ceil(answer.afterSeconds)) * 1000;
      console.warn(`[lockstep-privacy] reporting paused for ${answer.afterSeconds} s: ${answer.reason}`);
      return 'wait';
    }
    if (answer.kind === 'refused') {
      // Sending the same batch again cannot help; its accounts are reported again next cycle.
      state.counts.refused += due.length;
      console.warn(`[lockstep-privacy] a batch of ${due.length} accounts was refused: ${answer.reason}`);
    } else {
      state.counts.reported += due.length;
      const asked = new Set(due.map((e) => e.accountId));
      const updates = answer.updates.filter((u) => asked.has(u.accountId));
      // `updated`: the records holding these accounts keep the id alone, or keep names only inside messages used once (docs/SECURITY.md).
      state.counts.updated += updates.filter((u) => u.status === 'updated').length;
      const closed = addClosed(state, updates.filter((u) => u.status === 'closed').map((u) => u.accountId));
      state.counts.closed += closed.length;
      const marked = due.filter((e) => closed.includes(e.accountId)).map((e) => ({ ...e, closedAt: now }));
      if (marked.length > 0) await deps.ledger.put(marked);
    }
  }
  if (stale.length > 0) await deps.ledger.forget(stale.map((e) => e.accountId));
  delete state.retryAt;
  if (page.cursor) { state.ledgerCursor = page.cursor; return 'more'; }
  delete state.ledgerCursor;
  return 'done';
}

/** Adds accounts to the erasure list while it has room (the rest are reported closed again next cycle); answers those added. */
function addClosed(state: CycleState, ids: readonly string[]): string[] {
  const added: string[] = [];
  for (const id of ids) {
    if (state.closed.length >= CLOSED_MAX) break;
    if (state.closed.includes(id)) continue;
    state.closed.push(id);
    added.push(id);
  }
  return added;
}
