/**
 * "Sync existing issues": shares this side's issues of the sync that are not paired yet with the partner,
 * which creates its copies in bulk (the `create` request, src/engine/sync/bulk-create.ts). Each change is
 * built as capture builds a create's, so an old issue arrives exactly as a new one would. Issues without
 * a parent go first, then the others, so a parent exists on the partner before its sub-tasks.
 * Per page of 100: 1 search here and 2 bulk creates there, plus 2 requests per issue whose status is not
 * its workflow's initial one.
 */
import { z } from 'zod';
import type { FieldMapping, SyncConfig } from '../../domain/config/schema';
import { changeFields, issueChange, parentToPair, sendingMappings, type BuiltChange } from '../../domain/sync/issue-change';
import { countIssues, FIELD_PAGE, searchPage, syncJql } from '../../jira/bulk';
import type { IssueBean } from '../../jira/client';
import type { Job } from '../../ports/jobs';
import type { Pair } from '../../ports/pairs';
import { REFUSES_CREATE } from '../sync/apply';
import { backfillFields, backfillIssue } from '../sync/backfill';
import { CREATE_BATCH } from '../sync/bulk-create';
import { parentTarget, stampSent } from '../sync/capture';
import { sideOf } from '../sync/deps';
import type { MigrationDeps } from './deps';
import type { StepOutcome } from './jobs';
import { askPartner, inProject } from './partner';

/** Parents before children: the JQL of each phase, in order. */
const PHASES = { parents: 'parent is EMPTY', children: 'parent is not EMPTY' } as const;

const Stats = z.object({
  created: z.number().int(), existed: z.number().int(), moved: z.number().int(), alreadyPaired: z.number().int(),
  /** Issues not shared, by reason (an issue type that is not mapped). */
  skipped: z.record(z.string(), z.number().int()),
  failed: z.number().int(),
  failures: z.array(z.object({ key: z.string(), reason: z.string() })),
});
export type InitialSyncStats = z.infer<typeof Stats>;
export const InitialSyncCursor = z.object({ phase: z.enum(['parents', 'children']), token: z.string().nullable(), stats: Stats });
export type InitialSyncCursor = z.infer<typeof InitialSyncCursor>;

const PAGES_PER_STEP = 5;
const MAX_FAILURES_LISTED = 100;

const emptyStats = (): InitialSyncStats => ({ created: 0, existed: 0, moved: 0, alreadyPaired: 0, skipped: {}, failed: 0, failures: [] });
const finishedCount = (s: InitialSyncStats) => s.created + s.existed + s.alreadyPaired + s.failed + Object.values(s.skipped).reduce((a, b) => a + b, 0);

export async function initialSyncStep(deps: MigrationDeps, job: Job): Promise<StepOutcome> {
  const [summary, config] = await Promise.all([deps.connections.get(job.connectionId), deps.connections.config(job.connectionId)]);
  if (!summary || !config) return { done: job.done, cursor: job.cursor, failed: { error: 'The sync or its configuration no longer exists.' } };
  const project = summary.localProjectKey;
  // A progress total for 1 point (reading every id would cost a point per issue).
  const total = job.total ?? (await countIssues(deps.jira, syncJql(project, config.advanced.jql)));
  const at: InitialSyncCursor = job.cursor ? InitialSyncCursor.parse(job.cursor) : { phase: 'parents', token: null, stats: emptyStats() };
  const sharing = new Sharing(deps, job, config, summary.partnerProject);
  // Comments, files and links ride on the same search: the backfill of each new pair costs no request of its own.
  const fields = [...changeFields(sharing.mappings, true), ...backfillFields(config)];
  let { phase, token } = at;
  const stats = structuredClone(at.stats);
  for (let page = 0; page < PAGES_PER_STEP; page++) {
    const got = await searchPage(deps.jira, `${syncJql(project, config.advanced.jql, PHASES[phase])} ORDER BY key ASC`, fields, token ?? undefined, FIELD_PAGE);
    const refused = await sharing.page(inProject(got.issues, project), stats);
    if (refused) return { done: finishedCount(stats), total, cursor: { phase, token, stats }, failed: { error: refused } };
    token = got.nextPageToken ?? null;
    if (token) continue;
    if (phase === 'children') return { done: finishedCount(stats), total: Math.max(total, finishedCount(stats)), cursor: { phase, token, stats }, finished: initialSyncSummary(stats, summary.partnerProject) };
    phase = 'children';
  }
  return { done: Math.min(finishedCount(stats), total), total, cursor: { phase, token, stats } };
}

type Ready = { bean: IssueBean; built: Exclude<BuiltChange, { skip: string }> };

/** Shares one page of issues: what is not paired yet, in rounds so a parent on the page goes before its children. */
class Sharing {
  readonly mappings: FieldMapping[];
  private readonly side: string;
  constructor(private readonly deps: MigrationDeps, private readonly job: Job, private readonly config: SyncConfig, private readonly partner: string) {
    this.mappings = sendingMappings(config);
    this.side = sideOf(config);
  }

