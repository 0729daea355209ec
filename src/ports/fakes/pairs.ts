/** In-memory PairStore for tests and the engine's unit suites; behaves as the contract in `../contracts/pairs.contract.ts` says. */
import { z } from 'zod';
import { applyPatch, pageLimit, validPair, type Pair, type PairPage, type PairPatch, type PairStatus, type PairStore } from '../pairs';

const Cursor = z.object({ after: z.string() });

export class MemoryPairs implements PairStore {
  /** connection id → local issue id → pair. */
  private readonly byConnection = new Map<string, Map<string, Pair>>();

  async put(pair: Pair): Promise<void> {
    this.store(validPair(pair));
  }

  async putMany(pairs: readonly Pair[]): Promise<void> {
    // Every pair is checked before any is stored, so a bad one leaves the store as it was.
    const valid = pairs.map(validPair);
    for (const pair of valid) this.store(pair);
  }

  async byLocal(connectionId: string, localIssueId: string): Promise<Pair | undefined> {
    const pair = this.pairsOf(connectionId).get(localIssueId);
    return pair ? structuredClone(pair) : undefined;
  }

  async byPartner(connectionId: string, partnerIssueId: string): Promise<Pair | undefined> {
    const pair = this.ordered(connectionId).find((p) => p.partnerIssueId === partnerIssueId);
    return pair ? structuredClone(pair) : undefined;
  }

  async update(connectionId: string, localIssueId: string, patch: PairPatch): Promise<Pair | undefined> {
    const current = this.pairsOf(connectionId).get(localIssueId);
    if (!current) return undefined;
    const updated = validPair(applyPatch(current, patch));
    this.store(updated);
    return structuredClone(updated);
  }

  async list(connectionId: string, options: { status?: PairStatus; cursor?: string; limit?: number } = {}): Promise<PairPage> {
    const limit = pageLimit(options.limit);
    const after = options.cursor === undefined ? undefined : readCursor(options.cursor);
    const matching = this.ordered(connectionId).filter((p) => (options.status === undefined || p.status === options.status) && (after === undefined || compareLocalIds(p.localIssueId, after) > 0));
    const page = matching.slice(0, limit);
    const last = page[page.length - 1];
    return { pairs: page.map((p) => structuredClone(p)), ...(matching.length > limit && last ? { cursor: writeCursor(last.localIssueId) } : {}) };
  }

  async remove(connectionId: string, localIssueId: string): Promise<void> {
    this.pairsOf(connectionId).delete(localIssueId);
  }

  async removeSome(connectionId: string, limit: number): Promise<number> {
    const doomed = this.ordered(connectionId).slice(0, pageLimit(limit));
    for (const pair of doomed) this.pairsOf(connectionId).delete(pair.localIssueId);
    return doomed.length;
  }

  private store(pair: Pair): void {
    let pairs = this.byConnection.get(pair.connectionId);
    if (!pairs) this.byConnection.set(pair.connectionId, (pairs = new Map()));
    pairs.set(pair.localIssueId, structuredClone(pair));
  }

  private pairsOf(connectionId: string): Map<string, Pair> {
    return this.byConnection.get(connectionId) ?? new Map();
  }

  private ordered(connectionId: string): Pair[] {
    return [...this.pairsOf(connectionId).values()].sort((a, b) => compareLocalIds(a.localIssueId, b.localIssueId));
  }
}

/**
 * Local issue id order: numeric, then (for the same number written with leading zeros) by text. The KVS
 * adapter gets the same order from ids zero-padded to 18 digits, with the entity key breaking ties.
 */
export function compareLocalIds(a: string, b: string): number {
  const left = a.padStart(18, '0');
  const right = b.padStart(18, '0');
  if (left !== right) return left < right ? -1 : 1;
  return a === b ? 0 : a < b ? -1 : 1;
}


function writeCursor(after: string): string {
  return Buffer.from(JSON.stringify({ after }), 'utf8').toString('base64url');
}

function readCursor(cursor: string): string {
  try {
    return Cursor.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))).after;
  } catch {
    throw new Error('Not a cursor this pair store returned');
  }
}
