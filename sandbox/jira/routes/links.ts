/** Issue links between issues of one site. */
import type { Router } from '../http/router';
import { noContent, ok } from '../http/context';
import { JiraHttpError, badRequest, notFound } from '../http/errors';
import { requireIssue } from '../issues/edit';
import { recordHistory } from '../issues/history';
import { renderIssueRef } from '../render/issue';
import { renderLinkType } from '../render/meta';
import { JiraEventType } from '../events';
import type { Site } from '../model/site';
import type { LinkRecord, UserRecord } from '../model/types';
import { isRecord } from '../http/json';

const ref = (v: unknown): string | undefined => (isRecord(v) ? (typeof v['key'] === 'string' ? v['key'] : typeof v['id'] === 'string' || typeof v['id'] === 'number' ? String(v['id']) : undefined) : undefined);

function linkEvent(site: Site, link: LinkRecord): Record<string, unknown> {
  const type = site.linkTypes.get(link.typeId)!;
  return {
    issueLink: {
      id: link.id,
      sourceIssueId: link.inwardIssueId,
      destinationIssueId: link.outwardIssueId,
      issueLinkType: { id: type.id, name: type.name, outwardName: type.outward, inwardName: type.inward, isSubTaskLinkType: false, isSystemLinkType: false },
      systemLink: false,
    },
  };
}

function requireLink(site: Site, caller: UserRecord, id: string): LinkRecord {
  const link = site.links.get(id);
  if (!link) throw notFound(`No issue link with id '${id}' exists.`);
  requireIssue(site, caller, link.inwardIssueId);
  requireIssue(site, caller, link.outwardIssueId);
  return link;
}

/** Jira notes a link in both issues' history (field "Link", e.g. "This issue relates to SUP-2"), which moves their `updated`. */
function linkHistory(site: Site, authorId: string, link: LinkRecord, change: 'created' | 'deleted'): void {
  const type = site.linkTypes.get(link.typeId);
  for (const [here, there, phrase] of [[link.inwardIssueId, link.outwardIssueId, type?.outward], [link.outwardIssueId, link.inwardIssueId, type?.inward]] as const) {
    const issue = site.issues.get(here);
    const other = site.issues.get(there);
    if (!issue || !other) continue;
    const text = `This issue ${phrase ?? 'links to'} ${other.key}`;
    recordHistory(site, issue, authorId, [{ field: 'Link', fieldtype: 'jira', fieldId: 'issuelinks', from: change === 'deleted' ? other.key : null, fromString: change === 'deleted' ? text : null, to: change === 'created' ? other.key : null, toString: change === 'created' ? text : null }]);
  }
}

export function registerLinkRoutes(router: Router): void {
  router.on('POST', '/rest/api/3/issueLink', async ({ site, caller, json }) => {
    const body = await json();
    if (!isRecord(body)) throw badRequest('Request body is required.');
    const typeRef = isRecord(body['type']) ? body['type'] : {};
    const type = [...site.linkTypes.values()].find((t) => t.id === String(typeRef['id'] ?? '') || t.name.toLowerCase() === String(typeRef['name'] ?? '').toLowerCase());
    if (!type) throw new JiraHttpError(404, [`No issue link type with name '${String(typeRef['name'] ?? typeRef['id'] ?? '')}' found.`]);
    const inRef = ref(body['inwardIssue']);
    const outRef = ref(body['outwardIssue']);
    if (!inRef || !outRef) throw badRequest('Both inwardIssue and outwardIssue are required.');
    const inward = requireIssue(site, caller, inRef, 'LINK_ISSUES');
    const outward = requireIssue(site, caller, outRef);
    if (inward.id === outward.id) throw badRequest('You cannot link an issue to itself.');
    const existing = [...site.links.values()].find((l) => l.typeId === type.id && l.inwardIssueId === inward.id && l.outwardIssueId === outward.id);
    const link = existing ?? { id: site.allocateId(), typeId: type.id, inwardIssueId: inward.id, outwardIssueId: outward.id };
    if (!existing) {
      site.links.set(link.id, link);
      linkHistory(site, caller.accountId, link, 'created');
      site.events.publish(JiraEventType.issueLinkCreated, caller.accountId, linkEvent(site, link));
    }
    return { status: 201, headers: { Location: `${site.baseUrl}/rest/api/3/issueLink/${link.id}` }, writes: [inward.id, outward.id], objects: 0 };
  });

  router.on('GET', '/rest/api/3/issueLink/{linkId}', ({ site, caller, params }) => {
    const link = requireLink(site, caller, params['linkId']!);
    return ok({
      id: link.id,
      self: `${site.baseUrl}/rest/api/3/issueLink/${link.id}`,
      type: renderLinkType(site, site.linkTypes.get(link.typeId)!),
      inwardIssue: renderIssueRef(site, site.issues.get(link.inwardIssueId)!),
      outwardIssue: renderIssueRef(site, site.issues.get(link.outwardIssueId)!),
    });
  });

  router.on('DELETE', '/rest/api/3/issueLink/{linkId}', ({ site, caller, params }) => {
    const link = requireLink(site, caller, params['linkId']!);
    requireIssue(site, caller, link.inwardIssueId, 'LINK_ISSUES');
    site.links.delete(link.id);
    linkHistory(site, caller.accountId, link, 'deleted');
    site.events.publish(JiraEventType.issueLinkDeleted, caller.accountId, linkEvent(site, link));
    return { ...noContent(), writes: [link.inwardIssueId, link.outwardIssueId] };
  });
}
