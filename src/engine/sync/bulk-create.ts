/**
 * Receiving side of "Sync existing issues": up to 50 of the partner's issues created here with ONE bulk
 * create, each under this side's own mapping exactly as a create message is applied (apply.ts). An element
 * Jira refuses goes the one-at-a-time way, which works around refused values, so a bad value never loses
 * the issue; an origin already paired here answers its pair, so a retried request creates nothing twice.
 * One intent covers the batch until its pairs are stored: a retry after a crash adopts what the dead request
 * created instead of creating it again (docs/decisions/0017-crash-safe-creates.md).
 * Cost: 1 request per 50 issues, 2 per status that is not new, and a create per refused element; in KVS one
 * query, one set and one delete per batch.
 */
import type { SyncConfig } from '../../domain/config/schema';
import type { FieldStamp } from '../../domain/sync/conflict';
import type { IssueChange } from '../../domain/sync/message';
import { createIssues, type BulkCreateOutcome } from '../../jira/client';
import { JiraError } from '../../jira/errors';
import type { CreateIntent } from '../../ports/intents';
import type { Pair } from '../../ports/pairs';
import {
  afterCreate, applyContext, createdPair, createFields, createPartner, incomingInput, incomingStamp, localTypeOf, REFUSES_CREATE,
  resolverFor, statusOfNew, usersIn, type ApplyContext,
} from './apply';
import type { SyncDeps } from './deps';
import { findIssueCopies, originProperty } from './intents';

export interface CreateItem {
  origin: { issueId: string; key: string };
  /** When the origin's values were last changed (epoch ms): the stamp they get here. */
  at: number;
  change: IssueChange;
}

export type CreateResult =
  | { originId: string; issueId: string; key: string; existed?: true; moved?: true; note?: string }
  | { originId: string; error: string };

/** Jira's limit per bulk create, and so per request of the partner. */
export const CREATE_BATCH = 50;

interface Prepared {
  item: CreateItem;
  ctx: ApplyContext;
  input: Record<string, unknown>;
  fields: Record<string, unknown>;
  typeId: string;
  stamps: Record<string, FieldStamp>;
}

/** `side` is the partner's identity (`sideOf` its configuration): the stamp's tie-breaker, as in its messages. */
export async function bulkCreate(deps: SyncDeps, connectionId: string, config: SyncConfig, side: string, items: readonly CreateItem[]): Promise<CreateResult[]> {
  if (items.length > CREATE_BATCH) throw new RangeError(`At most ${CREATE_BATCH} issues per bulk create, not ${items.length}`);
  const results = new Map<string, CreateResult>();
  const contextOf = (item: CreateItem) => applyContext(deps, connectionId, config, { origin: { side, issueId: item.origin.issueId, issueKey: item.origin.key }, at: item.at });
  const fresh: CreateItem[] = [];
  for (const item of items) {
    if (results.has(item.origin.issueId) || fresh.some((f) => f.origin.issueId === item.origin.issueId)) continue;
    const existing = await deps.pairs.byPartner(connectionId, item.origin.issueId);
    if (existing) results.set(item.origin.issueId, await answerExisting(contextOf(item), item, existing));
    else if (!config.advanced.accept.create) results.set(item.origin.issueId, { originId: item.origin.issueId, error: REFUSES_CREATE });
    else fresh.push(item);
  }
  // One resolver for the batch: email matching costs a user search per distinct email, not per issue.
  const resolve = await resolverFor(deps, config, fresh.flatMap((i) => usersIn(i.change.fields)));
  const ready: Prepared[] = [];
  for (const item of fresh) {
    const ctx = contextOf(item);
    const stamps: Record<string, FieldStamp> = {};
    const { input } = incomingInput(ctx.mappings, item.change.fields, resolve, stamps, incomingStamp(ctx.message), false);
    const made = createFields(config, item.change, item.origin.key, input);
    // The answer's schema caps an error at 2,000 characters; a longer Jira message must not make the answer unreadable.
    if ('reason' in made) results.set(item.origin.issueId, { originId: item.origin.issueId, error: made.reason.slice(0, 2000) });
    else ready.push({ item, ctx, input, fields: made.fields, typeId: made.typeId, stamps });
  }
  const paired = new Set([...results.values()].flatMap((r) => ('issueId' in r ? [r.originId] : [])));
  const { adopted, rest, batch } = await openBatch(deps, connectionId, config.local.projectKey, ready, paired);
  const outcomes = await createIssues(deps.jira, rest.map((p) => ({ fields: p.fields, properties: [originProperty(connectionId, p.item.origin.issueId)] })));
  const created = outcomes.flatMap((o) => ('id' in o ? [{ prepared: rest[o.index]!, issue: { id: o.id, key: o.key } }] : []));
  // Pairs first, in one write: a retry after a failure below answers them from here and creates nothing twice.
  await deps.pairs.putMany(created.map((c) => createdPair(c.prepared.ctx, c.issue, [])));
  for (const { prepared: p, issue } of [...adopted, ...created]) {
    const done = await afterCreate(p.ctx, p.item.change, issue, p.typeId, [], p.stamps, incomingStamp(p.ctx.message), { adopted: adopted.some((a) => a.prepared === p) });
    results.set(p.item.origin.issueId, { originId: p.item.origin.issueId, issueId: issue.id, key: issue.key, ...(done.moved ? { moved: true as const } : {}) });
  }
  for (const o of outcomes) if ('error' in o) results.set(rest[o.index]!.item.origin.issueId, await oneByOne(rest[o.index]!, o));
  if (batch) await deps.intents.end(connectionId, 'bulk', batch.id);
  return [...new Set(items.map((i) => i.origin.issueId))].flatMap((id) => {
    const r = results.get(id);
    return r ? [r] : [];
  });
}

