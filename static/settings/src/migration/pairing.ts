/**
 * Pairing issues after a migration: the preview's categories, whether and how the Apply button may be
 * pressed, the source an automatic match sends, and the preview's paging. Pure, unit-tested.
 */
import { PLAN_CATEGORIES, type PlanCategory } from '../../../../src/domain/migration/types';
import type { PairSource } from '../../../shared/types';

export { PLAN_CATEGORIES };

/** Rows of one `getPairPreview` page. */
export const PREVIEW_PAGE_SIZE = 200;

export const CATEGORY_LABEL: Record<PlanCategory, string> = {
  pair: 'Will pair',
  paired: 'Already paired',
  'missing-local': 'Missing here',
  'missing-partner': 'Missing on partner',
  conflict: 'Conflicting',
};

/** Categories whose rows cannot be applied: the claim names an issue that is not there, or one twice. */
export const PROBLEM_CATEGORIES: readonly PlanCategory[] = ['missing-local', 'missing-partner', 'conflict'];

export function problemCount(counts: Record<PlanCategory, number>): number {
  return PROBLEM_CATEGORIES.reduce((sum, c) => sum + counts[c], 0);
}

export interface ApplyPlan {
  /** Rows that would pair. */
  pairs: number;
  /** Rows that would not (missing, conflicting). */
  problems: number;
  /** Whether the admin must confirm applying only the valid pairs. */
  needsConfirmation: boolean;
  canApply: boolean;
  /** The button's text (its accessible name starts with "Apply pairs"). */
  label: string;
  /** Why the button is disabled, when it is. */
  blocked: string | null;
}

export function applyPlan(counts: Record<PlanCategory, number>, acceptPartial: boolean): ApplyPlan {
  const pairs = counts.pair;
  const problems = problemCount(counts);
  const needsConfirmation = problems > 0;
  const label = `Apply pairs (${pairs.toLocaleString('en')})`;
  let blocked: string | null = null;
  if (pairs === 0) blocked = counts.paired > 0 ? 'Every pair in the preview is paired already.' : 'The preview has no pairs to apply.';
  else if (needsConfirmation && !acceptPartial) blocked = `Confirm that only the ${pairs.toLocaleString('en')} valid pairs should be applied.`;
  return { pairs, problems, needsConfirmation, canApply: blocked === null, label, blocked };
}

/** "Apply only the 480 valid pairs". */
export function partialLabel(pairs: number): string {
  return `Apply only the ${pairs.toLocaleString('en')} valid ${pairs === 1 ? 'pair' : 'pairs'}`;
}

export type SourceMode = 'upload' | 'key' | 'field';

export interface MatchForm {
  jql: string;
  localField: string | null;
  partnerField: string | null;
}

/** The source of an automatic match, or what is missing for it. */
export function matchSource(mode: 'key' | 'field', form: MatchForm): { source: PairSource } | { problem: string } {
  const jql = form.jql.trim();
  const withJql = jql === '' ? {} : { jql };
  if (mode === 'key') return { source: { match: 'key', ...withJql } };
  if (!form.localField) return { problem: 'Choose the field of this project to match on.' };
  if (!form.partnerField) return { problem: "Choose the partner's field to match on." };
  return { source: { match: 'field', localField: form.localField, partnerField: form.partnerField, ...withJql } };
}

/** "Rows 201–400 of 512", "No rows". */
export function pageText(offset: number, shown: number, total: number): string {
  if (total === 0 || shown === 0) return 'No rows';
  return `Rows ${(offset + 1).toLocaleString('en')}–${(offset + shown).toLocaleString('en')} of ${total.toLocaleString('en')}`;
}

/** The offset of the page before / after, or null when there is none. */
export function previousOffset(offset: number, size: number = PREVIEW_PAGE_SIZE): number | null {
  return offset <= 0 ? null : Math.max(0, offset - size);
}
export function nextOffset(offset: number, shown: number, total: number): number | null {
  return offset + shown < total && shown > 0 ? offset + shown : null;
}

/** Largest file the browser reads for an upload (the server refuses bigger ones anyway). */
export const MAX_PAIR_FILE_BYTES = 50 * 1024 * 1024;
