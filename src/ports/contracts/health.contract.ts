/** Behaviour every HealthStore and AuditLog must show; run against the fakes and against the KVS adapters under the local Forge runtime. */
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import { AUDIT_PAGE_MAX, HEALTH_BUCKET_MS, HEALTH_HISTORY_MS, type AuditEntry, type AuditLog, type HealthCounter, type HealthStore } from '../health';
import type { Within } from './connections.contract';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const iso = (ms: number): string => new Date(ms).toISOString();
const zeros: Record<HealthCounter, number> = { sent: 0, received: 0, applied: 0, failed: 0, retried: 0 };

export function healthStoreContract(name: string, make: () => Promise<{ store: HealthStore; within: Within }>): void {
  describe(`HealthStore contract: ${name}`, () => {
    it('answers zeros and nulls for a connection nothing was counted for', async () => {
      const { store, within } = await make();
      await within(async () => {
        expect(await store.get('c1')).toEqual({ connectionId: 'c1', counts: zeros, lastSentAt: null, lastAppliedAt: null, lagMs: null, history: [] });
      });
    });

    it('adds the counts of each bump', async () => {
      const { store, within } = await make();
      await within(async () => {
        await store.bump('c1', { sent: 2 }, T0);
        await store.bump('c1', { sent: 1, failed: 1, retried: 3 }, T0 + 1);
        await store.bump('c1', {}, T0 + 2);
        expect((await store.get('c1')).counts).toEqual({ ...zeros, sent: 3, failed: 1, retried: 3 });
      });
    });

    it('loses no counts when 20 bumps race', async () => {
      const { store, within } = await make();
      await within(async () => {
        const racers = Array.from({ length: 20 }, (_, i) => store.bump('c1', { received: 1, applied: 1 }, T0 + i * 1000, i * 10));
        await Promise.all(racers);
        const health = await store.get('c1');
        expect(health.counts).toEqual({ ...zeros, received: 20, applied: 20 });
        // Whatever order they landed in, the newest applied message's time and lag win.
        expect([health.lastAppliedAt, health.lagMs]).toEqual([iso(T0 + 19_000), 190]);
      });
    });

    it('keeps the newest send and apply times and the lag of the newest applied message', async () => {
      const { store, within } = await make();
      await within(async () => {
        await store.bump('c1', { sent: 1 }, T0 + 2000);
        await store.bump('c1', { sent: 1 }, T0 + 1000); // reported late: an older send
        await store.bump('c1', { applied: 1 }, T0 + 3000, 500);
        await store.bump('c1', { applied: 1 }, T0 + 2500, 9); // an older message, applied late
        await store.bump('c1', { failed: 1 }, T0 + 9000); // a failure is neither a send nor an apply
        expect(await store.get('c1')).toEqual({
          connectionId: 'c1', counts: { ...zeros, sent: 2, applied: 2, failed: 1 }, lastSentAt: iso(T0 + 2000), lastAppliedAt: iso(T0 + 3000), lagMs: 500,
          history: [expect.objectContaining({ sent: 2, applied: 2, failed: 1, maxLagMs: 500 })],
        });
      });
    });

    it('counts activity in five-minute buckets, oldest first, and drops buckets a day older than the newest', async () => {
      const { store, within } = await make();
      await within(async () => {
        const start = Math.floor(T0 / HEALTH_BUCKET_MS) * HEALTH_BUCKET_MS;
        await store.bump('c1', { sent: 1 }, start + 1000);
        await store.bump('c1', { applied: 1 }, start + 2000, 40);
        await store.bump('c1', { applied: 1 }, start + 3000, 25);
        await store.bump('c1', { failed: 1 }, start + HEALTH_BUCKET_MS * 3);
        const day = await store.get('c1');
        expect(day.history).toEqual([
          { at: iso(start), sent: 1, received: 0, applied: 2, failed: 0, retried: 0, maxLagMs: 40 },
          { at: iso(start + HEALTH_BUCKET_MS * 3), sent: 0, received: 0, applied: 0, failed: 1, retried: 0, maxLagMs: null },
        ]);
        await store.bump('c1', { sent: 1 }, start + HEALTH_HISTORY_MS + 1);
        expect((await store.get('c1')).history.map((b) => b.at)).toEqual([iso(start + HEALTH_BUCKET_MS * 3), iso(start + HEALTH_HISTORY_MS)]);
      });
    });

    it('keeps connections apart and forgets a cleared one', async () => {
      const { store, within } = await make();
      await within(async () => {
        await store.bump('c1', { sent: 1 }, T0);
        await store.bump('c1:x', { sent: 5 }, T0);
        await store.bump('c2', { received: 2 }, T0);
        await store.clear('c1');
        await store.clear('never-counted');
        expect(await store.get('c1')).toEqual({ connectionId: 'c1', counts: zeros, lastSentAt: null, lastAppliedAt: null, lagMs: null, history: [] });
        expect((await store.get('c1:x')).counts.sent).toBe(5);
        expect((await store.get('c2')).counts.received).toBe(2);
      });
    });

    it('refuses negative, fractional or unknown counts and bad times with a zod error, counting nothing', async () => {
      const { store, within } = await make();
      await within(async () => {
        await expect(store.bump('c1', { sent: -1 }, T0)).rejects.toThrow(ZodError);
        await expect(store.bump('c1', { sent: 1.5 }, T0)).rejects.toThrow(/"counts"/);
        await expect(store.bump('c1', { bogus: 1 } as Partial<Record<HealthCounter, number>>, T0)).rejects.toThrow(ZodError);
        await expect(store.bump('c1', { sent: 1 }, Number.NaN)).rejects.toThrow(/"at"/);
        await expect(store.bump('c1', { applied: 1 }, T0, -5)).rejects.toThrow(/"appliedLagMs"/);
        await expect(store.bump('', { sent: 1 }, T0)).rejects.toThrow(ZodError);
        expect((await store.get('c1')).counts).toEqual(zeros);
      });
    });
  });
}

