/**
 * Resync: holds the chosen fields of one side against the other for paired issues, writing only where
 * they differ. `to-partner`: this side's values are read here in bulk and the partner writes what
 * differs; `from-partner`: the partner's are read there in bulk and written here.
 * - `full` verify walks every issue of the sync here (its filter and the admin's JQL, in key order).
 *   Per page of 100: 1 search + 1 partner request (1 bulkfetch there), plus one edit per issue that differs.
 * - `incremental` walks only issues updated since a time: first this side's (the same walk with
 *   `updated >= since`), then the partner's, named by id (5,000 per index page) and read here in bulk.
 *   Its cost follows the drift, not the project's size.
 */
import { z } from 'zod';
import { sends } from '../../domain/config/direction';
import type { FieldMapping, SyncConfig } from '../../domain/config/schema';
import { localFieldId } from '../../domain/sync/values';
import { bulkFetch, countIssues, FIELD_PAGE, searchPage, syncJql } from '../../jira/bulk';
import type { IssueBean } from '../../jira/client';
import type { Job } from '../../ports/jobs';
import type { Pair } from '../../ports/pairs';
import type { MigrationDeps } from './deps';
import type { StepOutcome } from './jobs';
import { askPartner, inProject } from './partner';
import { compareSnapshot, snapshotOf, type SnapshotEntry } from './snapshot';

export const ResyncParams = z.object({
  jql: z.string().max(2000),
  /** Local field ids of mappings, and `status`. */
  fields: z.array(z.string().min(1).max(64)).min(1, 'choose at least one field').max(200),
  direction: z.enum(['to-partner', 'from-partner']),
  mode: z.enum(['full', 'incremental']).default('full'),
  /** Incremental only: issues updated on either side at or after this time (ISO 8601). */
  since: z.iso.datetime({ offset: true }).optional(),
}).refine((p) => p.mode === 'full' || p.since !== undefined, { path: ['since'], message: 'an incremental resync needs the time to start from' });
export type ResyncParams = z.infer<typeof ResyncParams>;

const Stats = z.object({ read: z.number(), paired: z.number(), issuesWritten: z.number(), fieldsWritten: z.number(), unchanged: z.number(), failed: z.array(z.object({ key: z.string(), reason: z.string() })) });
export const ResyncCursor = z.object({
  token: z.string().nullable(), lastKey: z.string().nullable(), stats: Stats,
  /**
   * Incremental walks both sides' changed issues, the side that is written first: its changes are read
   * before the resync's own writes make every written issue look changed there too.
   */
  phase: z.enum(['local', 'partner']).optional(),
  /** Whether the other side's walk is finished already. */
  otherDone: z.boolean().default(false),
  partnerCursor: z.string().nullable().default(null),
});
export type ResyncCursor = z.infer<typeof ResyncCursor>;

const PAGES_PER_STEP = 5;
const MAX_FAILED_LISTED = 100;

export async function resyncStep(deps: MigrationDeps, job: Job): Promise<StepOutcome> {
  const params = ResyncParams.parse(job.params);
  const [summary, config] = await Promise.all([deps.connections.get(job.connectionId), deps.connections.config(job.connectionId)]);
  if (!summary || !config) return { done: job.done, cursor: job.cursor, failed: { error: 'The sync or its configuration no longer exists.' } };
  const since = params.mode === 'incremental' ? Date.parse(params.since!) : undefined;
  // Jira reads a number in JQL as epoch milliseconds: no time zone to get wrong.
  const jql = syncJql(summary.localProjectKey, config.advanced.jql, params.jql, since === undefined ? '' : `updated >= ${since}`);
  let total = job.total;
  // A progress total for 1 point; reading the ids would cost one point per issue, as much as the resync's own reads.
  if (total === null) total = await countIssues(deps.jira, jql);
  const at: ResyncCursor = job.cursor ? ResyncCursor.parse(job.cursor) : ResyncCursor.parse({ token: null, lastKey: null, stats: { read: 0, paired: 0, issuesWritten: 0, fieldsWritten: 0, unchanged: 0, failed: [] } });
  const plan = planOf(config, params);
  const stats = structuredClone(at.stats);
  const phase = at.phase ?? (since !== undefined && params.direction === 'to-partner' ? 'partner' : 'local');
  if (phase === 'partner') {
    // The partner's changed issues, one index page per step; ones changed on both sides are compared twice, harmlessly.
    const page = await askPartner(deps, job.connectionId, 'index', { v: 1, bySyncFilter: true, updatedSince: since!, ...(at.partnerCursor ? { cursor: at.partnerCursor } : {}) });
    total += page.issues.length;
    stats.read += page.issues.length;
    const pairs: Pair[] = [];
    for (const issue of page.issues) {
      const pair = await deps.pairs.byPartner(job.connectionId, issue.id);
      if (pair?.status === 'active') pairs.push(pair);
    }
    for (let i = 0; i < pairs.length; i += FIELD_PAGE) await resyncPairs(deps, job.connectionId, config, plan, pairs.slice(i, i + FIELD_PAGE), undefined, stats);
    const cursor: ResyncCursor = { ...at, phase, stats, partnerCursor: page.cursor ?? null };
    if (page.cursor) return { done: stats.read, total, cursor };
    if (!at.otherDone) return { done: stats.read, total, cursor: { ...cursor, phase: 'local', otherDone: true } };
    return { done: stats.read, total, cursor, finished: resyncSummary(stats) };
  }
  let token = at.token;
  let lastKey = at.lastKey;
  for (let page = 0; page < PAGES_PER_STEP; page++) {
    const got = await searchPage(deps.jira, `${jql} ORDER BY key ASC`, plan.read, token ?? undefined, FIELD_PAGE);
    const issues = inProject(got.issues, summary.localProjectKey);
    stats.read += issues.length;
    const pairs: Pair[] = [];
    for (const issue of issues) {
      const pair = await deps.pairs.byLocal(job.connectionId, issue.id);
      if (pair && pair.status === 'active') pairs.push(pair);
    }
    await resyncPairs(deps, job.connectionId, config, plan, pairs, new Map(issues.map((i) => [i.id, i])), stats);
    lastKey = issues.at(-1)?.key ?? lastKey;
    token = got.nextPageToken ?? null;
    if (!token) break;
  }
  const cursor: ResyncCursor = { ...at, phase, token, lastKey, stats };
  if (token) return { done: Math.min(stats.read, total), total, cursor };
  if (since !== undefined && !at.otherDone) return { done: stats.read, total: Math.max(total, stats.read), cursor: { ...cursor, phase: 'partner', otherDone: true } };
  return { done: stats.read, total: Math.max(total, stats.read), cursor, finished: resyncSummary(stats) };
}

