/**
 * The preview of a bulk pairing: every claim (from a file or from automatic matching) sorted into what
 * applying it would do, with one sentence each for the admin. Pure and linear: one pass over the
 * claims with Maps, so 100,000 claims against 100,000 existing pairs plan in well under a second.
 */
import { PLAN_CATEGORIES, type ExistingPair, type IndexedIssue, type PairClaim, type PairPlan, type PlanCategory, type PlanRow } from './types';

/** A project's issues, by current key and by current id. */
export interface IssueIndex {
  byKey: ReadonlyMap<string, IndexedIssue>;
  byId: ReadonlyMap<string, IndexedIssue>;
}

/** Indexes a project's issue list for `planPairs`. */
export function indexIssues(issues: Iterable<IndexedIssue>): IssueIndex {
  const byKey = new Map<string, IndexedIssue>();
  const byId = new Map<string, IndexedIssue>();
  for (const issue of issues) {
    byKey.set(issue.key, issue);
    byId.set(issue.id, issue);
  }
  return { byKey, byId };
}

/** Keys survive a migration and ids do not, so the key decides; the id finds an issue whose key changed. */
function resolve(index: IssueIndex, key: string, id: string | undefined): IndexedIssue | undefined {
  return index.byKey.get(key) ?? (id === undefined ? undefined : index.byId.get(id));
}

/** How a reason points at another claim: its line, else (automatic matching) its source. */
const at = (c: { line: number | null; source: string }): string => (c.line !== null ? `line ${c.line}` : c.source);

/** Whether an existing pair's side names `issue`: by id, or by key when the recorded id is stale (no longer any issue here). */
function recordsIssue(index: IssueIndex, recordedId: string, recordedKey: string, issue: IndexedIssue): boolean {
  return recordedId === issue.id || (!index.byId.has(recordedId) && recordedKey === issue.key);
}

/** The current key of an issue an existing pair records, else the key it recorded. */
const currentKey = (index: IssueIndex, id: string, key: string): string => index.byId.get(id)?.key ?? key;

/** " (SUP-3 is now SUP-30)" when a claim's key found nothing and its id found the issue under a new key. */
const renamed = (claimed: string, issue: IndexedIssue): string => (claimed === issue.key ? '' : ` (${claimed} is now ${issue.key})`);

/**
 * Sorts claims, in file order, into pair / paired / missing-local / missing-partner / conflict.
 * `names` are the two project keys, for the reasons.
 */
export function planPairs(
  claims: readonly PairClaim[],
  local: IssueIndex,
  partner: IssueIndex,
  existing: readonly ExistingPair[],
  names: { local: string; partner: string },
): PairPlan {
  const existingByLocal = new Map<string, ExistingPair>();
  const existingByPartner = new Map<string, ExistingPair>();
  for (const p of existing) {
    if (!existingByLocal.has(p.localId)) existingByLocal.set(p.localId, p);
    if (!existingByPartner.has(p.partnerId)) existingByPartner.set(p.partnerId, p);
  }

  const rows: PlanRow[] = [];
  /** Current keys of each row's resolved issues (rows hold the keys as claimed). */
  const resolvedKeys: Array<{ local: string; partner: string } | null> = [];
  /** The first row claiming each local / partner issue id, and each exact pair. */
  const holderOfLocal = new Map<string, number>();
  const holderOfPartner = new Map<string, number>();
  const firstOfPair = new Map<string, number>();

  /** Marks an earlier row as a conflict too; a row that already is one keeps its first reason. */
  const alsoConflict = (index: number, reason: string) => {
    const row = rows[index]!;
    if (row.category === 'conflict') return;
    row.category = 'conflict';
    row.reason = reason;
  };

  for (const claim of claims) {
    const l = resolve(local, claim.localKey, claim.localId);
    const p = resolve(partner, claim.partnerKey, claim.partnerId);
    const row: PlanRow = {
      line: claim.line, source: claim.source, category: 'pair', localKey: claim.localKey, partnerKey: claim.partnerKey,
      localId: l?.id ?? null, partnerId: p?.id ?? null, reason: '',
    };
    const index = rows.length;
    rows.push(row);

    if (!l || !p) {
      const where = claim.line !== null ? ` (line ${claim.line})` : '';
      row.category = l ? 'missing-partner' : 'missing-local';
      row.reason = !l && !p
        ? `${claim.localKey} does not exist in ${names.local}, nor ${claim.partnerKey} in ${names.partner}${where}`
        : l ? `${claim.partnerKey} does not exist in ${names.partner}${where}` : `${claim.localKey} does not exist in ${names.local}${where}`;
      resolvedKeys.push(null);
      continue;
    }
    resolvedKeys.push({ local: l.key, partner: p.key });

    // An exact repeat: the earlier claim stands as it is.
    const pairKey = `${l.id}\u0000${p.id}`;
    const repeated = firstOfPair.get(pairKey);
    if (repeated !== undefined) {
      row.category = 'conflict';
      row.reason = `duplicate of ${at(rows[repeated]!)}`;
      continue;
    }
    firstOfPair.set(pairKey, index);

    // One issue claimed with two different others: both claims are conflicts, the admin decides.
    const clashes: string[] = [];
    const localHolder = holderOfLocal.get(l.id);
    if (localHolder === undefined) holderOfLocal.set(l.id, index);
    else {
      clashes.push(`${l.key} is also claimed by ${at(rows[localHolder]!)} (with ${resolvedKeys[localHolder]!.partner})`);
      alsoConflict(localHolder, `${l.key} is also claimed by ${at(row)} (with ${p.key})`);
    }
    const partnerHolder = holderOfPartner.get(p.id);
    if (partnerHolder === undefined) holderOfPartner.set(p.id, index);
    else {
      clashes.push(`${p.key} is also claimed by ${at(rows[partnerHolder]!)} (with ${resolvedKeys[partnerHolder]!.local})`);
      alsoConflict(partnerHolder, `${p.key} is also claimed by ${at(row)} (with ${l.key})`);
    }
    if (clashes.length > 0) {
      row.category = 'conflict';
      row.reason = clashes.join('; ');
      continue;
    }

    const byLocal = existingByLocal.get(l.id);
    const byPartner = existingByPartner.get(p.id);
    if (byLocal && byLocal.partnerId === p.id) {
      row.category = 'paired';
      row.reason = `${l.key} is already paired with ${p.key}`;
      continue;
    }
    const taken: string[] = [];
    if (byLocal && !recordsIssue(partner, byLocal.partnerId, byLocal.partnerKey, p)) {
      taken.push(`${l.key} is already paired with ${currentKey(partner, byLocal.partnerId, byLocal.partnerKey)}`);
    }
    if (byPartner && !recordsIssue(local, byPartner.localId, byPartner.localKey, l)) {
      taken.push(`${p.key} is already paired with ${currentKey(local, byPartner.localId, byPartner.localKey)}`);
    }
    if (taken.length > 0) {
      row.category = 'conflict';
      row.reason = taken.join('; ');
      continue;
    }
    // A pair recorded under ids that no longer exist (a migration) but naming these same issues by key is rewritten.
    const stale = byLocal || byPartner ? ' (replaces the pair recorded under old ids)' : '';
    row.reason = `will pair ${l.key} with ${p.key}${renamed(claim.localKey, l)}${renamed(claim.partnerKey, p)}${stale}`;
  }

  const counts = Object.fromEntries(PLAN_CATEGORIES.map((c) => [c, 0])) as Record<PlanCategory, number>;
  for (const row of rows) counts[row.category]++;
  return { rows, counts };
}

