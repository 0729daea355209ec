/**
 * Resync: walks this side's issues of the sync (by its filter and the admin's JQL, in key order) page by
 * page, and for each paired issue holds the chosen fields of one side against the other, writing only
 * where they differ. `to-partner`: this side's values are read here in bulk and the partner writes what
 * differs; `from-partner`: the partner's are read there in bulk and written here. Per page of 100:
 * 1 search + 1 partner request (1 bulkfetch there), plus one edit per issue that differs.
 */
import { z } from 'zod';
import { sends } from '../../domain/config/direction';
import type { SyncConfig } from '../../domain/config/schema';
import { localFieldId } from '../../domain/sync/values';
import { allIssues, FIELD_PAGE, searchPage, syncJql } from '../../jira/bulk';
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
});
export type ResyncParams = z.infer<typeof ResyncParams>;

const Stats = z.object({ read: z.number(), paired: z.number(), issuesWritten: z.number(), fieldsWritten: z.number(), unchanged: z.number(), failed: z.array(z.object({ key: z.string(), reason: z.string() })) });
export const ResyncCursor = z.object({ token: z.string().nullable(), lastKey: z.string().nullable(), stats: Stats });
export type ResyncCursor = z.infer<typeof ResyncCursor>;

const PAGES_PER_STEP = 5;
const MAX_FAILED_LISTED = 100;

export async function resyncStep(deps: MigrationDeps, job: Job): Promise<StepOutcome> {
  const params = ResyncParams.parse(job.params);
  const [summary, config] = await Promise.all([deps.connections.get(job.connectionId), deps.connections.config(job.connectionId)]);
  if (!summary || !config) return { done: job.done, cursor: job.cursor, failed: { error: 'The sync or its configuration no longer exists.' } };
  const jql = syncJql(summary.localProjectKey, config.advanced.jql, params.jql);
  let total = job.total;
  if (total === null) total = inProject(await allIssues(deps.jira, jql), summary.localProjectKey).length;
  const at: ResyncCursor = job.cursor ? ResyncCursor.parse(job.cursor) : { token: null, lastKey: null, stats: { read: 0, paired: 0, issuesWritten: 0, fieldsWritten: 0, unchanged: 0, failed: [] } };
  const chosen = new Set(params.fields);
  const withStatus = chosen.has('status') && config.statuses.length > 0;
  const outgoing = config.fields.filter((m) => sends(m.direction) && chosen.has(localFieldId(m)));
  const read = params.direction === 'to-partner' ? [...outgoing.map(localFieldId), 'status'] : ['key'];
  let token = at.token;
  let lastKey = at.lastKey;
  const stats = structuredClone(at.stats);
  for (let page = 0; page < PAGES_PER_STEP; page++) {
    const got = await searchPage(deps.jira, `${jql} ORDER BY key ASC`, read, token ?? undefined, FIELD_PAGE);
    const issues = inProject(got.issues, summary.localProjectKey);
    stats.read += issues.length;
    const pairs = new Map<string, Pair>();
    for (const issue of issues) {
      const pair = await deps.pairs.byLocal(job.connectionId, issue.id);
      if (pair && pair.status === 'active') pairs.set(issue.id, pair);
    }
    stats.paired += pairs.size;
    if (pairs.size > 0) {
      const results = params.direction === 'to-partner'
        ? (await askPartner(deps, job.connectionId, 'apply', {
          v: 1, write: true,
          entries: issues.filter((i) => pairs.has(i.id)).map((bean) => {
            const { values, status } = snapshotOf(bean, outgoing, withStatus);
            return { issueId: pairs.get(bean.id)!.partnerIssueId, originKey: bean.key, values, ...(status ? { status } : {}) };
          }),
        })).results
        : await pullFromPartner(deps, job.connectionId, config, [...pairs.values()], [...chosen].filter((f) => f !== 'status'), withStatus);
      for (const r of results) {
        if (r.error) { if (stats.failed.length < MAX_FAILED_LISTED) stats.failed.push({ key: r.key, reason: r.error }); continue; }
        if (r.written) { stats.issuesWritten++; stats.fieldsWritten += r.differing.length; } else stats.unchanged++;
      }
    }
    lastKey = issues.at(-1)?.key ?? lastKey;
    token = got.nextPageToken ?? null;
    if (!token) break;
  }
  const cursor: ResyncCursor = { token, lastKey, stats };
  const done = Math.min(stats.read, total);
  if (token) return { done, total, cursor };
  return { done: stats.read, total: Math.max(total, stats.read), cursor, finished: resyncSummary(stats) };
}

async function pullFromPartner(deps: MigrationDeps, connectionId: string, config: SyncConfig, pairs: Pair[], fields: string[], withStatus: boolean) {
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