/** What a resync reads and sends, from its parameters and the configuration. */
interface Plan {
  direction: ResyncParams['direction'];
  chosen: Set<string>;
  withStatus: boolean;
  outgoing: FieldMapping[];
  /** Fields of this side's search: the values when they are this side's to send, else only the key. */
  read: string[];
}

function planOf(config: SyncConfig, params: ResyncParams): Plan {
  const chosen = new Set(params.fields);
  const outgoing = config.fields.filter((m) => sends(m.direction) && chosen.has(localFieldId(m)));
  const read = params.direction === 'to-partner' ? [...outgoing.map(localFieldId), 'status'] : ['key'];
  return { direction: params.direction, chosen, withStatus: chosen.has('status') && config.statuses.length > 0, outgoing, read };
}

/**
 * One batch of ≤ 100 pairs: this side's values to the partner, or the partner's here. `read` holds this
 * side's issues when the search already carried their values; otherwise they are fetched in bulk.
 */
async function resyncPairs(deps: MigrationDeps, connectionId: string, config: SyncConfig, plan: Plan, pairs: readonly Pair[], read: Map<string, IssueBean> | undefined, stats: z.infer<typeof Stats>): Promise<void> {
  stats.paired += pairs.length;
  if (pairs.length === 0) return;
  let results;
  if (plan.direction === 'to-partner') {
    const beans = read ?? new Map((await bulkFetch(deps.jira, pairs.map((p) => p.localIssueId), plan.read)).map((b) => [b.id, b]));
    const entries = pairs.flatMap((p) => {
      const bean = beans.get(p.localIssueId);
      if (!bean) return [];
      const { values, status } = snapshotOf(bean, plan.outgoing, plan.withStatus);
      return [{ issueId: p.partnerIssueId, originKey: bean.key, values, ...(status ? { status } : {}) }];
    });
    results = entries.length ? (await askPartner(deps, connectionId, 'apply', { v: 1, write: true, entries })).results : [];
  } else {
    results = await pullFromPartner(deps, connectionId, config, pairs, [...plan.chosen].filter((f) => f !== 'status'), plan.withStatus);
  }
  for (const r of results) {
    if (r.error) { if (stats.failed.length < MAX_FAILED_LISTED) stats.failed.push({ key: r.key, reason: r.error }); continue; }
    if (r.written) { stats.issuesWritten++; stats.fieldsWritten += r.differing.length; } else stats.unchanged++;
  }
}

async function pullFromPartner(deps: MigrationDeps, connectionId: string, config: SyncConfig, pairs: readonly Pair[], fields: string[], withStatus: boolean) {
  const snapshot = await askPartner(deps, connectionId, 'snapshot', { v: 1, issueIds: pairs.map((p) => p.partnerIssueId), fields, status: withStatus });
  const localOf = new Map(pairs.map((p) => [p.partnerIssueId, p.localIssueId]));
  const entries: SnapshotEntry[] = snapshot.issues.flatMap((i) => {
    const local = localOf.get(i.id);
    return local ? [{ issueId: local, originKey: i.key, values: i.values, ...(i.status ? { status: i.status } : {}) }] : [];
  });
  return entries.length ? compareSnapshot(deps, connectionId, config, entries, { write: true }) : [];
}

export function resyncSummary(s: z.infer<typeof Stats>): string {
  return `Read ${s.read} issue${s.read === 1 ? '' : 's'}, ${s.paired} paired; wrote ${s.issuesWritten} issue${s.issuesWritten === 1 ? '' : 's'} (${s.fieldsWritten} field${s.fieldsWritten === 1 ? '' : 's'}); ${s.unchanged} already matched; ${s.failed.length} failed.`;
}
