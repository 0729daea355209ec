/**
 * What one side asks the other during migration work, over the signed partner channel (cross-site) or
 * directly against the mirror connection (same-site): the partner project's issue index, a bulk snapshot
 * of paired issues, applying a snapshot there, storing the partner's half of new pairs, and creating copies
 * of existing issues in bulk (the initial sync). The answering side acts as its own app, on its own project
 * only: it reads and writes only issues paired in this connection, and creates issues only in its project.
 */
import { z } from 'zod';
import { Channel } from '../../domain/connections/messages';
import { describeIssues } from '../../domain/notices';
import { IssueChange, PortableValue } from '../../domain/sync/message';
import { readValue } from '../../domain/sync/values';
import { allIssues, searchPage, syncJql } from '../../jira/bulk';
import { isTransient } from '../../jira/errors';
import type { IndexedIssue } from '../../domain/migration/types';
import type { Pair } from '../../ports/pairs';
import type { ClaimStore } from '../../ports/claims';
import { authenticate, isRefusal, reader, signedHeaders, type SignedRequest } from '../partner-channel';
import type { PartnerReply } from '../../ports/relay';
import { bulkCreate, CREATE_BATCH } from '../sync/bulk-create';
import type { SyncDeps } from '../sync/deps';
import { oneLine, PartnerBusy, partnerFailure, partnerName, PartnerUnavailable, refusalOf, REQUEST_NAMES } from './partner-errors';
import { compareSnapshot, readSnapshot, type SnapshotEntry } from './snapshot';

const IssueId = z.string().regex(/^\d{1,18}$/);
const IssueKey = z.string().regex(/^[A-Z][A-Z0-9_]{1,9}-[1-9]\d*$/);
const StatusRef = z.object({ id: z.string().min(1).max(100), name: z.string().min(1).max(255) });
const Entry = z.object({ issueId: IssueId, originKey: IssueKey, values: z.record(z.string().max(64), PortableValue), status: StatusRef.optional() });

/** Each request kind: its body and its answer, both parsed on arrival. */
export const Requests = {
  index: {
    ask: z.object({
      v: z.literal(1), cursor: z.string().max(2000).optional(), field: z.string().max(64).optional(), bySyncFilter: z.boolean().default(false),
      /** Only issues updated at or after this time (epoch ms): an incremental resync's partner half. */
      updatedSince: z.number().int().nonnegative().optional(),
    }),
    answer: z.object({ issues: z.array(z.object({ id: IssueId, key: IssueKey, value: z.string().nullable().optional() })).max(5000), cursor: z.string().optional() }),
  },
  snapshot: {
    ask: z.object({ v: z.literal(1), issueIds: z.array(IssueId).min(1).max(100), fields: z.array(z.string().max(64)).max(200).optional(), anyDirection: z.boolean().default(false), status: z.boolean() }),
    answer: z.object({ issues: z.array(Entry.omit({ issueId: true }).extend({ id: IssueId, key: IssueKey })).max(100) }),
  },
  apply: {
    ask: z.object({ v: z.literal(1), entries: z.array(Entry).min(1).max(100), write: z.boolean(), anyDirection: z.boolean().default(false) }),
    answer: z.object({ results: z.array(z.object({ issueId: IssueId, key: z.string(), differing: z.array(z.string()), written: z.boolean(), error: z.string().optional() })) }),
  },
  pairs: {
    /** The asker's view: its local issue and ours (its partner). */
    ask: z.object({ v: z.literal(1), pairs: z.array(z.object({ localId: IssueId, localKey: IssueKey, partnerId: IssueId, partnerKey: IssueKey })).min(1).max(1000) }),
    answer: z.object({ stored: z.number().int().nonnegative() }),
  },
  /** "Sync existing issues": the partner creates its copies in bulk; `side` is the asker's identity (stamps' tie-breaker). */
  create: {
    ask: z.object({
      v: z.literal(1), side: z.string().min(1).max(200),
      items: z.array(z.object({ origin: z.object({ issueId: IssueId, key: IssueKey }), at: z.number().int().nonnegative(), change: IssueChange.refine((c) => c.create, 'must be a create (create: true)') })).min(1).max(CREATE_BATCH),
    }),
    answer: z.object({
      results: z.array(z.union([
        z.object({ originId: IssueId, issueId: IssueId, key: IssueKey, existed: z.literal(true).optional(), moved: z.literal(true).optional(), note: z.string().max(1000).optional() }),
        z.object({ originId: IssueId, error: z.string().max(2000) }),
      ])).max(CREATE_BATCH),
    }),
  },
} as const;
export type RequestKind = keyof typeof Requests;
type Ask<K extends RequestKind> = z.input<(typeof Requests)[K]['ask']>;
type Answer<K extends RequestKind> = z.infer<(typeof Requests)[K]['answer']>;

export { PartnerBusy, PartnerUnavailable } from './partner-errors';

