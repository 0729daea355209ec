/**
 * A first configuration for a new sync, suggested from what both projects have: issue types, statuses
 * and custom fields matched by name (a type only one side has becomes a Task on the other) (custom fields also by type), every system field both ways, status
 * categories bridging statuses whose names differ (every status of either side gets an entry, so changes map both ways). The admin reviews it; nothing here is hidden magic.
 */
import { SYSTEM_FIELDS, SyncConfig, type CUSTOM_TYPES, type FieldMapping, type SyncConfigInput } from './schema';

export interface ProjectMeta {
  projectKey: string;
  issueTypes: Array<{ id: string; name: string }>;
  /** Statuses with their category key (new, indeterminate, done). */
  statuses: Array<{ id: string; name: string; category: string }>;
  /** Custom fields with Jira's type key (the part after customfieldtypes:). */
  customFields: Array<{ id: string; name: string; jiraType: string }>;
}

export const CUSTOM_TYPE_OF: Record<string, (typeof CUSTOM_TYPES)[number]> = {
  textfield: 'text', textarea: 'paragraph', float: 'number', datepicker: 'date', datetime: 'datetime',
  select: 'select', multiselect: 'multiselect', userpicker: 'user', labels: 'labels', url: 'url',
};

const norm = (s: string) => s.trim().toLowerCase();

export function suggestConfig(local: ProjectMeta, partner: ProjectMeta, partnerSite: string): SyncConfig {
  const issueTypes = local.issueTypes.flatMap((t) => {
    const p = partner.issueTypes.find((x) => norm(x.name) === norm(t.name));
    return p ? [{ local: t, partner: p }] : [];
  });
  // A type only one side has travels as a Task (when the other side has one), both ways: the partner
  // suggests the mirror of this, so either side can create the other's issues.
  const localTask = local.issueTypes.find((t) => norm(t.name) === 'task');
  const partnerTask = partner.issueTypes.find((t) => norm(t.name) === 'task');
  const unmatched = <T extends { name: string }>(mine: T[], theirs: T[]) => mine.filter((t) => !theirs.some((x) => norm(x.name) === norm(t.name)));
  if (partnerTask) for (const t of unmatched(local.issueTypes, partner.issueTypes)) issueTypes.push({ local: t, partner: partnerTask });
  if (localTask) for (const t of unmatched(partner.issueTypes, local.issueTypes)) issueTypes.push({ local: localTask, partner: t });
  const fields: FieldMapping[] = SYSTEM_FIELDS.map((field) => ({ kind: 'system', field, direction: 'both', valueMap: [], default: null, createMissing: false }));
  for (const cf of local.customFields) {
    const type = CUSTOM_TYPE_OF[cf.jiraType];
    const p = partner.customFields.find((x) => norm(x.name) === norm(cf.name) && x.jiraType === cf.jiraType);
    if (type && p) fields.push({ kind: 'custom', type, local: { id: cf.id, name: cf.name }, partner: { id: p.id, name: p.name }, direction: 'both', valueMap: [], default: null });
  }
  const statuses = local.statuses.flatMap((s) => {
    // Same name first; else the partner's first status of the same category (e.g. Resolved ↔ Done).
    const p = partner.statuses.find((x) => norm(x.name) === norm(s.name)) ?? partner.statuses.find((x) => x.category === s.category);
    return p ? [{ local: { id: s.id, name: s.name }, partner: { id: p.id, name: p.name } }] : [];
  });
  // Incoming statuses are looked up by the partner's status: one no entry names would leave this side where it is.
  for (const p of partner.statuses) {
    if (statuses.some((m) => m.partner.id === p.id)) continue;
    const s = local.statuses.find((x) => norm(x.name) === norm(p.name)) ?? local.statuses.find((x) => x.category === p.category);
    if (s) statuses.push({ local: { id: s.id, name: s.name }, partner: { id: p.id, name: p.name } });
  }
  const input: SyncConfigInput = {
    version: 1,
    local: { projectKey: local.projectKey },
    partner: { site: partnerSite, projectKey: partner.projectKey },
    issueTypes,
    fields,
    statuses,
  };
  return SyncConfig.parse(input);
}
