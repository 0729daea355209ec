/**
 * What a record becomes once the closed accounts it names are erased. Pure: each function answers the
 * changed record, or undefined when the record names none of them (and so must not be written).
 */
import { systemFieldName } from '../../domain/config/labels';
import type { FieldMapping, SyncConfig } from '../../domain/config/schema';
import { shapeOf } from '../../domain/sync/values';
import type { AuditEntry } from '../../ports/health';
import type { Job } from '../../ports/jobs';
import { accountsIn, DELETED_ACCOUNT } from './accounts';

export type Closed = ReadonlySet<string>;

const fieldLabel = (m: FieldMapping): string => `"${m.kind === 'system' ? systemFieldName(m.field) : m.local.name}"`;

/**
 * The configuration without the closed accounts: user-table rows naming one (on either side) removed, the
 * default user and user-field defaults left empty, so users fall back as they would for anyone unmatched.
 * `removed` says what went, in words the audit entry can carry: never the ids themselves.
 */
export function eraseFromConfig(config: SyncConfig, closed: Closed): { config: SyncConfig; removed: string[] } | undefined {
  const table = config.users.table.filter((row) => !closed.has(row.local) && !closed.has(row.partner));
  const rows = config.users.table.length - table.length;
  const defaultUser = config.users.defaultUser !== null && closed.has(config.users.defaultUser);
  const defaults: string[] = [];
  const fields = config.fields.map((m) => {
    if (shapeOf(m) !== 'user' || m.default === null || !closed.has(m.default)) return m;
    defaults.push(fieldLabel(m));
    return { ...m, default: null };
  });
  const removed = [
    ...(rows > 0 ? [`${rows} user table row${rows === 1 ? '' : 's'}`] : []),
    ...(defaultUser ? ['the default user'] : []),
    ...defaults.map((label) => `the default of field ${label}`),
  ];
  if (removed.length === 0) return undefined;
  return { config: { ...config, users: { ...config.users, table, defaultUser: defaultUser ? null : config.users.defaultUser }, fields }, removed };
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Each closed id in free text, as a whole token (never inside a longer id), replaced by the marker. Audit
 * lines quote ids among other words ("Users: added table row <id> ↔ <id>", Jira's error texts).
 */
export function scrubText(text: string, closed: Closed): string {
  let out = text;
  for (const id of closed) {
    if (!out.includes(id)) continue;
    out = out.replace(new RegExp(`(?<![A-Za-z0-9:-])${escape(id)}(?![A-Za-z0-9:-])`, 'g'), DELETED_ACCOUNT);
  }
  return out;
}

/** The entry with its actor, target and detail scrubbed; its time, action and connection stay, so the log keeps its shape. */
export function eraseFromAuditEntry(entry: AuditEntry, closed: Closed): AuditEntry | undefined {
  const next: AuditEntry = {
    ...entry,
    actor: closed.has(entry.actor) ? DELETED_ACCOUNT : scrubText(entry.actor, closed),
    target: entry.target === null ? null : scrubText(entry.target, closed),
    detail: scrubText(entry.detail, closed),
  };
  return next.actor === entry.actor && next.target === entry.target && next.detail === entry.detail ? undefined : next;
}

/** The job with its starter erased; what it did (its counts, problems and summary) stays. */
export function eraseFromJob(job: Job, closed: Closed): Job | undefined {
  return closed.has(job.startedBy) ? { ...job, startedBy: DELETED_ACCOUNT } : undefined;
}

/** The closed accounts a message or a raw event names, as accountsIn reads them. */
export function closedIn(value: unknown, closed: Closed): string[] {
  return accountsIn(value).filter((id) => closed.has(id));
}
