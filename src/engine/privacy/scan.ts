/**
 * One bounded step of a walk through every record family that holds accountIds: one connection's
 * configuration, jobs or error list, a few deferred events, or one page of the audit log. Gathering and
 * erasing walk the same way with different visitors; the position saved after each step lets a walk span runs.
 */
import type { SyncConfig } from '../../domain/config/schema';
import { AuditEntry } from '../../ports/health';
import type { Job, JobStore } from '../../ports/jobs';
import type { AuditRecords } from '../../ports/privacy';
import type { ParkedMessage } from '../../ports/sync';
import type { SyncDeps } from '../sync/deps';
import { FAMILIES, type Family, type ScanPosition } from './cycle';

/** Audit entries per step: Forge's largest query page. */
export const AUDIT_PAGE = 100;
/** Deferred events read per step: each is a raw product event of up to 200 kB. */
export const DEFERRED_PER_STEP = 25;
/** Deferred events looked at in all: they wait only while Jira is unreachable, so there are few. */
export const DEFERRED_MAX = 1000;

export interface ScanDeps {
  connections: SyncDeps['connections'];
  state: SyncDeps['state'];
  jobs: JobStore;
  auditRecords: AuditRecords;
}

export interface FamilyVisitor {
  config(connectionId: string, config: SyncConfig): Promise<void>;
  jobs(connectionId: string, jobs: Job[]): Promise<void>;
  parked(connectionId: string, parked: ParkedMessage[]): Promise<void>;
  deferred(events: Array<{ id: string; event: unknown }>): Promise<void>;
  audit(records: Array<{ key: string; entry: AuditEntry }>): Promise<void>;
}

export const scanStart = (): ScanPosition => ({ family: FAMILIES[0] });

const nextFamily = (family: Family): ScanPosition | undefined => {
  const i = FAMILIES.indexOf(family);
  return i + 1 < FAMILIES.length ? { family: FAMILIES[i + 1]! } : undefined;
};

/** One step from `at`: the position after it, or undefined when every family has been walked. `ids` are the connection ids, sorted. */
export async function scanStep(deps: ScanDeps, ids: readonly string[], at: ScanPosition, visit: FamilyVisitor): Promise<ScanPosition | undefined> {
  switch (at.family) {
    case 'config':
    case 'job':
    case 'parked': {
      const id = ids.find((c) => at.after === undefined || c > at.after);
      if (id === undefined) return nextFamily(at.family);
      if (at.family === 'config') {
        const config = await deps.connections.config(id);
        if (config) await visit.config(id, config);
      } else if (at.family === 'job') {
        await visit.jobs(id, await deps.jobs.list(id));
      } else {
        await visit.parked(id, await deps.state.listParked(id));
      }
      return { family: at.family, after: id };
    }
    case 'deferred': {
      const waiting = (await deps.state.pendingDeferredEvents(DEFERRED_MAX)).sort().filter((id) => at.after === undefined || id > at.after);
      const some = waiting.slice(0, DEFERRED_PER_STEP);
      const events: Array<{ id: string; event: unknown }> = [];
      for (const id of some) {
        const event = await deps.state.getDeferredEvent(id);
        // Captured meanwhile: nothing is held any more.
        if (event !== undefined) events.push({ id, event });
      }
      if (events.length > 0) await visit.deferred(events);
      return waiting.length > some.length ? { family: 'deferred', after: some[some.length - 1]! } : nextFamily('deferred');
    }
    case 'audit': {
      const page = await deps.auditRecords.page(at.after, AUDIT_PAGE);
      const records = page.records.flatMap(({ key, value }) => {
        const parsed = AuditEntry.safeParse(value);
        // An entry this version cannot read is left to its TTL, with a line saying so.
        if (!parsed.success) console.warn(`[lockstep-privacy] skipping unreadable audit record ${key}`);
        return parsed.success ? [{ key, entry: parsed.data }] : [];
      });
      if (records.length > 0) await visit.audit(records);
      return page.cursor ? { family: 'audit', after: page.cursor } : nextFamily('audit');
    }
  }
}
