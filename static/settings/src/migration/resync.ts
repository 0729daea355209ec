/**
 * The resync form: which fields it offers (the saved configuration's field mappings, named as the
 * editor names them, plus the status), the direction choices, and the request it sends. Pure.
 */
import type { ProjectCatalog } from '../../../../src/domain/config/catalog';
import { systemFieldName } from '../../../../src/domain/config/labels';
import type { SyncConfig } from '../../../../src/domain/config/schema';
import type { ResyncRequest } from '../../../shared/types';

/** The field id of the status in `ResyncRequest.fields`. */
export const STATUS_FIELD = 'status';

export interface FieldChoice {
  /** Local field id: a system field's name (`summary`) or a custom field's id, or `status`. */
  value: string;
  label: string;
}

/** One choice per field mapping (custom fields named by the local catalog when it has them), then Status. */
export function resyncFieldChoices(config: SyncConfig, local: ProjectCatalog | null): FieldChoice[] {
  const choices: FieldChoice[] = [];
  const seen = new Set<string>();
  for (const f of config.fields) {
    const value = f.kind === 'system' ? f.field : f.local.id;
    if (seen.has(value)) continue;
    seen.add(value);
    const label = f.kind === 'system' ? systemFieldName(f.field) : (local?.customFields.find((c) => c.id === f.local.id)?.name ?? f.local.name);
    choices.push({ value, label });
  }
  if (!seen.has(STATUS_FIELD)) choices.push({ value: STATUS_FIELD, label: 'Status' });
  return choices;
}

export type ResyncDirection = ResyncRequest['direction'];

export function directionChoices(partnerName: string): Array<{ value: ResyncDirection; label: string; description: string }> {
  return [
    {
      value: 'to-partner',
      label: "This project's values win",
      description: `Where a chosen field differs, the issue in ${partnerName} takes this project's value.`,
    },
    {
      value: 'from-partner',
      label: `${partnerName}'s values win`,
      description: `Where a chosen field differs, the issue here takes ${partnerName}'s value.`,
    },
  ];
}

export type ResyncMode = NonNullable<ResyncRequest['mode']>;

export const MODE_CHOICES: Array<{ value: ResyncMode; label: string; description: string }> = [
  { value: 'full', label: 'Every paired issue (full verify)', description: 'Reads every paired issue on both sides in bulk and writes only where a chosen field differs.' },
  { value: 'incremental', label: 'Only issues changed since a time', description: 'Reads only the issues updated on either side since then: the cost follows the drift, not the project size.' },
];

/**
 * The request to send, or what is missing; fields keep the order of the choices. `since` is the value of
 * a datetime-local input (the browser's time zone), sent as an ISO instant.
 */
export function resyncRequest(
  jql: string,
  selected: ReadonlySet<string>,
  choices: readonly FieldChoice[],
  direction: ResyncDirection | null,
  mode: ResyncMode = 'full',
  since = '',
): { request: ResyncRequest } | { problem: string } {
  const fields = choices.map((c) => c.value).filter((v) => selected.has(v));
  if (fields.length === 0) return { problem: 'Choose at least one field to resync.' };
  if (direction === null) return { problem: 'Choose which side’s values win.' };
  if (mode === 'full') return { request: { jql: jql.trim(), fields, direction } };
  const at = since.trim() ? new Date(since) : undefined;
  if (!at || Number.isNaN(at.getTime())) return { problem: 'Choose the time to resync changes from.' };
  return { request: { jql: jql.trim(), fields, direction, mode, since: at.toISOString() } };
}
