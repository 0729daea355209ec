/** Product events of one site, in Forge's payload shape, delivered to whoever subscribes (the local Forge runtime). */
import type { Site } from './model/site';

export const JiraEventType = {
  issueCreated: 'avi:jira:created:issue',
  issueUpdated: 'avi:jira:updated:issue',
  issueDeleted: 'avi:jira:deleted:issue',
  commented: 'avi:jira:commented:issue',
  commentUpdated: 'avi:jira:updated:comment',
  commentDeleted: 'avi:jira:deleted:comment',
  issueLinkCreated: 'avi:jira:created:issuelink',
  issueLinkDeleted: 'avi:jira:deleted:issuelink',
  attachmentCreated: 'avi:jira:created:attachment',
  attachmentDeleted: 'avi:jira:deleted:attachment',
} as const;
export type JiraEventType = (typeof JiraEventType)[keyof typeof JiraEventType];

/** An event as Forge hands it to a trigger (`context` is added by the runtime), plus where it came from. */
export interface ProductEvent {
  site: string;
  /** Account that caused the change; the runtime compares it with the app's account for `ignoreSelf`. */
  actorAccountId: string;
  payload: { eventType: JiraEventType; atlassianId: string; [key: string]: unknown };
}

export type EventListener = (event: ProductEvent) => void;

export class EventBus {
  private readonly listeners = new Set<EventListener>();
  /** Every event published so far, newest last; tests read it, the sandbox trims it. */
  readonly log: ProductEvent[] = [];
  logLimit = 10_000;

  constructor(private readonly site: Pick<Site, 'name'>) {}

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publish(eventType: JiraEventType, actorAccountId: string, body: Record<string, unknown>): void {
    const event: ProductEvent = { site: this.site.name, actorAccountId, payload: { eventType, atlassianId: actorAccountId, ...body } };
    this.log.push(event);
    if (this.log.length > this.logLimit) this.log.splice(0, this.log.length - this.logLimit);
    // A subscriber's failure must not fail the REST call that caused the event, as in Jira.
    for (const listener of this.listeners) {
      try { listener(event); } catch (error) { console.error(`[jira:${this.site.name}] event listener failed`, error); }
    }
  }
}
