/** In-memory HealthStore and AuditLog for tests and the engine's unit suites. */
import { AUDIT_PAGE_DEFAULT, AuditEntry, AuditListOptions, HealthBump, addBump, emptyHealth, type AuditLog, type ConnectionHealth, type HealthCounter, type HealthStore } from '../health';

export class MemoryHealth implements HealthStore {
  private readonly records = new Map<string, ConnectionHealth>();

  async bump(connectionId: string, counts: Partial<Record<HealthCounter, number>>, at: number, appliedLagMs?: number): Promise<void> {
    const bump = HealthBump.parse({ connectionId, counts, at, appliedLagMs });
    // No await between read and write: JavaScript runs this whole update before any other bump.
    this.records.set(connectionId, addBump(this.records.get(connectionId) ?? emptyHealth(connectionId), bump));
  }

  async get(connectionId: string): Promise<ConnectionHealth> {
    return structuredClone(this.records.get(connectionId) ?? emptyHealth(connectionId));
  }

  async clear(connectionId: string): Promise<void> {
    this.records.delete(connectionId);
  }
}

/** Where an entry sits in its log: by time, then by the order it was recorded in. */
interface Position {
  ms: number;
  seq: number;
}

interface Recorded extends Position {
  entry: AuditEntry;
}

/** Newest first: later time first, and of two entries at one time the one recorded later. */
const newestFirst = (a: Position, b: Position): number => b.ms - a.ms || b.seq - a.seq;

export class MemoryAudit implements AuditLog {
  private readonly logs = new Map<string, Recorded[]>();
  private recorded = 0;

  async record(entry: AuditEntry): Promise<void> {
    const valid = AuditEntry.parse(entry);
    const log = this.logs.get(valid.connectionId) ?? [];
    log.push({ ms: Date.parse(valid.at), seq: ++this.recorded, entry: structuredClone(valid) });
    this.logs.set(valid.connectionId, log);
  }

  async list(connectionId: string, options: { cursor?: string; limit?: number } = {}): Promise<{ entries: AuditEntry[]; cursor?: string }> {
    const { cursor, limit = AUDIT_PAGE_DEFAULT } = AuditListOptions.parse(options);
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    const rest = [...(this.logs.get(connectionId) ?? [])].sort(newestFirst).filter((r) => !after || newestFirst(after, r) < 0);
    const page = rest.slice(0, limit);
    const entries = page.map((r) => structuredClone(r.entry));
    const last = page[page.length - 1];
    return rest.length > limit && last ? { entries, cursor: `${last.ms}:${last.seq}` } : { entries };
  }

  async clear(connectionId: string): Promise<void> {
    this.logs.delete(connectionId);
  }
}

/** The position a cursor names; anything this log did not hand out is refused. */
function decodeCursor(cursor: string): Position {
  const match = /^(-?\d+):(\d+)$/.exec(cursor);
  if (!match) throw new Error(`Not an audit cursor this log returned: ${cursor}`);
  return { ms: Number(match[1]), seq: Number(match[2]) };
}
