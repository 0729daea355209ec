/** Wording of the reconciliation report. Pure, unit-tested. */
import type { ReconciliationReport } from '../../../shared/types';

/** The report's headline and one sentence on what failed. */
export function reportVerdict(report: Pick<ReconciliationReport, 'pass' | 'checks'>): { title: string; detail: string } {
  const failed = report.checks.filter((c) => !c.pass).length;
  if (report.pass) return { title: 'Ready for cutover', detail: report.checks.length === 1 ? 'The check passes.' : `All ${report.checks.length} checks pass.` };
  return {
    title: 'Not ready for cutover',
    detail: failed === 0 ? 'The report does not pass.' : `${failed} of ${report.checks.length} ${report.checks.length === 1 ? 'check fails' : 'checks fail'}.`,
  };
}

/** "Unpaired: SUP-3, SUP-9 and 12 more." */
export function keyList(label: string, keys: readonly string[], count: number): string {
  const more = count - keys.length;
  return `${label}: ${keys.join(', ')}${more > 0 ? ` and ${more.toLocaleString('en')} more` : ''}.`;
}

/** "No pairs differ", "3 pairs differ", "1,500 pairs differ (first 1,000 shown)". */
export function mismatchCaption(mismatches: ReconciliationReport['mismatches']): string {
  if (mismatches.count === 0) return 'No pairs differ in their mapped fields';
  const count = `${mismatches.count.toLocaleString('en')} ${mismatches.count === 1 ? 'pair differs' : 'pairs differ'} in their mapped fields`;
  return mismatches.rows.length < mismatches.count ? `${count} (first ${mismatches.rows.length.toLocaleString('en')} shown)` : count;
}
