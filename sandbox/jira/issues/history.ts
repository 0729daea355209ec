/** Changelog entries, written for every change as Jira writes them. */
import type { Site } from '../model/site';
import type { ChangeItem, IssueRecord, StoredValue } from '../model/types';
import { describeValue } from '../fields/output';
import { fieldCatalog } from '../fields/catalog';

const SYSTEM_CHANGELOG_NAMES: Record<string, string> = {
  components: 'Component', fixVersions: 'Fix Version', versions: 'Version', issuetype: 'issuetype', duedate: 'duedate', parent: 'IssueParentAssociation',
};

/** One changelog item for a field whose stored value went from `before` to `after`. */
export function changeItem(site: Site, fieldId: string, before: StoredValue | undefined, after: StoredValue | undefined): ChangeItem {
  const cf = site.customFields.get(fieldId);
  const from = describeValue(site, fieldId, before);
  const to = describeValue(site, fieldId, after);
  const name = cf?.name ?? SYSTEM_CHANGELOG_NAMES[fieldId] ?? fieldCatalog(site).find((f) => f.id === fieldId)?.id ?? fieldId;
  return { field: name, fieldtype: cf ? 'custom' : 'jira', fieldId, from: from.id, fromString: from.text, to: to.id, toString: to.text };
}

/** Appends a history entry and bumps `updated`; returns the entry id, or null when there was nothing to record. */
export function recordHistory(site: Site, issue: IssueRecord, authorId: string, items: ChangeItem[]): { id: string; items: ChangeItem[] } | null {
  if (items.length === 0) return null;
  const id = site.allocateId();
  const now = site.now();
  issue.changelog.push({ id, authorId, created: now, items });
  issue.updated = now;
  return { id, items };
}

/** Structural equality of stored values (ADF documents compare by content). */
export function sameValue(a: StoredValue | undefined, b: StoredValue | undefined): boolean {
  const norm = (v: StoredValue | undefined): string => JSON.stringify(v === undefined || (Array.isArray(v) && v.length === 0) ? null : v);
  return norm(a) === norm(b);
}
