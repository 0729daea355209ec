/**
 * Pairing existing issues in bulk: a preview job (read the file or match automatically, read both
 * projects' issue indexes and the existing pairs, sort every claim) and an apply job (store the `pair`
 * rows here and the partner's half there, 5,000 per step). Nothing is written before the admin applies,
 * and a preview is applied at most once, so applying the same file again changes nothing.
 */
import { z } from 'zod';
import { parsePairFile } from '../../domain/migration/pair-file';
import { indexIssues, matchByField, matchByKey, planPairs } from '../../domain/migration/pair-plan';
import type { ExistingPair, IndexedIssue, PairClaim, PlanCategory, PlanRow } from '../../domain/migration/types';
import type { Job } from '../../ports/jobs';
import { eachPairPage, type Pair } from '../../ports/pairs';
import { TextName, type MigrationDeps } from './deps';
import type { StepOutcome } from './jobs';
import { askPartner, localIndex, partnerIndex } from './partner';

export const PairSourceParams = z.union([
  z.object({ upload: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), fileName: z.string().max(300).optional() }),
  z.object({ match: z.literal('key'), jql: z.string().max(2000).optional() }),
  z.object({ match: z.literal('field'), localField: z.string().min(1).max(64), partnerField: z.string().min(1).max(64), jql: z.string().max(2000).optional() }),
]);
export type PairSourceParams = z.infer<typeof PairSourceParams>;

export const PreviewCursor = z.object({
  counts: z.record(z.string(), z.number()),
  source: z.string(),
  /** The apply job that used this preview; a preview is applied once. */
  appliedBy: z.string().nullable().default(null),
});
export type PreviewCursor = z.infer<typeof PreviewCursor>;

/** [localId, localKey, partnerId, partnerKey] of a row that will pair. */
type ReadyPair = [string, string, string, string];
const ReadyPairs = z.array(z.tuple([z.string(), z.string(), z.string(), z.string()]));

const ApplyParams = z.object({ previewJobId: z.string(), acceptPartial: z.boolean() });
const ApplyCursor = z.object({ offset: z.number().int().nonnegative(), stored: z.number().int().nonnegative(), skipped: z.number().int().nonnegative() }).nullable();

/** Pairs stored per apply step; the partner takes them in requests of 1,000. */
const APPLY_STEP = 5000;
const PARTNER_CHUNK = 1000;

async function existingPairs(deps: MigrationDeps, connectionId: string): Promise<ExistingPair[]> {
  const out: ExistingPair[] = [];
  await eachPairPage(deps.pairs, connectionId, (pairs) => {
    for (const p of pairs) if (p.status !== 'deleted') out.push({ localId: p.localIssueId, localKey: p.localIssueKey, partnerId: p.partnerIssueId, partnerKey: p.partnerIssueKey });
  });
  return out;
}

export async function previewStep(deps: MigrationDeps, job: Job): Promise<StepOutcome> {
  const source = PairSourceParams.parse(job.params);
  const summary = await deps.connections.get(job.connectionId);
  if (!summary) return { done: 0, cursor: null, failed: { error: 'The sync no longer exists.' } };
  const config = await deps.connections.config(job.connectionId);
  const names = { local: summary.localProjectKey, partner: summary.partnerProject };
  let claims: PairClaim[];
  let label: string;
  let local: IndexedIssue[];
  let partner: IndexedIssue[];
  if ('upload' in source) {
    const text = await deps.texts.get(TextName.upload(job.connectionId, source.upload));
    if (text === undefined) return { done: 0, cursor: null, failed: { error: 'The uploaded file is gone; upload it again.' } };
    const parsed = parsePairFile(text, { localProjectKey: names.local, partnerProjectKey: names.partner });
    if (!parsed.ok) return { done: 0, cursor: null, failed: { error: `The file was refused (${parsed.problems.length} problem${parsed.problems.length === 1 ? '' : 's'}); nothing was changed.`, problems: parsed.problems } };
    claims = parsed.claims;
    label = `${source.fileName ?? 'uploaded file'} (${formatName(parsed.format)}, ${claims.length} pair${claims.length === 1 ? '' : 's'})`;
    [local, partner] = await Promise.all([localIndex(deps, names.local, []), partnerIndex(deps, job.connectionId)]);
  } else {
    const filters = [config?.advanced.jql ?? '', source.jql ?? ''];
    if (source.match === 'key') {
      [local, partner] = await Promise.all([localIndex(deps, names.local, filters), partnerIndex(deps, job.connectionId)]);
      claims = matchByKey(local, partner);
      label = 'issues with the same key on both sides';
    } else {
      [local, partner] = await Promise.all([localIndex(deps, names.local, filters, source.localField), partnerIndex(deps, job.connectionId, { field: source.partnerField })]);
      claims = matchByField(local, partner, `field ${source.localField} = ${source.partnerField}`);
      label = `equal values of ${source.localField} here and ${source.partnerField} there`;
    }
  }
  const plan = planPairs(claims, indexIssues(local), indexIssues(partner), await existingPairs(deps, job.connectionId), names);
  await deps.texts.put(TextName.preview(job.connectionId, job.id), JSON.stringify(plan.rows));
  // Pairs are stored under the issues' current keys: a row keeps the key as the file wrote it (stale, `sup-01`), which the partner refuses.
  const keyOf = new Map([...local, ...partner].map((i) => [i.id, i.key]));
  const ready = plan.rows.filter((r) => r.category === 'pair').map((r): ReadyPair => [r.localId!, keyOf.get(r.localId!) ?? r.localKey, r.partnerId!, keyOf.get(r.partnerId!) ?? r.partnerKey]);
  for (let i = 0; i * APPLY_STEP < ready.length; i++) await deps.texts.put(TextName.previewPairs(job.connectionId, job.id, i), JSON.stringify(ready.slice(i * APPLY_STEP, (i + 1) * APPLY_STEP)));
  const c = plan.counts;
  const cursor: PreviewCursor = { counts: c, source: label, appliedBy: null };
  return { done: claims.length, total: claims.length, cursor, finished: `Will pair ${c.pair}; already paired ${c.paired}; missing here ${c['missing-local']}; missing on the partner ${c['missing-partner']}; conflicting ${c.conflict}.` };
}

