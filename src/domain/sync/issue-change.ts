/**
 * The `issue` change an issue's Jira fields make, as this side sends it: the sending mappings' values keyed
 * by the partner's field ids, the issue type, the status and the partner's parent. Event capture and the
 * initial sync both build their changes here, so an existing issue is shared exactly as a new one would be.
 */
import { sends } from '../config/direction';
import type { FieldMapping, SyncConfig } from '../config/schema';
import { describeIssues } from '../notices';
import { jiraTime } from './event';
import { IssueChange, type PortableValue } from './message';
import { localFieldId, partnerFieldId, readValue, shapeOf } from './values';

export interface IssueChangeOptions {
  /** The mappings whose values travel. */
  mappings: readonly FieldMapping[];
  /** The origin issue is new to the partner: it creates its copy. */
  create: boolean;
  /** The status travels too (when the sync maps statuses at all). */
  status: boolean;
  /** The partner's id of this issue's parent (see `parentToPair`), when that parent is paired. */
  parentTargetId?: string | undefined;
  /** "Pair with an existing issue": the partner issue key this one pairs with. */
  pairWith?: string | undefined;
}

/** The change, when it happened (Jira's `updated`, else `now`), and the local field ids to stamp once sent. */
export type BuiltChange = { change: IssueChange; at: number; stamped: string[] } | { skip: string };

/** The Jira fields `issueChange` reads for these mappings; only a create needs the parent. */
export const changeFields = (mappings: readonly FieldMapping[], create: boolean): string[] => [...mappings.map(localFieldId), 'issuetype', 'status', 'updated', ...(create ? ['parent'] : [])];

/** The sending mappings: the fields an issue shared whole carries. */
export const sendingMappings = (config: SyncConfig): FieldMapping[] => config.fields.filter((m) => sends(m.direction));

/** The local parent issue whose pair a create needs, when sub-tasks follow their parents. */
export function parentToPair(config: SyncConfig, fields: Record<string, unknown>): string | undefined {
  if (!config.links.subtasks) return undefined;
  const parent = fields['parent'] as { id?: unknown } | undefined;
  return typeof parent?.id === 'string' ? parent.id : undefined;
}

export function issueChange(config: SyncConfig, fields: Record<string, unknown>, options: IssueChangeOptions, now: number): BuiltChange {
  // Jira's fields arrive untyped (an event's payload): read as strings only what is one.
  const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  const issueType = fields['issuetype'] as { id?: unknown; name?: unknown } | undefined;
  const typeId = text(issueType?.id);
  if (!typeId || !config.issueTypes.some((t) => t.local.id === typeId)) return { skip: `issue type ${text(issueType?.name) ?? '?'} is not synced` };
  const values: Record<string, PortableValue> = {};
  for (const m of options.mappings) values[partnerFieldId(m)] = readValue(shapeOf(m), fields[localFieldId(m)]);
  const status = fields['status'] as { id?: unknown; name?: unknown; statusCategory?: { key?: unknown } } | undefined;
  const [statusId, statusName, category] = [text(status?.id), text(status?.name), text(status?.statusCategory?.key)];
  const sendStatus = options.status && config.statuses.length > 0 && statusId !== undefined && statusName !== undefined;
  const parentTargetId = options.create && config.links.subtasks ? options.parentTargetId : undefined;
  const change: IssueChange = {
    kind: 'issue', create: options.create, issueType: { id: typeId, name: text(issueType?.name) ?? typeId }, fields: values,
    ...(sendStatus ? { status: { id: statusId, name: statusName, ...(category ? { category } : {}) } } : {}),
    ...(parentTargetId ? { parentTargetId } : {}),
    ...(options.pairWith ? { pairWith: options.pairWith } : {}),
  };
  // A change the partner's schema refuses would be parked there for good: skipped here, before anything is stamped or sent.
  const valid = IssueChange.safeParse(change);
  if (!valid.success) return { skip: `the issue's values cannot be sent: ${describeIssues(valid.error)}`.slice(0, 500) };
  return { change, at: jiraTime(fields['updated']) ?? now, stamped: [...options.mappings.map(localFieldId), ...(sendStatus ? ['status'] : [])] };
}
