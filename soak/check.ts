/**
 * The soak's verdict, read from the two sites and both installations' pair tables after Lockstep
 * settled — independently of Lockstep's own comparison code:
 * - diverged: a pair whose mapped fields, status, comments, files or links differ between the sites,
 *   or whose two pair records disagree;
 * - duplicated: a copy Lockstep made twice (an app-made issue no pair names, an issue in two pairs,
 *   a comment or file present twice);
 * - lost: a person's issue never shared, or a comment, file or link on one side only.
 */
import { kvsPairs } from '../src/forge/adapters/kvs-pairs';
import { kvsConnections } from '../src/forge/adapters/kvs-connections';
import { kvsSyncState } from '../src/forge/adapters/kvs-sync-state';
import type { Pair } from '../src/ports/pairs';
import type { SyncConfig } from '../src/domain/config/schema';
import { APP_ACCOUNT_ID } from '../sandbox/jira/model/site';
import type { SyncHarness } from '../test/support/sync';
import type { SoakSide } from './load';

export interface Finding {
  kind: 'diverged' | 'duplicated' | 'lost';
  what: string;
}

export interface Verdict {
  pairs: number;
  diverged: number;
  duplicated: number;
  lost: number;
  /** Of `lost`, links between paired issues on one side only. */
  lostLinks: number;
  /** Messages parked in either side's error list: failures that did not heal, shown to admins. */
  parked: number;
  /** Sync messages still stored unsent or unapplied, and deferred captures, on both sides: work Lockstep has not finished. */
  waiting: number;
  /** Findings no parked message explains. */
  unexplained: number;
  findings: Finding[];
}

const TOKEN = /\bt\d+\b/g;
const textOf = (value: unknown): string => JSON.stringify(value ?? null);
const tokens = (texts: string[]): string[] => texts.flatMap((t) => t.match(TOKEN) ?? []);

async function allPairs(h: SyncHarness, site: string, connectionId: string): Promise<Pair[]> {
  return h.runtime.runAs(site, async () => {
    const out: Pair[] = [];
    let cursor: string | undefined;
    do {
      const page = await kvsPairs.list(connectionId, { ...(cursor ? { cursor } : {}), limit: 100 });
      out.push(...page.pairs);
      cursor = page.cursor;
    } while (cursor);
    return out;
  });
}

export async function checkSoak(h: SyncHarness, connectionId: string, a: SoakSide, b: SoakSide): Promise<Verdict> {
  const findings: Finding[] = [];
  const note = (kind: Finding['kind'], what: string) => findings.push({ kind, what });
  const [pairsA, pairsB] = await Promise.all([allPairs(h, a.site, connectionId), allPairs(h, b.site, connectionId)]);
  const config = (await h.runtime.runAs(a.site, () => kvsConnections.config(connectionId)))!;
  const configB = (await h.runtime.runAs(b.site, () => kvsConnections.config(connectionId)))!;
  const siteA = h.emulator.site(a.site);
  const siteB = h.emulator.site(b.site);
  const byLocalB = new Map(pairsB.map((p) => [p.localIssueId, p]));

  // Each side's pair records name each issue once, and the two tables agree.
  for (const [pairs, label] of [[pairsA, a.site], [pairsB, b.site]] as const) {
    const seen = new Map<string, number>();
    for (const p of pairs) seen.set(p.partnerIssueId, (seen.get(p.partnerIssueId) ?? 0) + 1);
    for (const [id, n] of seen) if (n > 1) note('duplicated', `${label}: partner issue ${id} is in ${n} pairs`);
  }
  for (const p of pairsA) {
    const mirror = byLocalB.get(p.partnerIssueId);
    if (p.status === 'active' && (!mirror || mirror.partnerIssueId !== p.localIssueId)) note('diverged', `${p.localIssueKey}: ${b.site} has no matching pair record for ${p.partnerIssueKey}`);
  }

  // Every issue of either project is paired, unless its partner was deleted; app-made issues always are.
  for (const [side, site, pairs] of [[a, siteA, pairsA], [b, siteB, pairsB]] as const) {
    const paired = new Set(pairs.map((p) => p.localIssueId));
    const project = [...site.projects.values()].find((p) => p.key === side.project)!;
    for (const issue of site.issues.values()) {
      if (issue.projectId !== project.id || paired.has(issue.id)) continue;
      if (issue.creatorId === APP_ACCOUNT_ID) note('duplicated', `${side.site} ${issue.key}: a copy Lockstep made that no pair names`);
      else note('lost', `${side.site} ${issue.key}: never shared with the partner`);
    }
  }

  let compared = 0;
  for (const p of pairsA) {
    const issueA = siteA.issue(p.localIssueId);
    const issueB = siteB.issue(p.partnerIssueId);
    if (p.status !== 'active' || !issueA || !issueB) continue;
    compared++;
    const [fa, fb] = await Promise.all([fieldsOf(h, a, p.localIssueId), fieldsOf(h, b, p.partnerIssueId)]);
    for (const name of Object.keys(fa)) {
      if (name === 'status') continue;
      if (textOf(fa[name]) !== textOf(fb[name])) note('diverged', `${issueA.key} ↔ ${issueB.key}: ${name} is ${textOf(fa[name]).slice(0, 80)} on ${a.site}, ${textOf(fb[name]).slice(0, 80)} on ${b.site}`);
    }
    if (!statusesAgree(config, configB, String(fa['status']), String(fb['status']))) note('diverged', `${issueA.key} ↔ ${issueB.key}: status ${String(fa['status'])} on ${a.site} does not map to ${String(fb['status'])} on ${b.site}`);
    const comments = (site: typeof siteA, ids: string[]) => tokens(ids.map((id) => textOf(site.comments.get(id)?.body)));
    compareTokens(`${issueA.key} ↔ ${issueB.key} comments`, comments(siteA, issueA.commentIds), comments(siteB, issueB.commentIds), note);
    const files = (site: typeof siteA, ids: string[]) => tokens(ids.map((id) => site.attachments.get(id)?.filename ?? ''));
    compareTokens(`${issueA.key} ↔ ${issueB.key} files`, files(siteA, issueA.attachmentIds), files(siteB, issueB.attachmentIds), note);
  }
  compareLinks(h, a, b, pairsA, note);

  const parked = (await h.runtime.runAs(a.site, () => kvsSyncState.listParked(connectionId))).length + (await h.runtime.runAs(b.site, () => kvsSyncState.listParked(connectionId))).length;
  const waiting = await unfinished(h, [a, b]);
  const count = (k: Finding['kind']) => findings.filter((f) => f.kind === k).length;
  return { pairs: compared, waiting, lostLinks: findings.filter((f) => f.kind === 'lost' && f.what.startsWith('link ')).length, diverged: count('diverged'), duplicated: count('duplicated'), lost: count('lost'), parked, unexplained: parked > 0 ? 0 : findings.length, findings };
}