/** Claims for every local issue whose key also exists on the partner (a project copied under the same key). */
export function matchByKey(local: readonly IndexedIssue[], partner: readonly IndexedIssue[]): PairClaim[] {
  const partnerByKey = new Map<string, IndexedIssue>();
  for (const issue of partner) partnerByKey.set(issue.key, issue);
  const claims: PairClaim[] = [];
  for (const l of local) {
    const p = partnerByKey.get(l.key);
    if (p) claims.push({ line: null, source: 'same key', localKey: l.key, partnerKey: p.key, localId: l.id, partnerId: p.id });
  }
  return claims;
}

/** At most this many claims per shared value: beyond one issue a side, every combination is a conflict anyway. */
export const MAX_COMBINATIONS_PER_VALUE = 50;

/** A value as field matching compares it: trimmed and case-insensitive; empty matches nothing. */
function normalise(value: string | null | undefined): string | null {
  const v = value?.trim().toLowerCase();
  return v ? v : null;
}

/**
 * Claims pairing issues whose field value (trimmed, case-insensitive) is equal on both sides. A value
 * held by several issues on a side yields a claim per combination (at most 50, said in the source), so
 * the planner shows them as conflicts. `label` names the field in each claim's source.
 */
export function matchByField(local: readonly IndexedIssue[], partner: readonly IndexedIssue[], label: string): PairClaim[] {
  const group = (issues: readonly IndexedIssue[]) => {
    const byValue = new Map<string, IndexedIssue[]>();
    for (const issue of issues) {
      const v = normalise(issue.value);
      if (v === null) continue;
      const list = byValue.get(v);
      if (list) list.push(issue);
      else byValue.set(v, [issue]);
    }
    return byValue;
  };
  const partnerByValue = group(partner);
  const claims: PairClaim[] = [];
  for (const [value, locals] of group(local)) {
    const partners = partnerByValue.get(value);
    if (!partners) continue;
    const total = locals.length * partners.length;
    const shown = `${label} = ${JSON.stringify(locals[0]!.value!.trim())}`;
    const source = total > MAX_COMBINATIONS_PER_VALUE ? `${shown} (first ${MAX_COMBINATIONS_PER_VALUE} of ${total} combinations)` : shown;
    let made = 0;
    outer: for (const l of locals) {
      for (const p of partners) {
        if (made++ === MAX_COMBINATIONS_PER_VALUE) break outer;
        claims.push({ line: null, source, localKey: l.key, partnerKey: p.key, localId: l.id, partnerId: p.id });
      }
    }
  }
  return claims;
}
