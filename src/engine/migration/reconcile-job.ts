/**
 * The reconciliation report: both projects' issues by the sync's filter, paired and unpaired on each
 * side, pairs that point at nothing, and every pair's mapped fields compared both sides in bulk — as a
 * pass/fail checklist. Step 1 reads the indexes and the pairs; later steps compare 500 pairs each
 * (per 100: 1 partner snapshot request, 1 bulkfetch here). Nothing is written.
 */
import { z } from 'zod';
import type { Job } from '../../ports/jobs';
import { eachPairPage } from '../../ports/pairs';
import { TextName, type MigrationDeps } from './deps';
import type { StepOutcome } from './jobs';
import { askPartner, localIndex, partnerIndex } from './partner';
import { compareSnapshot, type SnapshotEntry } from './snapshot';

const SIDE = z.object({ projectKey: z.string(), jql: z.string(), issues: z.number(), paired: z.number(), unpaired: z.number(), unpairedKeys: z.array(z.string()) });
export const ReconciliationReport = z.object({
  generatedAt: z.string(),
  local: SIDE,
  partner: SIDE,
  pairs: z.object({ total: z.number(), compared: z.number(), dangling: z.number(), danglingKeys: z.array(z.string()) }),
  mismatches: z.object({ count: z.number(), rows: z.array(z.object({ localKey: z.string(), partnerKey: z.string(), fields: z.array(z.string()) })) }),
  checks: z.array(z.object({ label: z.string(), pass: z.boolean(), detail: z.string() })),
  pass: z.boolean(),
});
export type ReconciliationReport = z.infer<typeof ReconciliationReport>;

/** [localId, partnerId, localKey, partnerKey] of every pair to compare. */
const Work = z.object({ pairs: z.array(z.tuple([z.string(), z.string(), z.string(), z.string()])), report: ReconciliationReport.omit({ checks: true, pass: true }), doubled: z.number(), openErrors: z.number() });
const Cursor = z.object({ offset: z.number(), mismatches: z.number(), rows: ReconciliationReport.shape.mismatches.shape.rows, failed: z.number() });

const COMPARE_PER_STEP = 500;
const LISTED = 50;
const MISMATCH_ROWS = 1000;

export async function reconcileStep(deps: MigrationDeps, job: Job): Promise<StepOutcome> {
  const [summary, config] = await Promise.all([deps.connections.get(job.connectionId), deps.connections.config(job.connectionId)]);
  if (!summary || !config) return { done: job.done, cursor: job.cursor, failed: { error: 'The sync or its configuration no longer exists.' } };
  const workName = TextName.work(job.connectionId, job.id);
  if (job.cursor === null) {
    await deps.texts.put(workName, JSON.stringify(await survey(deps, job.connectionId, summary.localProjectKey, summary.partnerProject, config.advanced.jql)));
    const work = Work.parse(JSON.parse((await deps.texts.get(workName))!));
    return { done: 0, total: work.pairs.length, cursor: { offset: 0, mismatches: 0, rows: [], failed: 0 } satisfies z.infer<typeof Cursor> };
  }
  const work = Work.parse(JSON.parse((await deps.texts.get(workName)) ?? 'null'));
  const at = Cursor.parse(job.cursor);
  const slice = work.pairs.slice(at.offset, at.offset + COMPARE_PER_STEP);
  const next = { ...at, rows: [...at.rows] };
  for (let i = 0; i < slice.length; i += 100) {
    const chunk = slice.slice(i, i + 100);
    const snapshot = await askPartner(deps, job.connectionId, 'snapshot', { v: 1, issueIds: chunk.map((p) => p[1]), anyDirection: true, status: true });
    const byPartner = new Map(chunk.map((p) => [p[1], p]));
    const entries: SnapshotEntry[] = snapshot.issues.flatMap((s) => {
      const p = byPartner.get(s.id);
      return p ? [{ issueId: p[0], originKey: s.key, values: s.values, ...(s.status ? { status: s.status } : {}) }] : [];
    });
    const compared = entries.length ? await compareSnapshot(deps, job.connectionId, config, entries, { write: false, anyDirection: true }) : [];
    const partnerKeyOf = new Map(chunk.map((p) => [p[0], p[3]]));
    for (const c of compared) {
      if (c.error) { next.failed++; continue; }
      if (c.differing.length === 0) continue;
      next.mismatches++;
      if (next.rows.length < MISMATCH_ROWS) next.rows.push({ localKey: c.key, partnerKey: partnerKeyOf.get(c.issueId) ?? '?', fields: c.differing });
    }
    // A pair the partner would not show (gone there, or not paired on its side) counts against the report.
    next.failed += chunk.length - entries.length;
  }
  next.offset += slice.length;
  if (next.offset < work.pairs.length) return { done: next.offset, total: work.pairs.length, cursor: next };
  const report = finalReport(work, next, new Date(deps.now()).toISOString());
  await deps.texts.put(TextName.report(job.connectionId, job.id), JSON.stringify(report));
  await deps.texts.remove(workName);
  const failedChecks = report.checks.filter((c) => !c.pass).length;
  return { done: next.offset, total: work.pairs.length, cursor: next, finished: report.pass ? `All ${report.checks.length} checks pass: ${report.pairs.total} pairs, ${report.mismatches.count} mismatches.` : `${failedChecks} of ${report.checks.length} checks fail: ${report.mismatches.count} mismatched pairs, ${report.local.unpaired + report.partner.unpaired} unpaired issues.` };
}

