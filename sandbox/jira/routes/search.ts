/** `/rest/api/3/search/jql` (GET and POST): JQL search with `nextPageToken` paging, field selection and expand. */
import type { Router } from '../http/router';
import type { RouteContext, RouteResult } from '../http/context';
import { JiraHttpError, badRequest } from '../http/errors';
import { compileJql, JqlError, parseJql } from '../jql';
import { jqlSchema, jqlView } from './../search/view';
import { parseExpand, parseFieldSelection, renderIssue } from '../render/issue';
import { browsableProjects } from '../permissions';
import { createHash } from 'node:crypto';
import type { IssueRecord } from '../model/types';
import { isRecord } from '../http/json';

interface SearchInput {
  jql: string;
  nextPageToken: string | undefined;
  maxResults: number | undefined;
  fields: string[];
  expand: Set<string>;
  properties: string[];
}

const hashOf = (jql: string): string => createHash('sha256').update(jql).digest('base64url').slice(0, 12);

/** Page tokens carry the offset and a hash of the query, so a token used with another query is refused. */
function decodeToken(token: string, jql: string): number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (isRecord(parsed) && parsed['q'] === hashOf(jql) && typeof parsed['o'] === 'number' && parsed['o'] >= 0) return parsed['o'];
  } catch { /* falls through to the 400 */ }
  throw badRequest('The provided next page token is invalid or expired.');
}

const encodeToken = (offset: number, jql: string): string => Buffer.from(JSON.stringify({ o: offset, q: hashOf(jql) })).toString('base64url');

/** The issues a bounded JQL matches for the caller, in the query's order (or newest first). */
function matching({ site, caller }: RouteContext, jql: string): IssueRecord[] {
  let query;
  try {
    query = parseJql(jql);
  } catch (error) {
    if (error instanceof JqlError) throw new JiraHttpError(400, [error.message]);
    throw error;
  }
  if (query.where === null) throw badRequest('Unbounded JQL queries are not allowed here. Please add a search restriction to your query.');
  let compiled;
  try {
    compiled = compileJql(query, jqlSchema(site), { now: new Date(site.now()), currentUserAccountId: caller.accountId });
  } catch (error) {
    if (error instanceof JqlError) throw new JiraHttpError(400, [error.message]);
    throw error;
  }
  const visible = new Set(browsableProjects(site, caller).map((p) => p.id));
  const { keys, ids } = compiled.restrictions;
  const candidates: IssueRecord[] = keys || ids
    ? [...(keys ?? []).map((k) => site.issue(k)), ...(ids ?? []).map((i) => site.issues.get(i))].filter((i): i is IssueRecord => i !== undefined)
    : [...site.issues.values()];
  const matched = [...new Set(candidates)].filter((issue) => visible.has(issue.projectId) && compiled.matches(jqlView(site, issue)));
  if (compiled.hasOrderBy) {
    const views = new Map(matched.map((i) => [i, jqlView(site, i)]));
    matched.sort((a, b) => compiled.compare(views.get(a)!, views.get(b)!));
  } else {
    matched.sort((a, b) => b.created - a.created || Number(b.id) - Number(a.id));
  }
  return matched;
}

function search(ctx: RouteContext, input: SearchInput): RouteResult {
  const { site } = ctx;
  const matched = matching(ctx, input.jql);
  const selection = parseFieldSelection(input.fields, 'id');
  const idOnly = !selection.all && [...selection.include].every((f) => f === 'id' || f === 'key');
  const limit = idOnly ? 5000 : 100;
  const maxResults = Math.min(Math.max(1, input.maxResults ?? 50), limit);
  const offset = input.nextPageToken ? decodeToken(input.nextPageToken, input.jql) : 0;
  const page = matched.slice(offset, offset + maxResults);
  const issues = page.map((issue) => renderIssue(site, issue, { fields: selection, expand: input.expand, properties: input.properties }));
  const more = offset + page.length < matched.length;
  return {
    status: 200,
    body: { issues, ...(more ? { nextPageToken: encodeToken(offset + page.length, input.jql) } : {}), isLast: !more },
    objects: issues.length,
  };
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v.split(',') : []);

export function registerSearchRoutes(router: Router): void {
  // An estimate on Jira; exact here. It returns no issue objects, so it costs one point.
  router.on('POST', '/rest/api/3/search/approximate-count', async (ctx) => {
    const body = await ctx.json();
    if (!isRecord(body) || typeof body['jql'] !== 'string') throw badRequest('jql: a JQL query is required.');
    return { status: 200, body: { count: matching(ctx, body['jql']).length }, objects: 0 };
  });

  router.on('GET', '/rest/api/3/search/jql', (ctx) => {
    const q = ctx.query;
    const max = q.get('maxResults');
    return search(ctx, {
      jql: q.get('jql') ?? '',
      nextPageToken: q.get('nextPageToken') ?? undefined,
      maxResults: max === null ? undefined : Number(max),
      fields: q.getAll('fields').flatMap((f) => f.split(',')),
      expand: parseExpand(q.get('expand')),
      properties: q.getAll('properties').flatMap((p) => p.split(',')).filter(Boolean),
    });
  });

  router.on('POST', '/rest/api/3/search/jql', async (ctx) => {
    const body = await ctx.json();
    if (!isRecord(body)) throw badRequest('Request body is required.');
    return search(ctx, {
      jql: typeof body['jql'] === 'string' ? body['jql'] : '',
      nextPageToken: typeof body['nextPageToken'] === 'string' ? body['nextPageToken'] : undefined,
      maxResults: typeof body['maxResults'] === 'number' ? body['maxResults'] : undefined,
      fields: list(body['fields']),
      expand: parseExpand(typeof body['expand'] === 'string' ? body['expand'] : list(body['expand'])),
      properties: list(body['properties']),
    });
  });
}