/**
 * Asks the partner side; same-site, the mirror connection answers in-process through the same handler.
 * Throws PartnerBusy when asking again later may succeed, PartnerUnavailable when it cannot until an
 * admin acts (partner-errors.ts); a Jira failure of the same-site answer passes through as it is.
 */
export async function askPartner<K extends RequestKind>(deps: SyncDeps, connectionId: string, kind: K, body: Ask<K>): Promise<Answer<K>> {
  const [url, key, partnerId] = await Promise.all([deps.connections.partnerInboxUrl(connectionId), deps.connections.signingKey(connectionId), deps.connections.partnerConnectionId(connectionId)]);
  if (url === undefined) throw new PartnerUnavailable('This sync no longer exists on this site: it was deleted while the job ran.');
  const request = REQUEST_NAMES[kind];
  // Named only when something failed: a working request costs no extra read.
  const partner = async () => partnerName(await deps.connections.get(connectionId));
  if (url === null) {
    if (!partnerId) throw new PartnerUnavailable('The partner project of this sync is not linked.');
    const answered = await answer(deps, partnerId, kind, body);
    if (answered.status !== 200) throw partnerFailure(await partner(), request, answered.status, refusalOf(answered.body));
    return answered.body as Answer<K>;
  }
  if (!key || !partnerId) throw new PartnerUnavailable('The sync is not linked to a partner site yet: the invitation has not been accepted.');
  const text = JSON.stringify(body);
  let reply: PartnerReply;
  try {
    reply = await deps.partner.post(url, text, signedHeaders(key, partnerId, text, deps.now(), Channel[kind]));
  } catch (error) {
    // Unreachable or timed out: the partner may answer later, as outgoing changes treat it (sync/deliver.ts).
    throw new PartnerBusy(`${await partner()} could not be reached for the ${request}: ${oneLine(error instanceof Error ? error.message : String(error), 300)}.`);
  }
  const json = jsonOf(reply.body);
  if (reply.status !== 200) throw partnerFailure(await partner(), request, reply.status, refusalOf(json), reply.retryAfterSeconds);
  const parsed = Requests[kind].answer.safeParse(json);
  // The same request gets the same answer: the two installations do not speak the same version.
  if (!parsed.success) throw new PartnerUnavailable(`${await partner()} answered the ${request} in a form this site cannot read (${oneLine(describeIssues(parsed.error), 300)}): check that both sites run the current version of Lockstep, then run this again.`, reply.status);
  return parsed.data as Answer<K>;
}

/** A reply body as JSON, or undefined when it is not JSON (a platform's error page). */
function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The answering side's refusal when it has no configuration: only an admin there can mend it, so it is marked final. */
const NO_CONFIG = { status: 409, body: { error: 'The sync has no saved configuration on this side yet.', retry: false } } as const;

export type PartnerAnswer = { status: number; body: unknown };

export const isMigrationChannel = (channel: string): channel is RequestKind => Object.hasOwn(Requests, channel);

/** The web trigger's entry: authenticate (which reads the request as its kind), then answer. */
export async function answerPartnerRequest(deps: SyncDeps & { claims: ClaimStore }, kind: RequestKind, req: SignedRequest): Promise<PartnerAnswer> {
  const signed = await authenticate(deps, req, reader<unknown>(Requests[kind].ask, `${kind} request`));
  if (isRefusal(signed)) return signed;
  return answer(deps, signed.connectionId, kind, signed.message);
}

