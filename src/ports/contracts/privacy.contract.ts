/**
 * Behaviour every personal data reporting port must show; run against the fakes (src/ports/fakes/privacy.test.ts)
 * and against the Forge adapters under the local runtime (test/integration/privacy.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { ZodError } from 'zod';
import type { AuditEntry, AuditLog } from '../health';
import type { ReportingWorld } from '../fakes/privacy';
import { REPORT_BATCH_MAX, type AuditRecords, type LedgerEntry, type PersonalDataReporter, type PrivacyLedger, type ReportedAccount } from '../privacy';
import type { Within } from './connections.contract';

const T0 = Date.UTC(2026, 10, 2, 9, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();
/** Atlassian's own test accounts (user-privacy-guidelines, "Testing"), and made-up ones of the same shape. */
const ACTIVE = '5be24ad8b1653240376955d2';
const CLOSED = '5be24ba3f91c106033269289';
const account = (i: number) => `5be24ad8b16532403769${String(i).padStart(4, '0')}`;
const reported = (accountId: string, ms = T0): ReportedAccount => ({ accountId, updatedAt: iso(ms) });

export function personalDataReporterContract(name: string, make: () => Promise<{ reporter: PersonalDataReporter; world: ReportingWorld; within: Within }>): void {
  describe(`PersonalDataReporter contract: ${name}`, () => {
    it('has nothing to say of open accounts', async () => {
      const { reporter, within } = await make();
      await within(async () => {
        expect(await reporter.report([reported(ACTIVE), reported(account(1))])).toEqual({ kind: 'answered', updates: [] });
      });
    });

    it('says closed of a closed account whatever age is reported, and updated only of a profile changed after that age', async () => {
      const { reporter, world, within } = await make();
      world.close(CLOSED);
      world.changeProfile(account(2), T0);
      await within(async () => {
        const answer = await reporter.report([reported(ACTIVE), reported(CLOSED, T0 + 3_600_000), reported(account(2), T0 - 1000), reported(account(3), T0 - 1000)]);
        expect(answer.kind).toBe('answered');
        const updates = answer.kind === 'answered' ? answer.updates : [];
        expect(updates.sort((a, b) => a.accountId.localeCompare(b.accountId))).toEqual([
          { accountId: account(2), status: 'updated' },
          { accountId: CLOSED, status: 'closed' },
        ].sort((a, b) => a.accountId.localeCompare(b.accountId)));
        // Reported as retrieved after the change: the copy is current.
        expect(await reporter.report([reported(account(2), T0 + 1000)])).toEqual({ kind: 'answered', updates: [] });
      });
    });

    it('asks for the same batch again after the Retry-After of a 429, then answers it', async () => {
      const { reporter, world, within } = await make();
      world.close(CLOSED);
      world.throttleNext(120);
      await within(async () => {
        const batch = [reported(ACTIVE), reported(CLOSED)];
        expect(await reporter.report(batch)).toMatchObject({ kind: 'retry', afterSeconds: 120 });
        expect(await reporter.report(batch)).toEqual({ kind: 'answered', updates: [{ accountId: CLOSED, status: 'closed' }] });
      });
    });

    it(`takes ${REPORT_BATCH_MAX} accounts in one request, and refuses a batch it may not send before sending it`, async () => {
      const { reporter, world, within } = await make();
      world.close(account(REPORT_BATCH_MAX));
      await within(async () => {
        const full = Array.from({ length: REPORT_BATCH_MAX }, (_, i) => reported(account(i + 1)));
        expect(await reporter.report(full)).toEqual({ kind: 'answered', updates: [{ accountId: account(REPORT_BATCH_MAX), status: 'closed' }] });
        for (const bad of [[], [...full, reported(account(999))], [reported('not an id!')], [reported(ACTIVE), reported(ACTIVE)]]) {
          await expect(reporter.report(bad)).rejects.toThrow(ZodError);
        }
      });
    });
  });
}

const entry = (connectionId: string, ms: number, actor = 'lockstep', detail = `at ${ms}`): AuditEntry => ({
  connectionId, at: iso(ms), actor, action: actor === 'lockstep' ? 'issue.updated' : 'config.changed', target: 'SUP-1', detail,
});

async function allRecords(records: AuditRecords, limit: number) {
  const out: Array<{ key: string; value: unknown }> = [];
  let cursor: string | undefined;
  do {
    const page = await records.page(cursor, limit);
    expect(page.records.length).toBeLessThanOrEqual(limit);
    out.push(...page.records);
    cursor = page.cursor;
  } while (cursor);
  return out;
}

