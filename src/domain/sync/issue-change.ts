/**
 * The `issue` change an issue's Jira fields make, as this side sends it: the sending mappings' values keyed
 * by the partner's field ids, the issue type, the status and the partner's parent. Event capture and the
 * initial sync both build their changes here, so an existing issue is shared exactly as a new one would be.
 */
import { sends } from '../config/direction';
import type { FieldMapping, SyncConfig } from '../config/schema';
import { jiraTime } from './event';
import type { IssueChange, PortableValue } from './message';
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
  const issueType = fields['issuetype'] as { id?: string; name?: string } | undefined;
  if (!issueType?.id || !config.issueTypes.some((t) => t.local.id === issueType.id)) return { skip: `issue type ${issueType?.name ?? '?'} is not synced` };
  const values: Record<string, PortableValue> = {};
  for (const m of options.mappings) values[partnerFieldId(m)] = readValue(shapeOf(m), fields[localFieldId(m)]);
  const status = fields['status'] as { id?: string; name?: string; statusCategory?: { key?: string } } | undefined;
  const sendStatus = options.status && config.statuses.length > 0 && status?.id && status.name;
  const parentTargetId = options.create && config.links.subtasks ? options.parentTargetId : undefined;
  const change: IssueChange = {
    kind: 'issue', create: options.create, issueType: { id: issueType.id, name: issueType.name ?? issueType.id }, fields: values,
    ...(sendStatus ? { status: { id: status.id!, name: status.name!, ...(status.statusCategory?.key ? { category: status.statusCategory.key } : {}) } } : {}),
    ...(parentTargetId ? { parentTargetId } : {}),
    ...(options.pairWith ? { pairWith: options.pairWith } : {}),
  };
  return { change, at: jiraTime(fields['updated']) ?? now, stamped: [...options.mappings.map(localFieldId), ...(sendStatus ? ['status'] : [])] };
}