const entry = (connectionId: string, ms: number, detail = `at ${ms}`): AuditEntry => ({
  connectionId, at: iso(ms), actor: 'lockstep', action: 'issue.updated', target: 'SUP-1', detail,
});

/** Every entry of a connection, following cursors: a page may be short and still be followed by more. */
async function listAll(audit: AuditLog, connectionId: string, limit?: number): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  let cursor: string | undefined;
  do {
    const page = await audit.list(connectionId, { ...(cursor ? { cursor } : {}), ...(limit ? { limit } : {}) });
    expect(page.entries.length).toBeLessThanOrEqual(limit ?? AUDIT_PAGE_MAX);
    out.push(...page.entries);
    cursor = page.cursor;
  } while (cursor);
  return out;
}

export function auditLogContract(name: string, make: () => Promise<{ audit: AuditLog; within: Within }>): void {
  describe(`AuditLog contract: ${name}`, () => {
    it('lists the entries of a connection newest first, as recorded', async () => {
      const { audit, within } = await make();
      await within(async () => {
        const config: AuditEntry = { connectionId: 'c1', at: iso(T0), actor: '5b10a2844c20165700ede21g', action: 'config.changed', target: null, detail: 'fields: +priority' };
        await audit.record(entry('c1', T0 + 2000));
        await audit.record(config);
        await audit.record(entry('c1', T0 + 5000));
        expect(await audit.list('c1')).toEqual({ entries: [entry('c1', T0 + 5000), entry('c1', T0 + 2000), config] });
        expect(await audit.list('nobody')).toEqual({ entries: [] });
      });
    });

    it('pages through more than 100 entries with cursors, each entry once, newest first', async () => {
      const { audit, within } = await make();
      await within(async () => {
        const times = Array.from({ length: 130 }, (_, i) => T0 + i * 1000);
        await Promise.all(times.map((ms) => audit.record(entry('c1', ms))));
        const newestFirst = [...times].reverse().map((ms) => entry('c1', ms));
        expect(await listAll(audit, 'c1', AUDIT_PAGE_MAX)).toEqual(newestFirst);
        expect(await listAll(audit, 'c1', 7)).toEqual(newestFirst);
        expect(await listAll(audit, 'c1')).toEqual(newestFirst);
      });
    });

    it('never mixes the entries of different connections, even ones whose ids share a prefix', async () => {
      const { audit, within } = await make();
      await within(async () => {
        for (const id of ['c1', 'c1:x', 'c10', 'c1 x']) await audit.record(entry(id, T0, id));
        for (const id of ['c1', 'c1:x', 'c10', 'c1 x']) expect(await listAll(audit, id)).toEqual([entry(id, T0, id)]);
      });
    });

    it('refuses an invalid entry or page size with a zod error naming the field, recording nothing', async () => {
      const { audit, within } = await make();
      await within(async () => {
        const bad: Array<[unknown, RegExp]> = [
          [{ ...entry('c1', T0), action: 'issue.exploded' }, /"action"/],
          [{ ...entry('c1', T0), at: 'yesterday' }, /"at"/],
          [{ ...entry('c1', T0), connectionId: '' }, /"connectionId"/],
          [{ ...entry('c1', T0), detail: 'x'.repeat(2001) }, /"detail"/],
          [{ ...entry('c1', T0), actor: undefined }, /"actor"/],
        ];
        for (const [value, field] of bad) {
          const refusal = audit.record(value as AuditEntry);
          await expect(refusal).rejects.toThrow(ZodError);
          await expect(refusal).rejects.toThrow(field);
        }
        expect(await audit.list('c1')).toEqual({ entries: [] });
        await expect(audit.list('c1', { limit: 0 })).rejects.toThrow(ZodError);
        await expect(audit.list('c1', { limit: AUDIT_PAGE_MAX + 1 })).rejects.toThrow(/"limit"/);
      });
    });

    it('clears every entry of one connection and no other', async () => {
      const { audit, within } = await make();
      await within(async () => {
        await Promise.all(Array.from({ length: 60 }, (_, i) => audit.record(entry('c1', T0 + i))));
        await audit.record(entry('c2', T0));
        await audit.clear('c1');
        await audit.clear('never-recorded');
        expect(await audit.list('c1')).toEqual({ entries: [] });
        expect(await listAll(audit, 'c2')).toEqual([entry('c2', T0)]);
        await audit.record(entry('c1', T0 + 1));
        expect(await listAll(audit, 'c1')).toEqual([entry('c1', T0 + 1)]);
      });
    });
  });
}
