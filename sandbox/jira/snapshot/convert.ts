/** Between a live `Site` and its snapshot: Sets and Maps to arrays and back, bytes to base64 and back. */
import type { Site } from '../model/site';
import type { SiteSnapshot } from './schema';

/** A deep, JSON-serializable copy of the site's state; later changes to the site do not reach it. */
export function siteToSnapshot(site: Site): SiteSnapshot {
  const snapshot: SiteSnapshot = {
    name: site.name,
    counters: site.counters(),
    users: [...site.users.values()],
    statuses: [...site.statuses.values()],
    workflows: [...site.workflows.values()],
    issueTypes: [...site.issueTypes.values()],
    priorities: [...site.priorities.values()],
    linkTypes: [...site.linkTypes.values()],
    customFields: [...site.customFields.values()],
    projects: [...site.projects.values()].map((p) => ({ ...p, members: p.members === 'everyone' ? 'everyone' : [...p.members], admins: [...p.admins] })),
    components: [...site.components.values()],
    versions: [...site.versions.values()],
    issues: [...site.issues.values()].map((i) => ({ ...i, properties: [...i.properties] })),
    comments: [...site.comments.values()],
    attachments: [...site.attachments.values()].map((a) => ({ ...a, content: Buffer.from(a.content.buffer, a.content.byteOffset, a.content.byteLength).toString('base64') })),
    links: [...site.links.values()],
  };
  return structuredClone(snapshot);
}

function refill<T extends { id: string }>(map: Map<string, T>, rows: readonly T[]): void {
  map.clear();
  for (const row of rows) map.set(row.id, row);
}

/**
 * Replaces everything a freshly added site holds with a validated snapshot's state. Writes the maps directly:
 * no product events fire, as a restore is not a change anyone made.
 */
export function loadSiteSnapshot(site: Site, snapshot: SiteSnapshot): void {
  const s = structuredClone(snapshot);
  site.users.clear();
  for (const u of s.users) site.users.set(u.accountId, u);
  refill(site.statuses, s.statuses);
  refill(site.workflows, s.workflows);
  refill(site.issueTypes, s.issueTypes);
  refill(site.priorities, s.priorities);
  refill(site.linkTypes, s.linkTypes);
  refill(site.customFields, s.customFields);
  refill(site.projects, s.projects.map((p) => ({ ...p, members: p.members === 'everyone' ? 'everyone' : new Set(p.members), admins: new Set(p.admins) })));
  refill(site.components, s.components);
  refill(site.versions, s.versions);
  refill(site.issues, s.issues.map((i) => ({ ...i, properties: new Map(i.properties) })));
  site.issueIdByKey.clear();
  for (const issue of site.issues.values()) site.issueIdByKey.set(issue.key.toUpperCase(), issue.id);
  refill(site.comments, s.comments);
  refill(site.attachments, s.attachments.map((a) => ({ ...a, content: new Uint8Array(Buffer.from(a.content, 'base64')) })));
  refill(site.links, s.links);
  site.restoreCounters(s.counters);
}
