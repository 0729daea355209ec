/**
 * Both projects' mapping catalogs for the configuration editor. Same-site, the partner project is read
 * here; cross-site, the partner installation is asked over the signed partner channel (`catalog`) and
 * answers with its own project's catalog, read as its app. The answer is parsed before use.
 */
import { z } from 'zod';
import { ProjectCatalog } from '../../domain/config/catalog';
import { Channel } from '../../domain/connections/messages';
import { CONNECTION_ID } from '../../domain/connections/keys';
import { describeIssues } from '../../domain/notices';
import type { ClaimStore } from '../../ports/claims';
import { authenticate, isRefusal, reader, signedHeaders } from '../partner-channel';
import { readProjectCatalog } from '../../jira/catalog';
import type { SyncDeps } from './deps';
import type { PartnerRequest } from './receive';

export type CatalogDeps = Pick<SyncDeps, 'connections' | 'jira' | 'partner' | 'now'>;

const CatalogRequest = z.object({ v: z.literal(1), connectionId: z.string().regex(CONNECTION_ID) });
const readCatalogRequest = reader(CatalogRequest, 'catalog request');

/** This side's project catalog. */
export async function localCatalog(deps: CatalogDeps, projectKey: string): Promise<ProjectCatalog> {
  return readProjectCatalog(deps.jira, projectKey, 'same');
}

/** The partner project's catalog, or the reason it could not be had. */
export async function partnerCatalog(deps: CatalogDeps, connectionId: string): Promise<{ catalog: ProjectCatalog } | { error: string }> {
  const summary = await deps.connections.get(connectionId);
  if (!summary) return { error: 'The sync no longer exists.' };
  const [url, key, partnerId] = await Promise.all([
    deps.connections.partnerInboxUrl(connectionId), deps.connections.signingKey(connectionId), deps.connections.partnerConnectionId(connectionId),
  ]);
  if (url === null) {
    try {
      return { catalog: await readProjectCatalog(deps.jira, summary.partnerProject, 'same') };
    } catch (error) {
      return { error: `Project ${summary.partnerProject} could not be read (${error instanceof Error ? error.message : String(error)}).` };
    }
  }
  if (!url || !key || !partnerId) return { error: 'The sync is not linked to a partner site yet: the invitation has not been accepted.' };
  const text = JSON.stringify({ v: 1, connectionId: partnerId } satisfies z.infer<typeof CatalogRequest>);
  try {
    const reply = await deps.partner.post(url, text, signedHeaders(key, partnerId, text, deps.now(), Channel.catalog));
    if (reply.status !== 200) return { error: `The partner site answered HTTP ${reply.status}.` };
    const parsed = ProjectCatalog.safeParse(JSON.parse(reply.body));
    if (!parsed.success) return { error: `The partner site's catalog is unreadable: ${describeIssues(parsed.error)}.` };
    // The partner knows itself as `same`; here it is the site this connection names.
    return { catalog: { ...parsed.data, site: summary.partnerSite } };
  } catch (error) {
    return { error: `The partner site could not be reached (${error instanceof Error ? error.message : String(error)}).` };
  }
}

export type CatalogAnswer = { status: number; body: ProjectCatalog | { error: string } };

/** The partner asks for this side's catalog: authenticated like every partner request, answered read-only. */
export async function answerCatalogRequest(deps: CatalogDeps & { claims: ClaimStore }, req: PartnerRequest): Promise<CatalogAnswer> {
  const signed = await authenticate(deps, req, readCatalogRequest);
  if (isRefusal(signed)) return signed;
  const { connectionId } = signed;
  const summary = await deps.connections.get(connectionId);
  if (!summary) return { status: 404, body: { error: 'No such connection here.' } };
  return { status: 200, body: await localCatalog(deps, summary.localProjectKey) };
}
