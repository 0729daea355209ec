/**
 * The two JSON pair lists: Lockstep's own export (`"format": "lockstep.pairs"`) and Backbone's
 * "synchronized issues" download (`firstConnector` / `secondConnector`, one block per side). Each
 * entry's line is found in one pass over the text, so problems point at the line to open.
 */
import { PAIRS_VERSION } from './formats';
import { projectOfKey } from './issue-keys';
import { elementLines, elementLinesOf } from './json-text';
import { claimOf, type PairRow, type SyncProjects } from './pair-claims';
import { describeValue, type ProblemList } from './problems';
import type { PairClaim } from './types';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const where = (list: string, index: number, line: number | null) => (line === null ? `${list}[${index}]` : `${list}[${index}] (line ${line})`);

/** Claims of a Lockstep pair list, swapped when it is the partner side's download. */
export function lockstepClaims(doc: Json, text: string, sync: SyncProjects, problems: ProblemList): PairClaim[] {
  if (doc.version !== PAIRS_VERSION) {
    const found = typeof doc.version === 'number' ? `this file is version ${doc.version}` : `this file's version is ${describeValue(doc.version)}`;
    problems.add('version', `${found}; this Lockstep reads version ${PAIRS_VERSION}`);
    return [];
  }
  const fileSync = isObject(doc.sync) ? doc.sync : {};
  const local = isObject(fileSync.local) ? fileSync.local.projectKey : undefined;
  const partner = isObject(fileSync.partner) ? fileSync.partner.projectKey : undefined;
  if (typeof local !== 'string' || typeof partner !== 'string') {
    problems.add('sync', 'expected "sync": { "local": { "projectKey": … }, "partner": { "projectKey": … } } naming the two projects');
    return [];
  }
  const { localProjectKey: L, partnerProjectKey: P } = sync;
  const swap = local === P && partner === L;
  if (!swap && !(local === L && partner === P)) {
    problems.add('sync', `This pair list is for ${local} ↔ ${partner}; this sync pairs ${L} with ${P}`);
    return [];
  }
  if (!Array.isArray(doc.pairs)) {
    problems.add('pairs', `expected an array of pairs, found ${describeValue(doc.pairs)}`);
    return [];
  }
  const lines = elementLines(text, ['pairs']);
  const [near, far] = swap ? (['partner', 'local'] as const) : (['local', 'partner'] as const);
  const labels = { localKey: `${near}.key`, partnerKey: `${far}.key`, localId: `${near}.id`, partnerId: `${far}.id` };
  const claims: PairClaim[] = [];
  doc.pairs.forEach((entry: unknown, i) => {
    const line = lines[i] ?? null;
    const source = where('pairs', i, line);
    if (!isObject(entry)) {
      problems.add(source, `expected an object { "local": { "id", "key" }, "partner": { "id", "key" }, … }, found ${describeValue(entry)}`);
      return;
    }
    const a = isObject(entry[near]) ? entry[near] : {};
    const b = isObject(entry[far]) ? entry[far] : {};
    const claim = claimOf({ line, source, localKey: a.key, partnerKey: b.key, localId: a.id, partnerId: b.id, labels }, sync, problems);
    if (claim) claims.push(claim);
  });
  return claims;
}

const BLOCKS = ['firstConnector', 'secondConnector'] as const;
const AS_IS = { localKey: 'localIssueKey', partnerKey: 'remoteIssueKey' };
const SWAPPED = { localKey: 'remoteIssueKey', partnerKey: 'localIssueKey' };

/** Whether `doc` has Backbone's blocks (at least one), which makes it a Backbone download. */
export const isBackboneDoc = (doc: Json): boolean => BLOCKS.some((b) => Array.isArray(doc[b]));

/**
 * Claims of a Backbone download. Each block lists one connector's view (localIssueKey is that
 * connector's project), so a block is swapped when its local keys are the partner's. Both blocks
 * usually describe the same pairs: a pair the other block gave already is not given twice.
 */
export function backboneClaims(doc: Json, text: string, sync: SyncProjects, problems: ProblemList): PairClaim[] {
  const claims: PairClaim[] = [];
  // Pairs the earlier block gave, as local key → partner keys (no concatenated keys: 100,000 of them add up).
  const given = new Map<string, string[]>();
  const blockLines = elementLinesOf(text, BLOCKS.map((b) => [b]));
  BLOCKS.forEach((block, b) => {
    const list = doc[block];
    if (list === undefined) return;
    if (!Array.isArray(list)) {
      problems.add(block, `expected an array of synchronized issues, found ${describeValue(list)}`);
      return;
    }
    const lines = blockLines[b]!;
    const swap = blockIsSwapped(list, sync);
    const seenHere: PairClaim[] = [];
    list.forEach((entry: unknown, i) => {
      const line = lines[i] ?? null;
      const source = where(block, i, line);
      if (!isObject(entry)) {
        problems.add(source, `expected an object with "localIssueKey" and "remoteIssueKey", found ${describeValue(entry)}`);
        return;
      }
      const row: PairRow = swap
        ? { line, source, localKey: entry.remoteIssueKey, partnerKey: entry.localIssueKey, labels: SWAPPED }
        : { line, source, localKey: entry.localIssueKey, partnerKey: entry.remoteIssueKey, labels: AS_IS };
      const claim = claimOf(row, sync, problems);
      if (!claim) return;
      seenHere.push(claim);
      if (!given.get(claim.localKey)?.includes(claim.partnerKey)) claims.push(claim);
    });
    for (const c of seenHere) {
      const partners = given.get(c.localKey);
      if (partners) partners.push(c.partnerKey);
      else given.set(c.localKey, [c.partnerKey]);
    }
  });
  return claims;
}

/** A block is the partner connector's view when its first recognisable local key is in the partner project. */
function blockIsSwapped(list: readonly unknown[], sync: SyncProjects): boolean {
  for (const entry of list) {
    const project = isObject(entry) ? projectOfKey(entry.localIssueKey) : null;
    if (project === sync.localProjectKey) return false;
    if (project === sync.partnerProjectKey) return true;
  }
  return false;
}
