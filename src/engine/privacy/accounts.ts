/**
 * Which Atlassian accountIds a stored record holds, and how old that copy is. Pure: each family's records
 * are read as their own schemas describe them; messages and raw Jira events, whose shapes vary, are walked.
 */
import type { FieldMapping, SyncConfig } from '../../domain/config/schema';
import { shapeOf } from '../../domain/sync/values';
import type { AuditEntry } from '../../ports/health';
import type { Job } from '../../ports/jobs';
import { ACCOUNT_ID } from '../../ports/privacy';
import { APP_ACTOR } from '../connections/deps';

/** What an erased accountId becomes in records that keep their place (audit actors, job starters). */
export const DELETED_ACCOUNT = 'deleted-account';

/**
 * Strings that fit the accountId pattern but name nobody: Lockstep's own actor, the erased marker, and
 * Jira's `unknown` (the guide: never report it).
 */
const NOT_ACCOUNTS = new Set([APP_ACTOR, DELETED_ACCOUNT, 'unknown']);

export const isReportable = (id: string): boolean => ACCOUNT_ID.test(id) && !NOT_ACCOUNTS.has(id);

/**
 * The shapes Atlassian hands out (24 hex digits, `<number>:<uuid>`, a JSM customer's `qm:<uuid>:<uuid>`):
 * free text is only read for ids of these shapes, so a field's default name is never taken for one.
 */
const LIKELY_ACCOUNT = /^(?:[0-9a-f]{24}|\d{1,10}:[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}|qm:[0-9a-f-]{36}:[0-9a-f-]{36})$/i;

const isUserField = (m: FieldMapping): boolean => shapeOf(m) === 'user';

/** The user table's both sides, the default user, and the default value of every user field. */
export function accountsOfConfig(config: SyncConfig): string[] {
  const ids = [
    ...config.users.table.flatMap((row) => [row.local, row.partner]),
    ...(config.users.defaultUser === null ? [] : [config.users.defaultUser]),
    ...config.fields.flatMap((m) => (isUserField(m) && m.default !== null ? [m.default] : [])),
  ];
  return distinct(ids);
}

/** Lines src/domain/config/diff.ts writes about users into a `config.changed` entry. */
const TABLE_ROW = /table row ([A-Za-z0-9:-]+) ↔ ([A-Za-z0-9:-]+)/g;
const DEFAULT_USER = /default user (?:"([^"]+)"|none) → (?:"([^"]+)"|none)/g;
const DEFAULT_VALUE = /default value (?:"([^"]+)"|none) → (?:"([^"]+)"|none)/g;

/** The actor, and for configuration changes the accounts the change lines name (rows, default users, user-field defaults). */
export function accountsOfAudit(entry: AuditEntry): string[] {
  const ids = [entry.actor];
  if (entry.action === 'config.changed') {
    for (const m of entry.detail.matchAll(TABLE_ROW)) ids.push(m[1]!, m[2]!);
    for (const m of entry.detail.matchAll(DEFAULT_USER)) ids.push(...[m[1], m[2]].filter((v): v is string => v !== undefined));
    // A field's default is a name for most fields; only an id of Atlassian's shape is a user field's.
    for (const m of entry.detail.matchAll(DEFAULT_VALUE)) ids.push(...[m[1], m[2]].filter((v): v is string => v !== undefined && LIKELY_ACCOUNT.test(v)));
  }
  return distinct(ids);
}

export const accountsOfJob = (job: Job): string[] => distinct([job.startedBy]);

/** Jira wiki markup's mention, as older event payloads carry comment bodies. */
const WIKI_MENTION = /\[~accountid:([A-Za-z0-9:-]{1,128})\]/g;

/**
 * Every accountId in a sync message or a raw Jira event: user objects (`accountId`), the event's actor
 * (`atlassianId`), ADF mentions (`attrs.id` of a `mention` node) and wiki mentions in text. Iterative,
 * so a deep document cannot overflow the stack.
 */
export function accountsIn(value: unknown): string[] {
  const ids: string[] = [];
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      for (const m of v.matchAll(WIKI_MENTION)) ids.push(m[1]!);
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) { stack.push(...v); continue; }
    const record = v as Record<string, unknown>;
    for (const key of ['accountId', 'atlassianId']) {
      const id = record[key];
      if (typeof id === 'string') ids.push(id);
    }
    const attrs = record['attrs'] as Record<string, unknown> | undefined;
    if (record['type'] === 'mention' && typeof attrs?.['id'] === 'string') ids.push(attrs['id']);
    stack.push(...Object.values(record));
  }
  return distinct(ids);
}

/** Reportable ids, each once, in first-seen order. */
function distinct(ids: readonly string[]): string[] {
  return [...new Set(ids)].filter(isReportable);
}

/** The time a deferred event was put away: its id starts with it (src/engine/sync/capture-retry.ts). */
export function deferredAt(id: string): number | undefined {
  const match = /^(\d{10,15})-/.exec(id);
  return match ? Number(match[1]) : undefined;
}