type Made = { prepared: Prepared; issue: { id: string; key: string } };

/**
 * Adopts what batches that were begun and never ended made of these origins (their pairs stored here), then
 * writes the intent of this batch for the rest, and only then forgets the old ones whose every origin is
 * settled (ready now or `paired` here): some intent always covers a create whose pair is not stored yet.
 */
async function openBatch(deps: SyncDeps, connectionId: string, projectKey: string, ready: readonly Prepared[], paired: ReadonlySet<string>): Promise<{ adopted: Made[]; rest: Prepared[]; batch?: CreateIntent }> {
  if (ready.length === 0 && paired.size === 0) return { adopted: [], rest: [] };
  const origins = new Set(ready.map((p) => p.item.origin.issueId));
  const leftovers = (await deps.intents.list(connectionId, 'bulk')).filter((i) => i.origins?.some((o) => origins.has(o) || paired.has(o)));
  // Only origins an old batch held can have a copy it made.
  const sought = new Set([...origins].filter((o) => leftovers.some((i) => i.origins?.includes(o))));
  const found = sought.size > 0 ? await findIssueCopies(deps, projectKey, connectionId, sought, leftovers) : new Map<string, { id: string; key: string }>();
  const adopted = ready.flatMap((p) => { const issue = found.get(p.item.origin.issueId); return issue ? [{ prepared: p, issue }] : []; });
  await deps.pairs.putMany(adopted.map((a) => createdPair(a.prepared.ctx, a.issue, [])));
  const rest = ready.filter((p) => !found.has(p.item.origin.issueId));
  const now = deps.now();
  const batch: CreateIntent | undefined = rest.length ? { connectionId, kind: 'bulk', id: `${rest[0]!.item.origin.issueId}-${now}`, since: now, origins: rest.map((p) => p.item.origin.issueId) } : undefined;
  // Its id is new, so a plain write: no other request writes this key.
  if (batch) await deps.intents.renew(batch);
  for (const old of leftovers) if (old.origins?.every((o) => origins.has(o) || paired.has(o))) await deps.intents.end(connectionId, 'bulk', old.id);
  return { adopted, rest, ...(batch ? { batch } : {}) };
}

/** A refused element, created alone with what the bulk create said about its values already applied. */
async function oneByOne(p: Prepared, refused: Extract<BulkCreateOutcome, { error: JiraError }>): Promise<CreateResult> {
  const originId = p.item.origin.issueId;
  try {
    // The batch's intent covers this create too.
    const made = await createPartner(p.ctx, p.item.change, p.input, p.stamps, incomingStamp(p.ctx.message), { tellPartner: false, refused: refused.error, guarded: false });
    if ('reason' in made) return { originId, error: made.reason.slice(0, 2000) };
    return { originId, issueId: made.id, key: made.key, ...(made.moved ? { moved: true as const } : {}), note: made.detail.slice(0, 1000) };
  } catch (error) {
    // One element's refusal is its own result; Jira being busy is the caller's to retry.
    if (error instanceof JiraError && !error.transient) return { originId, error: error.message.slice(0, 2000) };
    throw error;
  }
}

/**
 * An origin paired here already (a retried request, or a copy made from a create message meanwhile) answers
 * its pair. A status walk a failure cut short (no status stamp yet) is finished now.
 */
async function answerExisting(ctx: ApplyContext, item: CreateItem, pair: Pair): Promise<CreateResult> {
  const answer = { originId: item.origin.issueId, issueId: pair.localIssueId, key: pair.localIssueKey, existed: true as const };
  const status = item.change.status;
  if (!status || status.category === 'new') return answer;
  const stamps = await ctx.deps.state.stamps(ctx.connectionId, pair.localIssueId);
  if (stamps['status']) return answer;
  const typeId = localTypeOf(ctx.config, item.change.issueType);
  const moved = await statusOfNew(ctx, item.change, pair.localIssueId, typeId, stamps, incomingStamp(ctx.message));
  await ctx.deps.state.setStamps(ctx.connectionId, pair.localIssueId, stamps);
  return moved.moved ? { ...answer, moved: true } : answer;
}
