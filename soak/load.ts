/**
 * The soak's load: people editing both projects at once through Jira's REST API — creates, edits of
 * every kind of mapped field, comments (added, edited, deleted), transitions, attachments, links and
 * deletes. Every comment, file and summary carries a unique token, so the check can tell a lost copy
 * from a doubled one. Drawn from a seeded generator: the same seed gives the same operations.
 */
import { APP_ACCOUNT_ID as APP } from '../sandbox/jira/model/site';
import type { Rng } from '../sandbox/faults/rng';
import type { SyncHarness } from '../test/support/sync';
import { doc, type Person } from '../test/support/jira';

export interface SoakSide {
  site: string;
  project: string;
  /** Who edits this side (a project member). */
  who: Person;
}

export type OperationKind =
  | 'create' | 'edit' | 'comment' | 'comment-edit' | 'comment-delete' | 'transition'
  | 'attachment' | 'attachment-delete' | 'link' | 'link-delete' | 'delete';

const WEIGHTS: Array<[OperationKind, number]> = [
  ['create', 10], ['edit', 40], ['comment', 12], ['comment-edit', 4], ['comment-delete', 2], ['transition', 10],
  ['attachment', 6], ['attachment-delete', 2], ['link', 6], ['link-delete', 2], ['delete', 1],
];
const TOTAL_WEIGHT = WEIGHTS.reduce((n, [, w]) => n + w, 0);

const PEOPLE_IDS = ['5b10a2844c20165700ede22b', '5b10a2844c20165700ede23c'];
const PRIORITIES = ['Highest', 'High', 'Medium', 'Low', 'Lowest'];
const LABELS = ['red', 'green', 'blue', 'hot', 'cold', 'later'];
export const EDITED_FIELDS = ['summary', 'description', 'labels', 'priority', 'duedate', 'assignee', 'Customer'] as const;

/** One operation as made: enough to follow a finding's token or object back to what people did. */
export interface JournalEntry {
  token: string;
  kind: OperationKind;
  site: string;
  issueId: string;
  /** The comment, file or link made, edited or deleted, or the other end of a link. */
  objectId?: string;
  status: number;
  /** The sandbox time the answer came. */
  at: number;
}

export class SoakLoad {
  /** Operations made, by kind; `refused` are those Jira turned down (e.g. a transition raced a delete). */
  readonly done: Partial<Record<OperationKind, number>> = {};
  /** Every operation in order, to explain a finding (`SOAK_EXAMPLES=1` prints the ones it names). */
  readonly journal: JournalEntry[] = [];
  refused = 0;
  private n = 0;

  constructor(private readonly h: SyncHarness, private readonly rng: Rng, private readonly sides: readonly SoakSide[]) {}

  /** Issues of a side's project that still exist: the emulator's own records, so the load needs no extra requests. */
  issues(side: SoakSide): string[] {
    const site = this.h.emulator.site(side.site);
    const project = [...site.projects.values()].find((p) => p.key === side.project)!;
    return [...site.issues.values()].filter((i) => i.projectId === project.id).map((i) => i.id);
  }

  async step(): Promise<OperationKind> {
    const side = this.rng.pick(this.sides);
    let kind = this.pickKind();
    const ids = this.issues(side);
    if (ids.length < 4) kind = 'create';
    const token = `t${++this.n}`;
    // People are at least a millisecond apart (Jira stamps changes to the millisecond): two edits of one field on one
    // side in the same millisecond could not be told apart by any sync, and no person makes them.
    this.h.clock.advance(1);
    const ok = await this.perform(kind, side, ids, token, (issueId, status, objectId) => {
      this.journal.push({ token, kind, site: side.site, issueId, ...(objectId === undefined ? {} : { objectId }), status, at: this.h.emulator.site(side.site).now() });
      return status < 300;
    });
    if (ok) this.done[kind] = (this.done[kind] ?? 0) + 1;
    else this.refused++;
    return kind;
  }

  private pickKind(): OperationKind {
    let r = this.rng.next() * TOTAL_WEIGHT;
    for (const [kind, w] of WEIGHTS) if ((r -= w) < 0) return kind;
    return 'edit';
  }

