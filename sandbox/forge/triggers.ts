/**
 * Product events of one site, delivered to the installation's `trigger` modules as Forge does: only the
 * events a trigger lists, never those the app itself caused when `ignoreSelf` is set, never over 200 kB,
 * asynchronously after the REST call, and retried when the function asks (InvocationError) or times out.
 */
import type { ProductEvent } from '../jira/events';
import { matchesFilter, parseExpression } from './expression';
import type { InvocationOutcome } from './invoke';
import { MAX_RETRIES, nextRetryContext, retryAfterOutcome } from './invoke';
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
  outcome: 'delivered' | 'ignored-self' | 'filtered-out' | 'filter-error' | 'too-large' | 'failed' | 'retry-scheduled' | 'gave-up';
  retryCount: number;
}

export class TriggerDispatcher {
  readonly log: TriggerLogEntry[] = [];
  private readonly filters = new Map<string, ReturnType<typeof parseExpression>>();

  constructor(
    private readonly triggers: TriggerModule[],
    private readonly appAccountId: string,
    private readonly cloudId: string,
    private readonly scheduler: Scheduler,
    private readonly delivery: TriggerDelivery,
    /** Fault injection: the delays of each delivery of an event ([] loses it); undefined delivers it once at once. */
    private readonly faults: (eventType: string, payload: Record<string, unknown>) => number[] | undefined = () => undefined,
  ) {
    for (const t of triggers) {
      if (!t.filter?.expression) continue;
      // An expression outside the supported subset fails here, at start, rather than letting events through.
      try { this.filters.set(t.key, parseExpression(t.filter.expression)); } catch (error) {
        throw new Error(`trigger ${t.key}: filter.expression cannot be evaluated locally: ${(error as Error).message}`);
      }
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
      if (!this.passesFilter(trigger, payload)) continue;
      if (Buffer.byteLength(JSON.stringify(payload)) > MAX_EVENT_BYTES) {
        this.record(trigger, event.payload.eventType, 'too-large', 0);
        continue;
      }
      for (const delay of this.faults(event.payload.eventType, payload) ?? [0]) this.scheduler.after(delay, () => this.deliver(trigger, payload, 0));
    }
  }

  private async deliver(trigger: TriggerModule, payload: Record<string, unknown>, retryCount: number): Promise<void> {
    const eventType = String(payload['eventType']);
    const outcome = await this.delivery.run(trigger, payload);
    const retry = retryAfterOutcome(outcome, retryCount);
    if (!retry) {
      this.record(trigger, eventType, outcome.status === 'ok' ? 'delivered' : 'failed', retryCount);
      return;
    }
    if (retryCount >= MAX_RETRIES) {
      this.record(trigger, eventType, 'gave-up', retryCount);
      return;
    }
    this.record(trigger, eventType, 'retry-scheduled', retryCount);
    this.scheduler.after(retry.retryAfter * 1000, () => this.deliver(trigger, { ...payload, retryContext: nextRetryContext(retry, retryCount) }, retryCount + 1));
  }

  /** Forge evaluates the expression over the event; on an evaluation error `onError` decides (default IGNORE_AND_LOG). */
  private passesFilter(trigger: TriggerModule, payload: Record<string, unknown>): boolean {
    const filter = this.filters.get(trigger.key);
    if (!filter) return true;
    const eventType = String(payload['eventType']);
    try {
      if (matchesFilter(filter, payload)) return true;
      this.record(trigger, eventType, 'filtered-out', 0);
      return false;
    } catch (error) {
      const onError = trigger.filter?.onError ?? 'IGNORE_AND_LOG';
      if (onError.endsWith('_AND_LOG')) console.warn(`[forge] trigger ${trigger.key}: filter expression failed on ${eventType}: ${(error as Error).message}`);
      this.record(trigger, eventType, 'filter-error', 0);
      return onError.startsWith('RECEIVE');
    }
  }

  private record(trigger: TriggerModule, eventType: string, outcome: TriggerLogEntry['outcome'], retryCount: number): void {
    this.log.push({ trigger: trigger.key, eventType, outcome, retryCount });
    if (this.log.length > 5_000) this.log.splice(0, this.log.length - 5_000);
  }
}
