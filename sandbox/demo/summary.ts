/** Tallies what a seeded project holds, read back through JQL search so it reports what Jira would answer. */
import type { SeedClient } from './client';

/** What one seeded project holds. Everything here is deterministic for a given seed. */
export interface SeedSummary {
  site: string;
  projectKey: string;
  issues: number;
  /** First and last key created by the seed. */
  firstKey: string;
  lastKey: string;
  byType: Record<string, number>;
  byStatus: Record<string, number>;
  byPriority: Record<string, number>;
  /** By display name; `Unassigned` for none. */
  byAssignee: Record<string, number>;
  byComponent: Record<string, number>;
  byFixVersion: Record<string, number>;
  byLabel: Record<string, number>;
  comments: number;
  attachments: number;
  /** Distinct issue links between the project's issues. */
  links: number;
  transitions: number;
  edits: number;
  /** REST requests the seed sent for this project. */
  requests: number;
}

interface SearchPage {
  issues: { key: string; fields: Record<string, any> }[];
  nextPageToken?: string;
}

const FIELDS = ['issuetype', 'status', 'priority', 'assignee', 'labels', 'components', 'fixVersions', 'comment', 'attachment', 'issuelinks'];

/** Most frequent first, then by name, so summaries read well and compare equal across runs. */
function sorted(counts: Map<string, number>): Record<string, number> {
  return Object.fromEntries([...counts].sort(([a, x], [b, y]) => y - x || a.localeCompare(b)));
}

/** The counts read back from search; the seeder adds keys and its own counters. */
export type Tally = Omit<SeedSummary, 'site' | 'projectKey' | 'firstKey' | 'lastKey' | 'transitions' | 'edits' | 'requests'>;

/** Reads every issue of the project with JQL search (paged by nextPageToken) and counts them. */
export async function tallyProject(client: SeedClient, projectKey: string): Promise<Tally> {
  const maps = { byType: new Map<string, number>(), byStatus: new Map<string, number>(), byPriority: new Map<string, number>(), byAssignee: new Map<string, number>(), byComponent: new Map<string, number>(), byFixVersion: new Map<string, number>(), byLabel: new Map<string, number>() };
  const bump = (m: Map<string, number>, k: string): void => { m.set(k, (m.get(k) ?? 0) + 1); };
  const linkIds = new Set<string>();
  let issues = 0;
  let comments = 0;
  let attachments = 0;
  let token: string | undefined;
  do {
    const page: SearchPage = (await client.json<SearchPage>('ada', 'POST', '/rest/api/3/search/jql', { jql: `project = ${projectKey} ORDER BY key ASC`, fields: FIELDS, maxResults: 100, ...(token ? { nextPageToken: token } : {}) })).body;
    for (const { fields: f } of page.issues) {
      issues++;
      bump(maps.byType, f['issuetype']?.name ?? '?');
      bump(maps.byStatus, f['status']?.name ?? '?');
      bump(maps.byPriority, f['priority']?.name ?? 'None');
      bump(maps.byAssignee, f['assignee']?.displayName ?? 'Unassigned');
      for (const c of f['components'] ?? []) bump(maps.byComponent, c.name);
      for (const v of f['fixVersions'] ?? []) bump(maps.byFixVersion, v.name);
      for (const l of f['labels'] ?? []) bump(maps.byLabel, l);
      comments += f['comment']?.total ?? 0;
      attachments += (f['attachment'] ?? []).length;
      for (const link of f['issuelinks'] ?? []) linkIds.add(link.id);
    }
    token = page.nextPageToken;
  } while (token);
  return {
    issues, comments, attachments, links: linkIds.size,
    byType: sorted(maps.byType), byStatus: sorted(maps.byStatus), byPriority: sorted(maps.byPriority), byAssignee: sorted(maps.byAssignee),
    byComponent: sorted(maps.byComponent), byFixVersion: sorted(maps.byFixVersion), byLabel: sorted(maps.byLabel),
  };
}