async function survey(deps: MigrationDeps, connectionId: string, localKey: string, partnerKey: string, jql: string): Promise<z.infer<typeof Work>> {
  const [local, partner] = await Promise.all([localIndex(deps, localKey, [jql]), partnerIndex(deps, connectionId, { bySyncFilter: true })]);
  const pairs: Array<[string, string, string, string]> = [];
  await eachPairPage(deps.pairs, connectionId, (page) => {
    for (const p of page) if (p.status !== 'deleted') pairs.push([p.localIssueId, p.partnerIssueId, p.localIssueKey, p.partnerIssueKey]);
  });
  const localIds = new Set(local.map((i) => i.id));
  const partnerIds = new Set(partner.map((i) => i.id));
  const pairedLocal = new Set(pairs.map((p) => p[0]));
  const partnerCounts = new Map<string, number>();
  for (const p of pairs) partnerCounts.set(p[1], (partnerCounts.get(p[1]) ?? 0) + 1);
  const unpairedLocal = local.filter((i) => !pairedLocal.has(i.id));
  const unpairedPartner = partner.filter((i) => !partnerCounts.has(i.id));
  const whole = pairs.filter((p) => localIds.has(p[0]) && partnerIds.has(p[1]));
  const dangling = pairs.filter((p) => !localIds.has(p[0]) || !partnerIds.has(p[1]));
  const side = (projectKey: string, filter: string, issues: number, unpaired: typeof local) => ({ projectKey, jql: filter, issues, paired: issues - unpaired.length, unpaired: unpaired.length, unpairedKeys: unpaired.slice(0, LISTED).map((i) => i.key) });
  return {
    pairs: whole,
    doubled: [...partnerCounts.values()].filter((n) => n > 1).length,
    openErrors: (await deps.state.listParked(connectionId)).length,
    report: {
      generatedAt: new Date(deps.now()).toISOString(),
      local: side(localKey, jql, local.length, unpairedLocal),
      partner: side(partnerKey, '(the partner\'s own filter)', partner.length, unpairedPartner),
      pairs: { total: pairs.length, compared: 0, dangling: dangling.length, danglingKeys: dangling.slice(0, LISTED).map((p) => `${p[2]} ↔ ${p[3]}`) },
      mismatches: { count: 0, rows: [] },
    },
  };
}

function finalReport(work: z.infer<typeof Work>, at: z.infer<typeof Cursor>, generatedAt: string): ReconciliationReport {
  const r = work.report;
  const checks = [
    { label: `Every ${r.local.projectKey} issue in the sync is paired`, pass: r.local.unpaired === 0, detail: `${r.local.paired} of ${r.local.issues} paired${r.local.unpaired ? `; unpaired: ${r.local.unpairedKeys.join(', ')}${r.local.unpaired > r.local.unpairedKeys.length ? ', …' : ''}` : ''}` },
    { label: `Every ${r.partner.projectKey} issue in the sync is paired`, pass: r.partner.unpaired === 0, detail: `${r.partner.paired} of ${r.partner.issues} paired${r.partner.unpaired ? `; unpaired: ${r.partner.unpairedKeys.join(', ')}${r.partner.unpaired > r.partner.unpairedKeys.length ? ', …' : ''}` : ''}` },
    { label: 'Both sides hold the same number of issues', pass: r.local.issues === r.partner.issues, detail: `${r.local.projectKey}: ${r.local.issues}, ${r.partner.projectKey}: ${r.partner.issues}` },
    { label: 'No pair points at a missing issue', pass: r.pairs.dangling === 0, detail: r.pairs.dangling ? `${r.pairs.dangling} pair(s) name an issue that is gone or outside the sync: ${r.pairs.danglingKeys.join(', ')}` : `${r.pairs.total} pairs checked` },
    { label: 'No issue is paired twice', pass: work.doubled === 0, detail: work.doubled ? `${work.doubled} partner issue(s) are paired with more than one issue` : 'every issue has at most one partner' },
    { label: 'Every pair\'s mapped fields match', pass: at.mismatches === 0 && at.failed === 0, detail: `${at.offset - at.failed} pairs compared; ${at.mismatches} differ${at.failed ? `; ${at.failed} could not be read on both sides` : ''}` },
    { label: 'No failed changes are waiting', pass: work.openErrors === 0, detail: work.openErrors ? `${work.openErrors} in the error list` : 'the error list is empty' },
  ];
  return { ...r, generatedAt, pairs: { ...r.pairs, compared: at.offset - at.failed }, mismatches: { count: at.mismatches, rows: at.rows }, checks, pass: checks.every((c) => c.pass) };
}

/** The report as CSV: the checklist, then one row per mismatched pair. */
export function reportCsv(report: ReconciliationReport): string {
  const q = (v: string | number | boolean) => (/[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));
  const lines = ['section,item,result,detail'];
  for (const c of report.checks) lines.push(['check', c.label, c.pass ? 'pass' : 'FAIL', c.detail].map(q).join(','));
  for (const [name, s] of [['local', report.local], ['partner', report.partner]] as const) {
    lines.push(['count', `${name} ${s.projectKey} issues`, s.issues, ''].map(q).join(','), ['count', `${name} ${s.projectKey} paired`, s.paired, ''].map(q).join(','), ['count', `${name} ${s.projectKey} unpaired`, s.unpaired, s.unpairedKeys.join(' ')].map(q).join(','));
  }
  for (const m of report.mismatches.rows) lines.push(['mismatch', `${m.localKey} ↔ ${m.partnerKey}`, 'differs', m.fields.join('; ')].map(q).join(','));
  return `${lines.join('\n')}\n`;
}
