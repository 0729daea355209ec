/**
 * Conflicts, per field: on a two-way field the newest change wins, judged by when each side changed
 * that field (not the issue). Both sites must reach the same verdict, so ties go to a fixed side.
 */

export interface FieldStamp {
  /** When the field last changed, epoch ms, on the side that changed it. */
  changedAt: number;
  /** The site whose user made that change: tie-breaker both sides compute alike. */
  site: string;
  /**
   * On a link's `sent:link:` stamp (kept on its inward end): the link's type and its outward end here, so
   * its deletion can still be sent when the deletion's event is lost and the link is gone from Jira.
   */
  link?: LinkEnds;
}

export interface LinkEnds {
  type: string;
  /** This site's id of the link's outward issue. */
  outward: string;
}

/** True when an incoming value should replace what this side holds for the field. */
export function incomingWins(local: FieldStamp | undefined, incoming: FieldStamp): boolean {
  if (!local) return true;
  // The same side's later message (messages apply in sequence order) replaces its earlier value.
  if (local.site === incoming.site) return incoming.changedAt >= local.changedAt;
  if (incoming.changedAt !== local.changedAt) return incoming.changedAt > local.changedAt;
  // Same millisecond on both sides: the lexically smaller site name wins everywhere.
  return incoming.site < local.site;
}