async function answer(deps: SyncDeps, connectionId: string, kind: RequestKind, raw: unknown): Promise<PartnerAnswer> {
  const parsed = Requests[kind].ask.safeParse(raw);
  if (!parsed.success) return { status: 422, body: { error: `Unreadable ${kind} request: ${describeIssues(parsed.error)}` } };
  const summary = await deps.connections.get(connectionId);
  if (!summary) return { status: 404, body: { error: 'No such connection here.' } };
  const config = await deps.connections.config(connectionId);
  switch (kind) {
    case 'index': {
      const ask = parsed.data as z.infer<typeof Requests.index.ask>;
      const field = ask.field ? config?.fields.find((m) => m.kind === 'custom' && m.local.id === ask.field) : undefined;
      if (ask.field && !field) return { status: 422, body: { error: `field: ${ask.field} is not a mapped custom field here` } };
      const jql = syncJql(summary.localProjectKey, ask.bySyncFilter ? config?.advanced.jql ?? '' : '', ask.updatedSince === undefined ? '' : `updated >= ${ask.updatedSince}`);
      const page = await searchPage(deps.jira, jql, ask.field ? [ask.field] : [], ask.cursor);
      const issues = inProject(page.issues, summary.localProjectKey).map((i) => ({ id: i.id, key: i.key, ...(ask.field ? { value: textOf(i.fields[ask.field]) } : {}) }));
      return { status: 200, body: { issues, ...(page.nextPageToken ? { cursor: page.nextPageToken } : {}) } };
    }
    case 'snapshot': {
      const ask = parsed.data as z.infer<typeof Requests.snapshot.ask>;
      if (!config) return NO_CONFIG;
      const ids = await pairedOnly(deps, connectionId, ask.issueIds);
      const issues = ids.length === 0 ? [] : await readSnapshot(deps, config, ids, { ...(ask.fields ? { fields: new Set(ask.fields) } : {}), anyDirection: ask.anyDirection, status: ask.status });
      return { status: 200, body: { issues: issues.map(({ id, key, originKey, values, status }) => ({ id, key, originKey, values, ...(status ? { status } : {}) })) } };
    }
    case 'apply': {
      const ask = parsed.data as z.infer<typeof Requests.apply.ask>;
      if (!config) return NO_CONFIG;
      const allowed = new Set(await pairedOnly(deps, connectionId, ask.entries.map((e) => e.issueId)));
      const entries: SnapshotEntry[] = ask.entries.filter((e) => allowed.has(e.issueId)).map((e) => ({ issueId: e.issueId, originKey: e.originKey, values: e.values, ...(e.status ? { status: e.status } : {}) }));
      const results = entries.length === 0 ? [] : await compareSnapshot(deps, connectionId, config, entries, { write: ask.write, anyDirection: ask.anyDirection });
      return { status: 200, body: { results } };
    }
    case 'create': {
      const ask = parsed.data as z.infer<typeof Requests.create.ask>;
      if (!config) return NO_CONFIG;
      try {
        return { status: 200, body: { results: await bulkCreate(deps, connectionId, config, ask.side, ask.items) } };
      } catch (error) {
        // Jira busy here: the asker's job waits and asks again; whatever was created answers from its pair then.
        if (isTransient(error)) return { status: 503, body: { error: `Jira on this side is busy: ${(error as Error).message}` } };
        throw error;
      }
    }
    case 'pairs': {
      const ask = parsed.data as z.infer<typeof Requests.pairs.ask>;
      const foreign = ask.pairs.find((p) => !p.partnerKey.startsWith(`${summary.localProjectKey}-`));
      if (foreign) return { status: 422, body: { error: `pairs: ${foreign.partnerKey} is not an issue of ${summary.localProjectKey}` } };
      const at = new Date(deps.now()).toISOString();
      const mirrored: Pair[] = ask.pairs.map((p) => ({
        connectionId, localIssueId: p.partnerId, localIssueKey: p.partnerKey, partnerIssueId: p.localId, partnerIssueKey: p.localKey,
        firstSyncAt: at, lastSentAt: null, lastReceivedAt: null, lastError: null, status: 'active',
      }));
      await deps.pairs.putMany(mirrored);
      return { status: 200, body: { stored: mirrored.length } };
    }
  }
}

/** Only issues paired in this connection are read or written for the partner: it learns nothing else. */
async function pairedOnly(deps: SyncDeps, connectionId: string, ids: readonly string[]): Promise<string[]> {
  const found = await Promise.all(ids.map(async (id) => ((await deps.pairs.byLocal(connectionId, id))?.status === 'active' ? id : undefined)));
  return found.filter((id): id is string => id !== undefined);
}

/** A JQL filter can be written to reach past its project; results are held to the project whatever it says. */
export function inProject<T extends { key: string }>(issues: readonly T[], projectKey: string): T[] {
  return issues.filter((i) => i.key.startsWith(`${projectKey}-`));
}

/** A field's value as text for matching: plain text, an option's name, a number. */
function textOf(raw: unknown): string | null {
  const v = readValue('name', raw);
  if (typeof v === 'string') return v;
  if (typeof raw === 'string' || typeof raw === 'number') return String(raw);
  return null;
}

/** Every page of the partner's index. */
export async function partnerIndex(deps: SyncDeps, connectionId: string, options: { field?: string; bySyncFilter?: boolean } = {}): Promise<IndexedIssue[]> {
  const out: IndexedIssue[] = [];
  let cursor: string | undefined;
  do {
    const page = await askPartner(deps, connectionId, 'index', { v: 1, ...(cursor ? { cursor } : {}), ...(options.field ? { field: options.field } : {}), bySyncFilter: options.bySyncFilter ?? false });
    for (const i of page.issues) out.push(i.value === undefined ? { id: i.id, key: i.key } : { id: i.id, key: i.key, value: i.value });
    cursor = page.cursor;
  } while (cursor);
  return out;
}

/** Every issue of this side's project (optionally by the sync's filter and more), with a field's value when asked. */
export async function localIndex(deps: SyncDeps, projectKey: string, filters: readonly string[], field?: string): Promise<IndexedIssue[]> {
  const issues = inProject(await allIssues(deps.jira, syncJql(projectKey, ...filters), field), projectKey);
  return issues.map((i) => ({ id: i.id, key: i.key, ...(field ? { value: textOf(i.fields[field]) } : {}) }));
}
