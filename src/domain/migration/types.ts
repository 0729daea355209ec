/**
 * The shapes migration work passes around: pairing claims read from a file (or made by automatic
 * matching), and the preview that sorts each claim into what applying it would do.
 */

/** One "this local issue pairs with that partner issue" statement, oriented to the sync it is applied to. */
export interface PairClaim {
  /** 1-based line of the file where the claim starts; null for automatic matching. */
  line: number | null;
  /** Where it came from, for people: `line 14`, `pairs[12]`, `firstConnector[3]`, `same key`, `field Customer = "ACME"`. */
  source: string;
  /** Issue keys as the file (or the match) names them. */
  localKey: string;
  partnerKey: string;
  /** Ids when the file carries them; after a migration they are stale on the migrated side, so keys come first. */
  localId?: string;
  partnerId?: string;
}

/** What applying a claim would do. */
export type PlanCategory =
  | 'pair' // will pair
  | 'paired' // already paired exactly so: nothing to do
  | 'missing-local' // the local issue does not exist (in this sync's project)
  | 'missing-partner' // the partner issue does not exist (in the partner project)
  | 'conflict'; // one issue claimed twice (in the file, or against an existing pair)

export const PLAN_CATEGORIES: readonly PlanCategory[] = ['pair', 'paired', 'missing-local', 'missing-partner', 'conflict'];

export interface PlanRow {
  line: number | null;
  source: string;
  category: PlanCategory;
  localKey: string;
  partnerKey: string;
  /** Resolved ids (current ids on each side), when the issue was found. */
  localId: string | null;
  partnerId: string | null;
  /** One sentence for people, e.g. "SUP-3 is already paired with DEV-9 (line 12 claims DEV-10)". */
  reason: string;
}

export interface PairPlan {
  rows: PlanRow[];
  counts: Record<PlanCategory, number>;
}

/** An issue as a project index lists it: current id and key, and optionally one field's value (field matching). */
export interface IndexedIssue {
  id: string;
  key: string;
  value?: string | null;
}

/** An existing pair, by ids and keys (the pair store's view, reduced to what planning needs). */
export interface ExistingPair {
  localId: string;
  localKey: string;
  partnerId: string;
  partnerKey: string;
}
