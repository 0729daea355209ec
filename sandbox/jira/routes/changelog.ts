/** Changelogs: one issue's history with paging, and bulk fetch across issues with a page token. */
import type { Router } from '../http/router';
import { ok } from '../http/context';
import { badRequest } from '../http/errors';
import { requireIssue } from '../issues/edit';
import { renderHistory } from '../render/issue';
import { JiraHttpError } from '../http/errors';
import { isRecord } from '../http/json';

export const CHANGELOG_BULK_ISSUE_LIMIT = 1000;

export function registerChangelogRoutes(router: Router): void {
  router.on('GET', '/rest/api/3/issue/{issueIdOrKey}/changelog', ({ site, caller, params, query }) => {
    const issue = requireIssue(site, caller, params['issueIdOrKey']!);
    const startAt = Math.max(0, Number(query.get('startAt') ?? 0));
    const maxResults = Math.min(Math.max(1, Number(query.get('maxResults') ?? 100)), 100);
    const values = issue.changelog.slice(startAt, startAt + maxResults).map((h) => renderHistory(site, h));
    const isLast = startAt + values.length >= issue.changelog.length;
    const self = (at: number): string => `${site.baseUrl}/rest/api/3/issue/${issue.key}/changelog?maxResults=${maxResults}&startAt=${at}`;
    return ok({ self: self(startAt), ...(isLast ? {} : { nextPage: self(startAt + maxResults) }), maxResults, startAt, total: issue.changelog.length, isLast, values }, values.length);
  });

  router.on('POST', '/rest/api/3/changelog/bulkfetch', async ({ site, caller, json }) => {
    const body = await json();
    if (!isRecord(body) || !Array.isArray(body['issueIdsOrKeys']) || body['issueIdsOrKeys'].length === 0) throw badRequest('issueIdsOrKeys must contain at least one issue id or key.');
    const refs = body['issueIdsOrKeys'].map(String);
    if (refs.length > CHANGELOG_BULK_ISSUE_LIMIT) throw badRequest(`issueIdsOrKeys must not contain more than ${CHANGELOG_BULK_ISSUE_LIMIT} items.`);
    const fieldIds = Array.isArray(body['fieldIds']) ? new Set(body['fieldIds'].map(String)) : undefined;
    if (fieldIds && fieldIds.size > 10) throw badRequest('fieldIds must not contain more than 10 items.');
    const maxResults = Math.min(Math.max(1, Number(body['maxResults'] ?? 1000)), 10_000);
    let offset = 0;
    if (typeof body['nextPageToken'] === 'string') {
      offset = Number(Buffer.from(body['nextPageToken'], 'base64url').toString('utf8'));
      if (!Number.isInteger(offset) || offset < 0) throw new JiraHttpError(400, ['The nextPageToken is invalid.']);
    }
    const issues = refs.flatMap((ref) => { try { return [requireIssue(site, caller, ref)]; } catch { return []; } });
    const all = issues.flatMap((issue) => issue.changelog
      .map((h) => ({ issueId: issue.id, history: fieldIds ? { ...h, items: h.items.filter((i) => fieldIds.has(i.fieldId)) } : h }))
      .filter((e) => e.history.items.length > 0));
    const pageItems = all.slice(offset, offset + maxResults);
    const grouped = new Map<string, Record<string, unknown>[]>();
    for (const e of pageItems) grouped.set(e.issueId, [...(grouped.get(e.issueId) ?? []), renderHistory(site, e.history)]);
    const next = offset + pageItems.length < all.length ? Buffer.from(String(offset + pageItems.length)).toString('base64url') : undefined;
    return ok({ issueChangeLogs: [...grouped].map(([issueId, changeHistories]) => ({ issueId, changeHistories })), ...(next ? { nextPageToken: next } : {}) }, pageItems.length);
  });
}
