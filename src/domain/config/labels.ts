/**
 * Words the configuration editor and the change log use for config values: field names, directions
 * relative to the partner's name, on/off. Pure, so the UI and the backend's audit log say the same thing.
 */
import type { CUSTOM_TYPES, Direction, SYSTEM_FIELDS } from './schema';

export type SystemFieldKey = (typeof SYSTEM_FIELDS)[number];
export type CustomType = (typeof CUSTOM_TYPES)[number];
export type AnyDirection = Direction | 'none';

const SYSTEM_FIELD_NAMES: Record<SystemFieldKey, string> = {
  summary: 'Summary',
  description: 'Description',
  environment: 'Environment',
  priority: 'Priority',
  labels: 'Labels',
  components: 'Components',
  fixVersions: 'Fix versions',
  versions: 'Affects versions',
  duedate: 'Due date',
  assignee: 'Assignee',
  reporter: 'Reporter',
};

/** The name Jira shows for a system field, e.g. `fixVersions` → "Fix versions". */
export function systemFieldName(field: SystemFieldKey): string {
  return SYSTEM_FIELD_NAMES[field];
}

const CUSTOM_TYPE_NAMES: Record<CustomType, string> = {
  text: 'text', paragraph: 'paragraph', number: 'number', date: 'date', datetime: 'date-time',
  select: 'select list', multiselect: 'multi-select list', user: 'user picker', labels: 'labels', url: 'URL',
};

/** A custom field type in words, e.g. `multiselect` → "multi-select list". */
export function customTypeName(type: CustomType): string {
  return CUSTOM_TYPE_NAMES[type];
}

/** A direction relative to the partner's name: "Both ways", "To DEV only", "From DEV only", "Not synced". */
export function directionLabel(direction: AnyDirection, partnerName: string): string {
  switch (direction) {
    case 'both': return 'Both ways';
    case 'to-partner': return `To ${partnerName} only`;
    case 'from-partner': return `From ${partnerName} only`;
    case 'none': return 'Not synced';
  }
}

/** The choices of a direction picker, in display order; `withNone` for comments, attachments and links. */
export function directionOptions(partnerName: string, withNone = false): Array<{ value: AnyDirection; label: string }> {
  const values: AnyDirection[] = withNone ? ['both', 'to-partner', 'from-partner', 'none'] : ['both', 'to-partner', 'from-partner'];
  return values.map((value) => ({ value, label: directionLabel(value, partnerName) }));
}

export const onOff = (value: boolean): string => (value ? 'on' : 'off');

/** Which catalog list a field's value map names, or null when the field's values are not matched by name. */
export type ValueSource = 'priorities' | 'components' | 'versions' | 'options';

export function valueSourceOf(field: { kind: 'system'; field: SystemFieldKey } | { kind: 'custom'; type: CustomType }): ValueSource | null {
  if (field.kind === 'custom') return field.type === 'select' || field.type === 'multiselect' ? 'options' : null;
  switch (field.field) {
    case 'priority': return 'priorities';
    case 'components': return 'components';
    case 'fixVersions':
    case 'versions': return 'versions';
    default: return null;
  }
}

/** What one value of a source is called in a sentence: "Priority", "Component", "Version", "Option". */
export function valueSourceNoun(source: ValueSource): string {
  return { priorities: 'Priority', components: 'Component', versions: 'Version', options: 'Option' }[source];
}

/** Whether the field may create missing values on the receiving side (components and versions). */
export function canCreateMissing(field: { kind: 'system'; field: SystemFieldKey } | { kind: 'custom' }): boolean {
  return field.kind === 'system' && (field.field === 'components' || field.field === 'fixVersions' || field.field === 'versions');
}

/** A field mapping's display name from this side: a system field's name or the local custom field's name. */
export function fieldMappingName(field: { kind: 'system'; field: SystemFieldKey } | { kind: 'custom'; local: { name: string } }): string {
  return field.kind === 'system' ? systemFieldName(field.field) : field.local.name;
}

/** Bytes as the editor shows sizes: "10 MB" (MiB, up to two decimals). */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : Number(mb.toFixed(2))} MB`;
}
