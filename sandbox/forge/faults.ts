/**
 * Where the local runtime lets a test break things: the points at which Forge and Jira fail in
 * production (a crashed or timed-out function, a Jira error or a request that never answers, product
 * events and queue messages lost, doubled or late). The runtime asks these hooks; a soak test's
 * injector (sandbox/faults/) answers them. Without hooks nothing is faulted.
 */
import type { InvocationScope } from './context';

/** What becomes of one app request to Jira. */
export type JiraFault =
  | { respond: Response }
  /** The request never answers: `reached` says whether Jira carried it out first. The invocation then times out. */
  | { hang: { reached: boolean } };

export interface RuntimeFaults {
  /** Before an SDK call of an invocation (`what`: kvs, jira, queue, …): a reason to kill the invocation there, if it dies. */
  kill?(scope: InvocationScope, what: string): string | undefined;
  /** An app request to the site's Jira, before it is made. */
  jira?(site: string, scope: InvocationScope, request: Request): JiraFault | undefined;
  /** The delays in ms of each delivery of a product event to a trigger: [] loses it, two entries double it. */
  productEvent?(site: string, eventType: string, payload: Record<string, unknown>): number[];
  /** The delays in ms of each delivery of a queue message, on top of its own delay: [] loses it. */
  queueEvent?(site: string, queueName: string, delayMs: number): number[];
  /** A request to an installation's web trigger, before it runs: a faulted answer, or `lost` to run it and lose its answer. */
  webtrigger?(site: string): { respond: Response } | 'lost' | undefined;
  /** How many times a scheduled trigger fires this interval (Forge may run one twice). */
  scheduledRuns?(site: string, moduleKey: string): number;
}
