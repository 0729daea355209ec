/** Issues put straight into an emulated site's store, without product events, and pairs put straight into both sides' stores: set-up for benchmarks and bulk tests. */
import { kvsPairs } from '../../src/forge/adapters/kvs-pairs';
import type { Pair } from '../../src/ports/pairs';
import { prepareIssue } from '../../sandbox/jira/issues/create';
import type { Site } from '../../sandbox/jira/model/site';
import { PEOPLE } from '../../sandbox/jira/sites';
import type { SyncHarness } from './sync';

export interface SeededIssue { id: string; key: string }

/** `n` issues in a project as ada made them, with `fields(i)` added to a Task's summary; no sync sees them. */
export function seedIssues(site: Site, projectKey: string, n: number, fields: (i: number) => Record<string, unknown> = (i) => ({ summary: `Seeded ${i + 1}` })): SeededIssue[] {
  const ada = site.users.get(PEOPLE.ada.accountId)!;
  const project = site.projectByKey(projectKey)!;
  const out: SeededIssue[] = [];
  for (let i = 0; i < n; i++) {
    const issue = prepareIssue(site, ada, { fields: { project: { key: projectKey }, issuetype: { name: 'Task' }, ...fields(i) } });
    issue.key = `${projectKey}-${project.nextIssueNumber++}`;
    site.issues.set(issue.id, issue);
    site.issueIdByKey.set(issue.key, issue.id);
    out.push({ id: issue.id, key: issue.key });
  }
  return out;
}

/** Pairs `a[i]` (on site `siteA`) with `b[i]` (on `siteB`) in both sides' pair stores of one connection id. */
export async function pairSeeded(h: SyncHarness, connectionId: string, siteA: string, a: readonly SeededIssue[], siteB: string, b: readonly SeededIssue[]): Promise<void> {
  const at = new Date(h.clock.now()).toISOString();
  const pair = (local: SeededIssue, partner: SeededIssue): Pair => ({
    connectionId, localIssueId: local.id, localIssueKey: local.key, partnerIssueId: partner.id, partnerIssueKey: partner.key,
    firstSyncAt: at, lastSentAt: null, lastReceivedAt: null, lastError: null, status: 'active',
  });
  const put = async (site: string, pairs: Pair[]) => h.runtime.runAs(site, async () => { for (let i = 0; i < pairs.length; i += 1000) await kvsPairs.putMany(pairs.slice(i, i + 1000)); });
  await put(siteA, a.map((x, i) => pair(x, b[i]!)));
  await put(siteB, b.map((x, i) => pair(x, a[i]!)));
}