  private async perform(kind: OperationKind, side: SoakSide, ids: string[], token: string, done: (issueId: string, status: number, objectId?: string) => boolean): Promise<boolean> {
    const rest = this.h.rest(side.site, side.who);
    const id = ids.length ? this.rng.pick(ids) : '';
    const site = this.h.emulator.site(side.site);
    switch (kind) {
      case 'create': {
        const res = await rest('POST', '/rest/api/3/issue', { fields: { project: { key: side.project }, issuetype: { name: 'Task' }, summary: `Soak ${token}`, labels: [this.rng.pick(LABELS)], priority: { name: this.rng.pick(PRIORITIES) }, description: doc(`Created ${token}`) } });
        return done(String(res.body?.id ?? ''), res.status);
      }
      case 'edit': {
        const field = this.rng.pick(EDITED_FIELDS);
        const value = this.valueFor(field, side.site, token);
        const res = await rest('PUT', `/rest/api/3/issue/${id}`, { fields: value });
        return done(id, res.status, field);
      }
      case 'comment': {
        const res = await rest('POST', `/rest/api/3/issue/${id}/comment`, { body: doc(`Comment ${token}`) });
        return done(id, res.status, res.body?.id);
      }
      case 'comment-edit':
      case 'comment-delete': {
        // Only people's own comments: Lockstep's copies are the partner's, edited there.
        const mine = (site.issue(id)?.commentIds ?? []).filter((c) => site.comments.get(c)?.authorId !== APP);
        if (mine.length === 0) return done(id, 404);
        const commentId = this.rng.pick(mine);
        const res = kind === 'comment-edit'
          ? await rest('PUT', `/rest/api/3/issue/${id}/comment/${commentId}`, { body: doc(`Comment ${token} (edited)`) })
          : await rest('DELETE', `/rest/api/3/issue/${id}/comment/${commentId}`);
        return done(id, res.status, commentId);
      }
      case 'transition': {
        const got = await rest('GET', `/rest/api/3/issue/${id}/transitions`);
        const transitions = (got.body?.transitions ?? []) as Array<{ id: string }>;
        if (transitions.length === 0) return done(id, got.status < 300 ? 409 : got.status);
        const res = await rest('POST', `/rest/api/3/issue/${id}/transitions`, { transition: { id: this.rng.pick(transitions).id } });
        return done(id, res.status);
      }
      case 'attachment': {
        const form = new FormData();
        form.append('file', new Blob([`file ${token}\n`], { type: 'text/plain' }), `${token}.txt`);
        const res = await rest('POST', `/rest/api/3/issue/${id}/attachments`, form, { 'X-Atlassian-Token': 'no-check' });
        return done(id, res.status, res.body?.[0]?.id);
      }
      case 'attachment-delete': {
        const mine = (site.issue(id)?.attachmentIds ?? []).filter((a) => site.attachments.get(a)?.authorId !== APP);
        if (mine.length === 0) return done(id, 404);
        const attachmentId = this.rng.pick(mine);
        return done(id, (await rest('DELETE', `/rest/api/3/attachment/${attachmentId}`)).status, attachmentId);
      }
      case 'link': {
        const other = this.rng.pick(ids);
        if (other === id) return done(id, 409, other);
        const res = await rest('POST', '/rest/api/3/issueLink', { type: { name: 'Relates' }, inwardIssue: { id }, outwardIssue: { id: other } });
        return done(id, res.status, other);
      }
      case 'link-delete': {
        const mine = [...site.links.values()].filter((l) => l.inwardIssueId === id || l.outwardIssueId === id);
        if (mine.length === 0) return done(id, 404);
        const link = this.rng.pick(mine);
        return done(id, (await rest('DELETE', `/rest/api/3/issueLink/${link.id}`)).status, `${link.inwardIssueId}->${link.outwardIssueId}`);
      }
      case 'delete':
        return done(id, (await rest('DELETE', `/rest/api/3/issue/${id}`)).status);
    }
  }

  private valueFor(field: (typeof EDITED_FIELDS)[number], site: string, token: string): Record<string, unknown> {
    switch (field) {
      case 'summary': return { summary: `Soak ${token}` };
      case 'description': return { description: doc(`Described ${token}`) };
      case 'labels': return { labels: LABELS.filter(() => this.rng.chance(0.4)) };
      case 'priority': return { priority: { name: this.rng.pick(PRIORITIES) } };
      case 'duedate': return { duedate: this.rng.chance(0.2) ? null : `2027-0${this.rng.int(1, 9)}-1${this.rng.int(0, 9)}` };
      case 'assignee': return { assignee: this.rng.chance(0.2) ? null : { accountId: this.rng.pick(PEOPLE_IDS) } };
      case 'Customer': return { [this.h.fieldId(site, 'Customer')]: `Customer ${token}` };
    }
  }
}