export function auditRecordsContract(name: string, make: () => Promise<{ audit: AuditLog; records: AuditRecords; within: Within }>): void {
  describe(`AuditRecords contract: ${name}`, () => {
    it('pages every entry of every connection once, following cursors', async () => {
      const { audit, records, within } = await make();
      await within(async () => {
        const recorded = [...Array.from({ length: 70 }, (_, i) => entry('c1', T0 + i)), ...Array.from({ length: 60 }, (_, i) => entry('c2', T0 + i))];
        for (const e of recorded) await audit.record(e);
        for (const limit of [100, 7]) {
          const all = await allRecords(records, limit);
          expect(new Set(all.map((r) => r.key)).size).toBe(recorded.length);
          expect(all.map((r) => r.value as AuditEntry).sort(byDetailAndConnection)).toEqual([...recorded].sort(byDetailAndConnection));
        }
      });
    });

    it('rewrites an entry in place: the log lists the new value where the old one was', async () => {
      const { audit, records, within } = await make();
      await within(async () => {
        await audit.record(entry('c1', T0));
        await audit.record(entry('c1', T0 + 1000, '5b10a2844c20165700ede21a', 'Users: added table row 5b10a2844c20165700ede21a ↔ 5b10a2844c20165700ede22b'));
        await audit.record(entry('c1', T0 + 2000));
        const target = (await allRecords(records, 100)).find((r) => (r.value as AuditEntry).actor !== 'lockstep')!;
        const scrubbed = { ...(target.value as AuditEntry), actor: 'deleted-account', detail: 'Users: added table row deleted-account ↔ 5b10a2844c20165700ede22b' };
        expect(await records.replace(target.key, scrubbed)).toBe(true);
        expect((await audit.list('c1')).entries).toEqual([entry('c1', T0 + 2000), scrubbed, entry('c1', T0)]);
        expect((await allRecords(records, 100)).map((r) => r.key).sort()).toContain(target.key);
      });
    });

    it('writes nothing and answers false for an entry that is gone, and refuses a value that is no audit entry', async () => {
      const { audit, records, within } = await make();
      await within(async () => {
        await audit.record(entry('c1', T0));
        const [held] = await allRecords(records, 100);
        await expect(records.replace(held!.key, { ...entry('c1', T0), action: 'issue.exploded' })).rejects.toThrow(ZodError);
        expect((await audit.list('c1')).entries).toEqual([entry('c1', T0)]);
        await audit.clear('c1');
        expect(await records.replace(held!.key, entry('c1', T0, 'deleted-account'))).toBe(false);
        expect(await allRecords(records, 100)).toEqual([]);
        expect((await audit.list('c1')).entries).toEqual([]);
      });
    });
  });
}

const byDetailAndConnection = (a: AuditEntry, b: AuditEntry) => a.connectionId.localeCompare(b.connectionId) || a.detail.localeCompare(b.detail);

const ledgerEntry = (accountId: string, cycle = 1, at = T0, closedAt?: number): LedgerEntry => ({ accountId, cycle, at, ...(closedAt === undefined ? {} : { closedAt }) });

export function privacyLedgerContract(name: string, make: () => Promise<{ ledger: PrivacyLedger; within: Within }>): void {
  describe(`PrivacyLedger contract: ${name}`, () => {
    it('keeps the cycle state as last saved, and has none before the first save', async () => {
      const { ledger, within } = await make();
      await within(async () => {
        expect(await ledger.cycle()).toBeUndefined();
        await ledger.saveCycle({ v: 1, cycle: 1, phase: 'gather', closed: [CLOSED] });
        await ledger.saveCycle({ v: 1, cycle: 2, phase: 'idle', closed: [] });
        expect(await ledger.cycle()).toEqual({ v: 1, cycle: 2, phase: 'idle', closed: [] });
      });
    });

    it('reads back the entries put, by account, and forgets them', async () => {
      const { ledger, within } = await make();
      await within(async () => {
        await ledger.put([ledgerEntry(ACTIVE), ledgerEntry(CLOSED, 1, T0, T0 + 5)]);
        await ledger.put([ledgerEntry(ACTIVE, 2, T0 - 7)]);
        const read = await ledger.entries([CLOSED, ACTIVE, account(9)]);
        expect(read.sort((a, b) => a.accountId.localeCompare(b.accountId))).toEqual([ledgerEntry(ACTIVE, 2, T0 - 7), ledgerEntry(CLOSED, 1, T0, T0 + 5)]);
        await ledger.forget([ACTIVE, account(9)]);
        expect(await ledger.entries([ACTIVE, CLOSED])).toEqual([ledgerEntry(CLOSED, 1, T0, T0 + 5)]);
        await expect(ledger.put([{ ...ledgerEntry(ACTIVE), accountId: 'no spaces allowed' }])).rejects.toThrow(ZodError);
      });
    });

    it('pages every entry once, in accountId order, following cursors', async () => {
      const { ledger, within } = await make();
      await within(async () => {
        const ids = Array.from({ length: 130 }, (_, i) => account(i));
        for (let i = 0; i < ids.length; i += 50) await ledger.put(ids.slice(i, i + 50).map((id) => ledgerEntry(id)));
        for (const limit of [100, 9]) {
          const seen: string[] = [];
          let cursor: string | undefined;
          do {
            const page = await ledger.page(cursor, limit);
            expect(page.entries.length).toBeLessThanOrEqual(limit);
            seen.push(...page.entries.map((e) => e.accountId));
            cursor = page.cursor;
          } while (cursor);
          expect(seen).toEqual([...ids].sort());
        }
      });
    });
  });
}
