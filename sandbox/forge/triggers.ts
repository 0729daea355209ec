/**
 * Product events of one site, delivered to the installation's `trigger` modules as Forge does: only the
 * events a trigger lists, never those the app itself caused when `ignoreSelf` is set, never over 200 kB,
 * asynchronously after the REST call, and retried when the function asks (InvocationError) or times out.
 */
import type { ProductEvent } from '../jira/events';
import type { InvocationOutcome } from './invoke';
import { MAX_RETRIES, platformRetryDelaySeconds, retryRequestOf } from './invoke';
import type { TriggerModule } from './manifest';
import type { Scheduler } from './scheduler';

/** Product events over 200 kB are not delivered (FORGE-NOTES "Limits"). */
export const MAX_EVENT_BYTES = 200 * 1024;

export interface TriggerDelivery {
  run(trigger: TriggerModule, event: Record<string, unknown>): Promise<InvocationOutcome>;
}

/** What happened to each event, for tests and the sandbox log. */
export interface TriggerLogEntry {
  trigger: string;
  eventType: string;
  outcome: 'delivered' | 'ignored-self' | 'too-large' | 'failed' | 'retry-scheduled' | 'gave-up';
  retryCount: number;
}

export class TriggerDispatcher {
  readonly log: TriggerLogEntry[] = [];

  constructor(
    private readonly triggers: TriggerModule[],
    private readonly appAccountId: string,
    private readonly cloudId: string,
    private readonly scheduler: Scheduler,
    private readonly delivery: TriggerDelivery,
  ) {
    for (const t of triggers) {
      // A Jira expression filter would need Jira's expression engine; refusing beats silently ignoring it.
      if (t.filter?.expression) throw new Error(`trigger ${t.key}: filter.expression is not supported by the local Forge runtime`);
    }
  }

  /** Called for every event the site publishes. */
  dispatch(event: ProductEvent): void {
    for (const trigger of this.triggers) {
      if (!trigger.events.includes(event.payload.eventType)) continue;
      if (trigger.filter?.ignoreSelf && event.actorAccountId === this.appAccountId) {
        this.record(trigger, event.payload.eventType, 'ignored-self', 0);
        continue;
      }
      const payload: Record<string, unknown> = { ...event.payload, context: { cloudId: this.cloudId, moduleKey: trigger.key } };
      if (Buffer.byteLength(JSON.stringify(payload)) > MAX_EVENT_BYTES) {
        this.record(trigger, event.payload.eventType, 'too-large', 0);
        continue;
      }
      this.scheduler.after(0, () => this.deliver(trigger, payload, 0));
    }
  }

  private async deliver(trigger: TriggerModule, payload: Record<string, unknown>, retryCount: number): Promise<void> {
    const eventType = String(payload['eventType']);
    const outcome = await this.delivery.run(trigger, payload);
    const retry = outcome.status === 'ok' ? retryRequestOf(outcome.value) : outcome.status === 'timeout'
      ? { retryAfter: platformRetryDelaySeconds(retryCount), retryReason: 'FUNCTION_TIME_OUT' as const }
      : undefined;
    if (!retry) {
      this.record(trigger, eventType, outcome.status === 'ok' ? 'delivered' : 'failed', retryCount);
      return;
    }
    if (retryCount >= MAX_RETRIES) {
      this.record(trigger, eventType, 'gave-up', retryCount);
      return;
    }
    this.record(trigger, eventType, 'retry-scheduled', retryCount);
    const retryContext = { retryCount: retryCount + 1, retryReason: retry.retryReason, ...('retryData' in retry && retry.retryData !== undefined ? { retryData: retry.retryData } : {}) };
    this.scheduler.after(retry.retryAfter * 1000, () => this.deliver(trigger, { ...payload, retryContext }, retryCount + 1));
  }

  private record(trigger: TriggerModule, eventType: string, outcome: TriggerLogEntry['outcome'], retryCount: number): void {
    this.log.push({ trigger: trigger.key, eventType, outcome, retryCount });
    if (this.log.length > 5_000) this.log.splice(0, this.log.length - 5_000);
  }
}
