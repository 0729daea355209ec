/** Labels and filters of the Audit tab. Pure: tested without a DOM. */
import type { AuditRow } from '../../../shared/types';

/** Every action the audit log records (src/ports/health.ts, AuditEntry.action), with its label. */
export const ACTION_LABEL: Readonly<Record<string, string>> = {
  'connection.created': 'Sync created',
  'connection.state': 'Sync state changed',
  'connection.deleted': 'Sync deleted',
  'config.changed': 'Configuration changed',
  'issue.created': 'Issue created',
  'issue.updated': 'Issue updated',
  'issue.deleted': 'Issue deleted',
  'issue.transitioned': 'Issue transitioned',
  'comment.created': 'Comment added',
  'comment.updated': 'Comment edited',
  'comment.deleted': 'Comment deleted',
  'attachment.created': 'Attachment added',
  'attachment.deleted': 'Attachment deleted',
  'link.created': 'Link added',
  'link.deleted': 'Link removed',
  'message.parked': 'Change failed (parked)',
  'message.retried': 'Failed change retried',
  'message.skipped': 'Failed change skipped',
};

/** "Issue created"; an action this UI does not know yet is shown as recorded rather than hidden. */
export function actionLabel(action: string): string {
  return ACTION_LABEL[action] ?? action;
}

export const AUDIT_CATEGORIES = ['all', 'config', 'connection', 'issue', 'comment', 'attachment', 'link', 'message'] as const;
export type AuditCategory = (typeof AUDIT_CATEGORIES)[number];

export const CATEGORY_LABEL: Record<AuditCategory, string> = {
  all: 'All',
  config: 'Configuration',
  connection: 'Connection',
  issue: 'Issues',
  comment: 'Comments',
  attachment: 'Attachments',
  link: 'Links',
  message: 'Errors',
};

/** The category of an action: its prefix ("issue.created" → issue). */
export function categoryOf(action: string): AuditCategory | null {
  const prefix = action.split('.')[0] ?? '';
  return (AUDIT_CATEGORIES as readonly string[]).includes(prefix) && prefix !== 'all' ? (prefix as AuditCategory) : null;
}

/** The app's own writes are recorded as 'lockstep'. */
export const APP_ACTOR = 'lockstep';

/** "Lockstep" for the app, the display name when Jira knows it, else the accountId. */
export function actorLabel(row: Pick<AuditRow, 'actor' | 'actorName'>): string {
  if (row.actor === APP_ACTOR) return 'Lockstep';
  return row.actorName ?? row.actor;
}

export interface AuditFilter {
  text: string;
  category: AuditCategory;
}

/** Rows matching the category and every word of the text (case-insensitive, in target, detail, actor or action label). */
export function filterAudit<T extends AuditRow>(rows: readonly T[], filter: AuditFilter): T[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  return rows.filter((row) => {
    if (filter.category !== 'all' && categoryOf(row.action) !== filter.category) return false;
    if (!words.length) return true;
    const haystack = [row.target ?? '', row.detail, row.actor, row.actorName ?? '', actorLabel(row), actionLabel(row.action)]
      .join('\n')
      .toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}
