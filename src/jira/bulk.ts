/**
 * Bulk reads for jobs that walk a whole project (pairing, resync, reconciliation): JQL pages with
 * `nextPageToken`, and `issue/bulkfetch` of up to 100 issues. One request per call, like client.ts.
 */
import { z } from 'zod';
import type { JiraTransport } from '../ports/jira';
import { IssueBean } from './client';
import { JiraError } from './errors';
import { route } from './route';

/** Jira's page limits: 5,000 when only id and key are asked for, 100 otherwise; bulkfetch takes 100. */
export const ID_PAGE = 5000;
export const FIELD_PAGE = 100;
export const BULK_FETCH = 100;

const SearchPage = z.object({ issues: z.array(IssueBean), nextPageToken: z.string().optional() });
const BulkFetch = z.object({ issues: z.array(IssueBean), issueErrors: z.array(z.unknown()).optional() });

/** A JSON POST; a refusal becomes a JiraError carrying Jira's messages, Retry-After and RateLimit-Reason. */
export async function post(jira: JiraTransport, path: ReturnType<typeof route>, body: unknown): Promise<unknown> {
  const res = await jira.requestJira(path, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) {
    let messages: string[] = [];
    try { messages = z.object({ errorMessages: z.array(z.string()) }).parse(JSON.parse(await res.text())).errorMessages; } catch { /* no readable body */ }
    const retry = Number(res.headers.get('retry-after'));
    throw new JiraError(res.status, messages, {}, Number.isFinite(retry) && retry > 0 ? retry : undefined, res.headers.get('ratelimit-reason') ?? undefined);
  }
  return res.json();
}

/** One page of a JQL search; `fields` empty asks for ids and keys only (the 5,000-per-page kind). */
export async function searchPage(jira: JiraTransport, jql: string, fields: readonly string[], nextPageToken?: string, maxResults?: number): Promise<{ issues: IssueBean[]; nextPageToken?: string }> {
  const idOnly = fields.length === 0;
  const body = { jql, fields: idOnly ? ['id', 'key'] : [...fields], maxResults: maxResults ?? (idOnly ? ID_PAGE : FIELD_PAGE), ...(nextPageToken ? { nextPageToken } : {}) };
  const parsed = SearchPage.parse(await post(jira, route`/rest/api/3/search/jql`, body));
  return parsed.nextPageToken ? { issues: parsed.issues, nextPageToken: parsed.nextPageToken } : { issues: parsed.issues };
}

const PropertyPage = z.object({
  issues: z.array(z.object({ id: z.string(), key: z.string(), properties: z.record(z.string(), z.unknown()).optional() })),
  nextPageToken: z.string().optional(),
});

/** One page of a JQL search as ids and keys, each with the value of one issue property (undefined when unset). */
export async function searchWithProperty(jira: JiraTransport, jql: string, property: string, nextPageToken?: string): Promise<{ issues: Array<{ id: string; key: string; value: unknown }>; nextPageToken?: string }> {
  const body = { jql, fields: ['id', 'key'], properties: [property], maxResults: FIELD_PAGE, ...(nextPageToken ? { nextPageToken } : {}) };
  const parsed = PropertyPage.parse(await post(jira, route`/rest/api/3/search/jql`, body));
  const issues = parsed.issues.map((i) => ({ id: i.id, key: i.key, value: i.properties?.[property] }));
  return parsed.nextPageToken ? { issues, nextPageToken: parsed.nextPageToken } : { issues };
}

/** How many issues the JQL matches, by Jira's estimate: one request and one point, however many match. */
export async function countIssues(jira: JiraTransport, jql: string): Promise<number> {
  return z.object({ count: z.number().int().nonnegative() }).parse(await post(jira, route`/rest/api/3/search/approximate-count`, { jql })).count;
}

/** Every issue the JQL matches, as id and key (and one field when asked): ⌈n / 5,000⌉ requests, or ⌈n / 100⌉ with a field. */
export async function allIssues(jira: JiraTransport, jql: string, field?: string): Promise<IssueBean[]> {
  const out: IssueBean[] = [];
  let token: string | undefined;
  do {
    const page = await searchPage(jira, jql, field ? [field] : [], token);
    out.push(...page.issues);
    token = page.nextPageToken;
  } while (token);
  return out;
}

/** The issues with these ids (any order back), with the fields asked for; missing or hidden ones are left out. */
export async function bulkFetch(jira: JiraTransport, ids: readonly string[], fields: readonly string[]): Promise<IssueBean[]> {
  const out: IssueBean[] = [];
  for (let i = 0; i < ids.length; i += BULK_FETCH) {
    const chunk = ids.slice(i, i + BULK_FETCH);
    out.push(...BulkFetch.parse(await post(jira, route`/rest/api/3/issue/bulkfetch`, { issueIdsOrKeys: chunk, fields: [...fields] })).issues);
  }
  return out;
}

/** The JQL that selects a sync's issues on one side: its project, its filter, and optionally more. */
export function syncJql(projectKey: string, ...filters: readonly string[]): string {
  const unbalanced = filters.find((f) => !balanced(f));
  // `x) OR (project = OTHER` would step out of its parentheses and widen the search past the project.
  if (unbalanced !== undefined) throw new RangeError(`The JQL filter "${unbalanced.slice(0, 200)}" has unbalanced parentheses.`);
  const extra = filters.map((f) => f.trim()).filter(Boolean).map((f) => ` AND (${f})`).join('');
  return `project = "${projectKey}"${extra}`;
}

/** Whether a JQL text's parentheses pair up, outside quoted strings. */
export function balanced(jql: string): boolean {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < jql.length; i++) {
    const c = jql[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth < 0) return false;
  }
  return depth === 0 && quote === undefined;
}
