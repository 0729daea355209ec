/**
 * Personal data reporting, one bounded run at a time (docs/decisions/0019-personal-data-reporting.md). Every
 * CYCLE_MS a cycle starts: gather the accountIds every record family holds into the ledger, report them in
 * batches of 90, then erase the accounts Atlassian says are closed. Each step saves where it stands; a run
 * stops after a budget of steps, and a 429 (or an unavailable API) pauses reporting until its Retry-After
 * has passed, the same batch going first. One run at a time: a lease keeps a duplicated trigger out.
 */
import type { ClaimStore } from '../../ports/claims';
import type { PersonalDataReporter, PrivacyLedger } from '../../ports/privacy';
import { CycleState, ERASE_AGAIN_MS, nextFromIdle, readState, zeroCounts, type Counts, type Phase } from './cycle';
import { eraser, type EraseDeps } from './erasure';
import { gatherer, noteFound, type Found } from './gather';
import { reportStep } from './report';
import { scanStart, scanStep } from './scan';

export type PrivacyDeps = EraseDeps & {
  /** Every connection this installation holds (ConnectionData.connectionIds). */
  connectionIds: () => Promise<string[]>;
  ledger: PrivacyLedger;
  reporter: PersonalDataReporter;
  claims: ClaimStore;
};

export interface RunOptions {
  /** Steps one run takes at most: one connection's records, one audit page, one report request each. */
  maxSteps?: number;
  /** Epoch ms (on deps.now) after which no further step starts. */
  deadline?: number;
}

export interface RunResult {
  /** The cycle's start, ISO; absent before the first. */
  cycle?: string;
  phase: Phase;
  steps: number;
  counts: Counts;
  /** The API asked to wait until then (ISO). */
  waitingUntil?: string;
  /** Closed accounts not yet erased from every record (a running job still names one, or the erasure has yet to run). */
  pending?: number;
  skipped?: string;
}

/** Steps per run by default: enough for a few hundred connections and thousands of audit pages a week, far below KVS's per-minute budget. */
export const DEFAULT_MAX_STEPS = 200;
/** Longer than a run may take (Forge stops a scheduled function after 900 s). */
const LEASE_MS = 16 * 60_000;
const LEASE_KEY = 'privacy-report';

export async function runPersonalDataReporting(deps: PrivacyDeps, options: RunOptions = {}): Promise<RunResult> {
  const start = deps.now();
  if (!(await deps.claims.claim(LEASE_KEY, start + LEASE_MS, start))) return { phase: 'idle', steps: 0, counts: zeroCounts(), skipped: 'another run holds the lease' };
  try {
    return await advance(deps, options);
  } finally {
    await deps.claims.release(LEASE_KEY);
  }
}

async function advance(deps: PrivacyDeps, options: RunOptions): Promise<RunResult> {
  const state = readState(await deps.ledger.cycle());
  const maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
  const deadline = options.deadline ?? Number.POSITIVE_INFINITY;
  let ids: string[] | undefined;
  const connectionIds = async () => (ids ??= (await deps.connectionIds()).sort());
  let steps = 0;
  while (steps < maxSteps && deps.now() < deadline) {
    const now = deps.now();
    if (state.retryAt !== undefined && now < state.retryAt) break;
    if (state.phase === 'idle' && !wake(state, now)) break;
    steps += 1;
    const outcome = await step(deps, state, now, await connectionIds());
    // Saved after every step: a run killed now resumes from here.
    await deps.ledger.saveCycle(CycleState.parse(state));
    if (outcome === 'wait') break;
  }
  return {
    ...(state.cycle > 0 ? { cycle: new Date(state.cycle).toISOString() } : {}),
    phase: state.phase, steps, counts: state.counts,
    ...(state.retryAt !== undefined && state.retryAt > deps.now() ? { waitingUntil: new Date(state.retryAt).toISOString() } : {}),
    ...(state.closed.length > 0 ? { pending: state.closed.length } : {}),
  };
}

/** From idle: starts a cycle or another erasure round when one is due; false when there is nothing to do. */
function wake(state: CycleState, now: number): boolean {
  const next = nextFromIdle(state, now);
  if (next === 'cycle') startCycle(state, now);
  else if (next === 'erase') startErasure(state);
  return next !== undefined;
}

/** One step of the current phase, moving to the next phase when this one is through. */
async function step(deps: PrivacyDeps, state: CycleState, now: number, ids: readonly string[]): Promise<'more' | 'wait'> {
  if (state.phase === 'gather') {
    const found: Found = new Map();
    const after = await scanStep(deps, ids, state.scan ?? scanStart(), gatherer(found, now));
    state.counts.found += await noteFound(deps.ledger, found, state.cycle);
    if (after) state.scan = after;
    else { delete state.scan; state.phase = 'report'; }
    return 'more';
  }
  if (state.phase === 'report') {
    const reported = await reportStep(deps, state, now);
    if (reported === 'done') {
      if (state.closed.length > 0) startErasure(state);
      else finish(state, now);
    }
    return reported === 'wait' ? 'wait' : 'more';
  }
  const pending = new Set(state.pending);
  const after = await scanStep(deps, ids, state.scan ?? scanStart(), eraser(deps, new Set(state.closed), state.counts.erased, pending));
  state.pending = [...pending];
  if (after) state.scan = after;
  else await endErasure(deps, state, now);
  return 'more';
}

function startCycle(state: CycleState, now: number): void {
  // The start is also the cycle's number: unique and increasing, even if the state is ever lost.
  state.cycle = Math.max(now, state.cycle + 1);
  state.phase = 'gather';
  state.scan = scanStart();
  state.counts = zeroCounts();
  delete state.ledgerCursor;
  delete state.retryAt;
  delete state.finishedAt;
}

function startErasure(state: CycleState): void {
  state.phase = 'erase';
  state.scan = scanStart();
  state.pending = [];
  delete state.eraseAgainAt;
}

/** Accounts no record names any more leave the ledger and the state; the rest wait for another round. */
async function endErasure(deps: PrivacyDeps, state: CycleState, now: number): Promise<void> {
  const pending = new Set(state.pending);
  const erased = state.closed.filter((id) => !pending.has(id));
  for (let i = 0; i < erased.length; i += 100) await deps.ledger.forget(erased.slice(i, i + 100));
  state.closed = state.closed.filter((id) => pending.has(id));
  state.pending = [];
  if (state.closed.length > 0) state.eraseAgainAt = now + ERASE_AGAIN_MS;
  finish(state, now);
}

function finish(state: CycleState, now: number): void {
  state.phase = 'idle';
  delete state.scan;
  state.finishedAt = now;
}