/** The edited fields in a site-neutral form: names, not ids. */
async function fieldsOf(h: SyncHarness, side: SoakSide, id: string): Promise<Record<string, unknown>> {
  const customer = h.fieldId(side.site, 'Customer');
  const res = await h.rest(side.site, 'ada')('GET', `/rest/api/3/issue/${id}?fields=summary,description,labels,priority,duedate,assignee,status,${customer}`);
  const f = res.body.fields as Record<string, any>;
  return {
    summary: f['summary'], description: f['description'] ?? null, labels: [...(f['labels'] ?? [])].sort(),
    priority: f['priority']?.name ?? null, duedate: f['duedate'] ?? null, assignee: f['assignee']?.accountId ?? null,
    customer: f[customer] ?? null, status: f['status']?.name,
  };
}

/** Either side's mapping relates the two statuses: the side that moved last decided its partner's status by its own map. */
function statusesAgree(a: SyncConfig, b: SyncConfig, onA: string, onB: string): boolean {
  if (a.statuses.length === 0) return true;
  return a.statuses.some((m) => m.local.name === onA && m.partner.name === onB) || b.statuses.some((m) => m.local.name === onB && m.partner.name === onA);
}

function compareTokens(what: string, a: string[], b: string[], note: (k: Finding['kind'], w: string) => void): void {
  const count = (xs: string[]) => xs.reduce((m, x) => m.set(x, (m.get(x) ?? 0) + 1), new Map<string, number>());
  const ca = count(a);
  const cb = count(b);
  for (const [t, n] of [...ca, ...cb]) if (n > 1) note('duplicated', `${what}: ${t} appears ${n} times`);
  for (const t of ca.keys()) if (!cb.has(t)) note('lost', `${what}: ${t} only on the first side`);
  for (const t of cb.keys()) if (!ca.has(t)) note('lost', `${what}: ${t} only on the second side`);
}

/** Links between paired issues, named by the first side's issue ids, must be the same set on both sites (undirected for a symmetric type). */
function compareLinks(h: SyncHarness, a: SoakSide, b: SoakSide, pairsA: Pair[], note: (k: Finding['kind'], w: string) => void): void {
  const active = pairsA.filter((p) => p.status === 'active');
  const toA = new Map(active.map((p) => [p.partnerIssueId, p.localIssueId]));
  const inA = new Set(active.map((p) => p.localIssueId));
  const linksOf = (site: string, name: (id: string) => string | undefined) => {
    const s = h.emulator.site(site);
    return new Set([...s.links.values()].flatMap((l) => {
      const inward = name(l.inwardIssueId);
      const outward = name(l.outwardIssueId);
      const t = s.linkTypes.get(l.typeId);
      const type = t?.name ?? l.typeId;
      if (!inward || !outward) return [];
      // A type that reads alike both ways ("relates to") is one relationship whichever way it was made.
      return [t && t.inward === t.outward ? `${type}:${[inward, outward].sort().join('<->')}` : `${type}:${inward}->${outward}`];
    }));
  };
  const la = linksOf(a.site, (id) => (inA.has(id) ? id : undefined));
  const lb = linksOf(b.site, (id) => toA.get(id));
  for (const l of la) if (!lb.has(l)) note('lost', `link ${l} only on ${a.site}`);
  for (const l of lb) if (!la.has(l)) note('lost', `link ${l} only on ${b.site}`);
}

/** Sync messages still stored unsent or unapplied, and deferred captures, on the given sides: work Lockstep has not finished. */
export async function unfinished(h: SyncHarness, sides: readonly SoakSide[]): Promise<number> {
  let n = 0;
  for (const side of sides) {
    n += await h.runtime.runAs(side.site, async () => (await kvsSyncState.pendingOutgoing(1000)).length + (await kvsSyncState.pendingIncoming(1000)).length + (await kvsSyncState.pendingDeferredEvents(100)).length);
  }
  return n;
}
