/**
 * Erasure: a scan whose visitor takes the closed accounts out of every record it meets. Configurations lose
 * the rows and defaults naming them (audited as Lockstep's act, without the ids); audit entries and finished
 * jobs keep their place with the id replaced by a marker; an error naming one is skipped as an admin's Skip
 * would (its content leaves storage, the partner stops waiting for it); a deferred product event naming one
 * is given up. A running job is left alone (its own steps rewrite it) and its starter erased in a later round.
 */
import { isFinal, type JobStore } from '../../ports/jobs';
import type { AuditRecords } from '../../ports/privacy';
import { APP_ACTOR } from '../connections/deps';
import type { SyncDeps } from '../sync/deps';
import { skipParked } from '../sync/errors';
import type { Counts } from './cycle';
import { closedIn, eraseFromAuditEntry, eraseFromConfig, eraseFromJob, scrubText, type Closed } from './erased-records';
import type { FamilyVisitor } from './scan';

export type EraseDeps = SyncDeps & { jobs: JobStore; auditRecords: AuditRecords };

/** How the error list's entry says why it was skipped (src/engine/sync/errors.ts prefixes it to the message). */
const SKIP_VERB = 'skipped because it named a closed Atlassian account:';

/** A visitor that erases `closed` from each record; `pending` collects the accounts a record still names that could not be changed now. */
export function eraser(deps: EraseDeps, closed: Closed, counts: Counts['erased'], pending: Set<string>): FamilyVisitor {
  return {
    async config(connectionId, config) {
      const erased = eraseFromConfig(config, closed);
      if (!erased) return;
      await deps.connections.saveConfig(connectionId, erased.config);
      await deps.audit.record({
        connectionId, at: new Date(deps.now()).toISOString(), actor: APP_ACTOR, action: 'config.changed', target: config.local.projectKey,
        detail: `Removed ${erased.removed.join(', ')}: Atlassian reported the account closed`.slice(0, 2000),
      });
      counts.configs += 1;
    },
    async jobs(_connectionId, jobs) {
      for (const job of jobs) {
        const erased = eraseFromJob(job, closed);
        if (!erased) continue;
        // A running job writes its whole record at every step: a rewrite now could undo a step's progress.
        if (!isFinal(job.state)) { pending.add(job.startedBy); continue; }
        await deps.jobs.put(erased);
        counts.jobs += 1;
      }
    },
    async parked(connectionId, parked) {
      for (const p of parked) {
        const named = closedIn(p.message, closed);
        if (named.length === 0 && scrubText(p.reason, closed) === p.reason) continue;
        try {
          const done = await skipParked(deps, connectionId, p.direction, p.message.messageId, APP_ACTOR, SKIP_VERB);
          if ('done' in done) counts.parked += 1;
        } catch (error) {
          // Skipping drains the later messages, which may fail on Jira: the message is tried again next round.
          console.warn(`[lockstep-privacy] could not skip ${p.message.messageId} of ${connectionId}: ${error instanceof Error ? error.message : String(error)}`);
          for (const id of named.length > 0 ? named : [...closed].filter((c) => p.reason.includes(c))) pending.add(id);
        }
      }
    },
    async deferred(events) {
      for (const { id, event } of events) {
        if (closedIn(event, closed).length === 0) continue;
        // A raw Jira payload waiting for Jira to come back: the change it carried is given up, not rewritten.
        await deps.state.removeDeferredEvent(id);
        console.warn(`[lockstep-privacy] gave up deferred product event ${id}: it named a closed Atlassian account`);
        counts.deferred += 1;
      }
    },
    async audit(records) {
      for (const { key, entry } of records) {
        const erased = eraseFromAuditEntry(entry, closed);
        if (erased && (await deps.auditRecords.replace(key, erased))) counts.audit += 1;
      }
    },
  };
}
