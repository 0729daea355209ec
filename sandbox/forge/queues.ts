/**
 * Async events of one installation: the publish endpoint @forge/events' Queue.push() calls, and delivery
 * of each event to the queue's consumer function after its delay, with Forge's limits and retries.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Scheduler } from './scheduler';
import type { InvocationOutcome } from './invoke';
import { MAX_RETRIES, nextRetryContext, retryAfterOutcome } from './invoke';

/** Forge's async events limits (runtime-reference/async-events-api; FORGE-NOTES "Limits"). */
export const QUEUE_LIMITS = {
  eventsPerPush: 50,
  bytesPerPush: 200 * 1024,
  maxDelaySeconds: 900,
  eventsPerMinute: 500,
} as const;

const PushRequest = z.object({
  queueName: z.string().regex(/^[a-zA-Z0-9-_]+$/),
  jobId: z.string().min(1),
  payload: z.array(z.object({ body: z.record(z.string(), z.unknown()), delayInSeconds: z.number().optional() }).passthrough()),
}).passthrough();
const JobRequest = z.object({ queueName: z.string(), jobId: z.string().min(1) }).passthrough();

/** The event a consumer function receives (@forge/events 2+: AsyncEvent). */
export interface AsyncEvent {
  body: Record<string, unknown>;
  queueName: string;
  jobId: string;
  eventId: string;
  delayInSeconds?: number;
  retryContext?: { retryCount: number; retryReason: string; retryData?: unknown };
}

interface JobStats { success: number; inProgress: number; failed: number; cancelled: boolean }

export interface QueueDelivery {
  /** Runs the consumer of `queueName` for one event; undefined when the manifest declares none. */
  consume(queueName: string, event: AsyncEvent): Promise<InvocationOutcome> | undefined;
}

const reply = (status: number, body?: unknown): Response =>
  new Response(body === undefined ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export class QueueService {
  private readonly jobs = new Map<string, JobStats>();
  private readonly recentPushes: Array<{ at: number; count: number }> = [];
  /** Events pushed to a queue no consumer reads; Forge would keep them, the sandbox shows them. */
  readonly undeliverable: AsyncEvent[] = [];
  readonly deadLetters: Array<{ event: AsyncEvent; reason: string }> = [];

  constructor(
    private readonly scheduler: Scheduler,
    private readonly delivery: QueueDelivery,
    private readonly label: string,
    /** Fault injection: the delays of each delivery of a message ([] loses it); undefined delivers it once after its own delay. */
    private readonly faults: (queueName: string, delayMs: number) => number[] | undefined = () => undefined,
  ) {}

  /** Serves POST /webhook/queue/{publish|stats|cancel}/…, answering as Forge's events API does. */
  handle(action: 'publish' | 'stats' | 'cancel', body: unknown): Response {
    if (action === 'publish') return this.publish(body);
    const parsed = JobRequest.safeParse(body);
    if (!parsed.success) return reply(400, { message: `Invalid request: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}` });
    const job = this.jobs.get(`${parsed.data.queueName}/${parsed.data.jobId}`);
    if (!job) return reply(404, { message: 'Job not found' });
    if (action === 'cancel') { job.cancelled = true; return reply(204); }
    return reply(200, { success: job.success, inProgress: job.inProgress, failed: job.failed });
  }

  private publish(body: unknown): Response {
    const parsed = PushRequest.safeParse(body);
    if (!parsed.success) return reply(400, { message: `Invalid push: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}` });
    const { queueName, jobId, payload } = parsed.data;
    // The SDK checks these too; the service checks again because a client may not be the SDK.
    if (payload.length === 0) return reply(400, { message: 'No events pushed.' });
    if (payload.length > QUEUE_LIMITS.eventsPerPush) return reply(413, { errorMessage: `This push contains more than the ${QUEUE_LIMITS.eventsPerPush} events allowed.` });
    if (Buffer.byteLength(JSON.stringify(payload)) > QUEUE_LIMITS.bytesPerPush) return reply(413, { errorMessage: `The maximum payload size is ${QUEUE_LIMITS.bytesPerPush / 1024}KB.` });
    const bad = payload.findIndex((e) => e.delayInSeconds !== undefined && (e.delayInSeconds < 0 || e.delayInSeconds > QUEUE_LIMITS.maxDelaySeconds));
    if (bad >= 0) return reply(400, { message: `payload.${bad}.delayInSeconds must be between 0 and ${QUEUE_LIMITS.maxDelaySeconds}.` });
    const now = this.scheduler.clock.now();
    while (this.recentPushes[0] && this.recentPushes[0].at <= now - 60_000) this.recentPushes.shift();
    const lastMinute = this.recentPushes.reduce((n, p) => n + p.count, 0);
    if (lastMinute + payload.length > QUEUE_LIMITS.eventsPerMinute) return reply(429, { message: 'Too many requests.' });
    this.recentPushes.push({ at: now, count: payload.length });
    const stats: JobStats = { success: 0, inProgress: payload.length, failed: 0, cancelled: false };
    this.jobs.set(`${queueName}/${jobId}`, stats);
    for (const e of payload) {
      const event: AsyncEvent = {
        body: e.body,
        queueName,
        jobId,
        eventId: randomUUID(),
        ...(e.delayInSeconds === undefined ? {} : { delayInSeconds: e.delayInSeconds }),
      };
      const delayMs = (e.delayInSeconds ?? 0) * 1000;
      for (const delay of this.faults(queueName, delayMs) ?? [delayMs]) {
        this.waiting++;
        this.scheduler.after(delay, () => this.deliver(event, stats, 0));
      }
    }
    return reply(201, {});
  }

  /** Events pushed (or due for a retry) whose delivery has not finished: tests wait for this to reach 0. */
  waiting = 0;

  private async deliver(event: AsyncEvent, stats: JobStats, retryCount: number): Promise<void> {
    try {
      await this.deliverOnce(event, stats, retryCount);
    } finally {
      this.waiting--;
    }
  }

  private async deliverOnce(event: AsyncEvent, stats: JobStats, retryCount: number): Promise<void> {
    if (stats.cancelled) { stats.inProgress--; return; }
    const run = this.delivery.consume(event.queueName, event);
    if (!run) {
      console.warn(`[forge ${this.label}] no consumer reads queue '${event.queueName}'; event kept undelivered`);
      this.undeliverable.push(event);
      return;
    }
    const outcome = await run;
    const retry = retryAfterOutcome(outcome, retryCount);
    if (retry && retryCount < MAX_RETRIES) {
      const next: AsyncEvent = { ...event, retryContext: nextRetryContext(retry, retryCount) };
      this.waiting++;
      this.scheduler.after(retry.retryAfter * 1000, () => this.deliver(next, stats, retryCount + 1));
      return;
    }
    stats.inProgress--;
    if (outcome.status === 'ok' && !retry) { stats.success++; return; }
    stats.failed++;
    const reason = retry ? `gave up after ${MAX_RETRIES} retries (${retry.retryReason})` : outcome.status === 'ok' ? 'failed' : outcome.error.message;
    this.deadLetters.push({ event, reason });
  }
}