  /** Returns why the whole job cannot go on (the partner takes no new issues), else undefined. */
  async page(issues: readonly IssueBean[], stats: InitialSyncStats): Promise<string | undefined> {
    const { deps, job, config } = this;
    let open: IssueBean[] = [];
    for (const bean of issues) {
      const pair = await deps.pairs.byLocal(job.connectionId, bean.id);
      if (!pair) open.push(bean);
      else if (pair.firstSyncAt > job.startedAt) {
        // Paired since this job started: shared by an earlier try of this step (or by the running sync); that try may have failed before its backfill, and a repeat is harmless.
        stats.created++;
        await backfillIssue(deps, job.connectionId, config, bean);
      } else stats.alreadyPaired++;
    }
    // Parent relations have no cycles, so a round always takes some issue; if one ever did not, the rest go without waiting.
    let patient = true;
    while (open.length > 0) {
      const waiting = new Set(patient ? open.map((b) => b.id) : []);
      const ready: Ready[] = [];
      const later: IssueBean[] = [];
      for (const bean of open) {
        const parentId = parentToPair(config, bean.fields);
        const parentTargetId = await parentTarget(deps, job.connectionId, config, bean.fields);
        if (parentId && !parentTargetId && waiting.has(parentId)) { later.push(bean); continue; }
        const built = issueChange(config, bean.fields, { mappings: this.mappings, create: true, status: true, parentTargetId }, deps.now());
        if ('skip' in built) stats.skipped[built.skip] = (stats.skipped[built.skip] ?? 0) + 1;
        else ready.push({ bean, built });
      }
      for (let i = 0; i < ready.length; i += CREATE_BATCH) {
        const refused = await this.send(ready.slice(i, i + CREATE_BATCH), stats);
        if (refused) return refused;
      }
      patient = later.length < open.length;
      open = later;
    }
    return undefined;
  }

  private async send(chunk: Ready[], stats: InitialSyncStats): Promise<string | undefined> {
    const { deps, job } = this;
    const answer = await askPartner(deps, job.connectionId, 'create', {
      v: 1, side: this.side,
      items: chunk.map((r) => ({ origin: { issueId: r.bean.id, key: r.bean.key }, at: r.built.at, change: r.built.change })),
    });
    const byOrigin = new Map(answer.results.map((r) => [r.originId, r]));
    if (chunk.every((r) => { const a = byOrigin.get(r.bean.id); return a !== undefined && 'error' in a && a.error === REFUSES_CREATE; })) {
      return `${this.partner} does not accept new issues from this project: turn on "Accept new issues" in the Advanced settings of the sync on ${this.partner}'s side, then run this again.`;
    }
    const now = new Date(deps.now()).toISOString();
    const pairs: Pair[] = [];
    const paired: Ready[] = [];
    const created: Ready[] = [];
    for (const r of chunk) {
      const a = byOrigin.get(r.bean.id);
      if (!a || 'error' in a) {
        stats.failed++;
        if (stats.failures.length < MAX_FAILURES_LISTED) stats.failures.push({ key: r.bean.key, reason: a ? a.error : 'the partner did not answer for it' });
        continue;
      }
      paired.push(r);
      pairs.push({ connectionId: job.connectionId, localIssueId: r.bean.id, localIssueKey: r.bean.key, partnerIssueId: a.issueId, partnerIssueKey: a.key, firstSyncAt: now, lastSentAt: now, lastReceivedAt: null, lastError: null, status: 'active' });
      if (a.existed) stats.existed++;
      else { stats.created++; created.push(r); }
      if (a.moved) stats.moved++;
    }
    await deps.pairs.putMany(pairs);
    // The partner now holds these values: this side's change of them is the newest either side knows of.
    for (const r of created) await stampSent(deps, job.connectionId, r.bean.id, r.built.stamped, { changedAt: r.built.at, site: this.side });
    // What the issues gathered before this pairing (comments, files, links) follows them; one the partner had already paired may repeat some, harmlessly.
    for (const r of paired) await backfillIssue(deps, job.connectionId, this.config, r.bean);
    return undefined;
  }
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** e.g. "Shared 230 issues: created 230 on DEV (12 moved to their status); 5 already paired; 3 skipped (issue type Epic is not synced); 0 failed." */
export function initialSyncSummary(s: InitialSyncStats, partner: string): string {
  const skipped = Object.entries(s.skipped).sort((a, b) => b[1] - a[1]);
  const skippedTotal = skipped.reduce((n, [, c]) => n + c, 0);
  const why = skipped.length === 1 ? ` (${skipped[0]![0]})` : skipped.length > 1 ? ` (${skipped.map(([reason, n]) => `${n}: ${reason}`).join('; ')})` : '';
  const failures = s.failures.slice(0, 3).map((f) => `${f.key}: ${f.reason}`).join('; ');
  const text = [
    `Shared ${plural(s.created + s.existed, 'issue')}: created ${s.created} on ${partner}${s.moved ? ` (${s.moved} moved to their status)` : ''}${s.existed ? `, ${s.existed} found there already` : ''}`,
    `${s.alreadyPaired} already paired`,
    `${skippedTotal} skipped${why}`,
    `${s.failed} failed${failures ? ` (${failures}${s.failed > 3 ? '; …' : ''})` : ''}`,
  ].join('; ');
  return `${text}.`.slice(0, 2000);
}