const formatName = (f: 'lockstep' | 'backbone' | 'csv') => ({ lockstep: 'Lockstep pair list', backbone: 'Backbone synchronized issues', csv: 'CSV' })[f];

/** The stored rows of a finished preview. */
export async function previewRows(deps: MigrationDeps, connectionId: string, jobId: string): Promise<PlanRow[] | undefined> {
  const text = await deps.texts.get(TextName.preview(connectionId, jobId));
  return text === undefined ? undefined : (JSON.parse(text) as PlanRow[]);
}

export const problemCount = (counts: Record<string, number>): number =>
  (['missing-local', 'missing-partner', 'conflict'] as PlanCategory[]).reduce((sum, k) => sum + (counts[k] ?? 0), 0);

export async function applyStep(deps: MigrationDeps, job: Job): Promise<StepOutcome> {
  const params = ApplyParams.parse(job.params);
  const at = ApplyCursor.parse(job.cursor ?? null) ?? { offset: 0, stored: 0, skipped: 0 };
  const total = job.total ?? 0;
  const piece = at.offset / APPLY_STEP;
  const text = at.offset < total ? await deps.texts.get(TextName.previewPairs(job.connectionId, params.previewJobId, piece)) : '[]';
  if (text === undefined) return { done: at.offset, cursor: at, failed: { error: 'The preview is gone; preview the pairs again.' } };
  const slice = ReadyPairs.parse(JSON.parse(text)).map(([localId, localKey, partnerId, partnerKey]) => ({ localId, localKey, partnerId, partnerKey }));
  const now = new Date(deps.now()).toISOString();
  const fresh: Pair[] = [];
  let skipped = 0;
  for (const r of slice) {
    // A pair made since the preview (an issue created by the sync meanwhile) is left as it is.
    const current = await deps.pairs.byLocal(job.connectionId, r.localId);
    if (current && current.status !== 'deleted') { skipped++; continue; }
    fresh.push({ connectionId: job.connectionId, localIssueId: r.localId, localIssueKey: r.localKey, partnerIssueId: r.partnerId, partnerIssueKey: r.partnerKey, firstSyncAt: now, lastSentAt: null, lastReceivedAt: null, lastError: null, status: 'active' });
  }
  // The partner's half first: a pair that exists only here would send changes the partner cannot place.
  for (let i = 0; i < fresh.length; i += PARTNER_CHUNK) {
    const chunk = fresh.slice(i, i + PARTNER_CHUNK).map((p) => ({ localId: p.localIssueId, localKey: p.localIssueKey, partnerId: p.partnerIssueId, partnerKey: p.partnerIssueKey }));
    await askPartner(deps, job.connectionId, 'pairs', { v: 1, pairs: chunk });
  }
  await deps.pairs.putMany(fresh);
  const next = { offset: at.offset + slice.length, stored: at.stored + fresh.length, skipped: at.skipped + skipped };
  if (next.offset < total) return { done: next.offset, total, cursor: next };
  await markApplied(deps, job.connectionId, params.previewJobId, job.id);
  await deps.audit.record({ connectionId: job.connectionId, at: now, actor: job.startedBy, action: 'pairs.imported', target: null, detail: `${next.stored} pairs stored on both sides from preview ${params.previewJobId}${next.skipped ? `; ${next.skipped} already paired meanwhile` : ''}` });
  return { done: next.offset, total, cursor: next, finished: `Paired ${next.stored}${next.skipped ? `; ${next.skipped} were paired meanwhile and left as they were` : ''}.` };
}

async function markApplied(deps: MigrationDeps, connectionId: string, previewJobId: string, applyJobId: string): Promise<void> {
  const preview = await deps.jobs.get(connectionId, previewJobId);
  if (!preview) return;
  const cursor = PreviewCursor.parse(preview.cursor);
  await deps.jobs.put({ ...preview, cursor: { ...cursor, appliedBy: applyJobId } });
}
