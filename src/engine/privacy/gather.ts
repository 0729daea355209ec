/**
 * Gathering: each scan step's records yield the accountIds they hold and how old each copy is; the ledger
 * keeps one entry per account for the cycle, with the oldest age found (the guide: "the age must correspond
 * to the oldest time that the personal data was retrieved at").
 */
import { LEDGER_BATCH_MAX, type LedgerEntry, type PrivacyLedger } from '../../ports/privacy';
import { accountsIn, accountsOfAudit, accountsOfConfig, accountsOfJob, deferredAt } from './accounts';
import type { FamilyVisitor } from './scan';

/** accountId → epoch ms of the oldest copy found. */
export type Found = Map<string, number>;

/** A visitor that adds what each record holds to `found`. Records with no time of their own count as read now. */
export function gatherer(found: Found, now: number): FamilyVisitor {
  const add = (ids: readonly string[], at: number) => {
    const age = Number.isFinite(at) ? Math.min(Math.max(0, at), now) : now;
    for (const id of ids) found.set(id, Math.min(found.get(id) ?? age, age));
  };
  return {
    // A configuration holds bare ids with no time of their own: they are as current as this read.
    async config(_id, config) { add(accountsOfConfig(config), now); },
    async jobs(_id, jobs) { for (const job of jobs) add(accountsOfJob(job), Date.parse(job.startedAt)); },
    // Names and emails in a message were read from Jira when the change was made.
    async parked(_id, parked) { for (const p of parked) add(accountsIn(p.message), p.message.at); },
    async deferred(events) { for (const e of events) add(accountsIn(e.event), deferredAt(e.id) ?? now); },
    async audit(records) { for (const r of records) add(accountsOfAudit(r.entry), Date.parse(r.entry.at)); },
  };
}

/**
 * Notes one step's finds in the ledger for `cycle`: a new or older-cycle entry starts over at this age (and
 * keeps a closure already known); one of this cycle keeps the older age. Answers how many accounts are new to the cycle.
 */
export async function noteFound(ledger: PrivacyLedger, found: Found, cycle: number): Promise<number> {
  let fresh = 0;
  const ids = [...found.keys()];
  for (let i = 0; i < ids.length; i += LEDGER_BATCH_MAX) {
    const slice = ids.slice(i, i + LEDGER_BATCH_MAX);
    const known = new Map((await ledger.entries(slice)).map((e) => [e.accountId, e]));
    const changed: LedgerEntry[] = [];
    for (const accountId of slice) {
      const at = found.get(accountId)!;
      const before = known.get(accountId);
      if (before?.cycle === cycle) {
        if (at < before.at) changed.push({ ...before, at });
        continue;
      }
      fresh += 1;
      changed.push({ accountId, cycle, at, ...(before?.closedAt === undefined ? {} : { closedAt: before.closedAt }) });
    }
    if (changed.length > 0) await ledger.put(changed);
  }
  return fresh;
}
