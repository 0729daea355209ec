/**
 * Both projects' mapping catalogs for the configuration editor. Same-site, the partner project is read
 * here; cross-site, the partner installation is asked over the signed partner channel (`catalog`) and
 * answers with its own project's catalog, read as its app. The answer is parsed before use.
 */
import { z } from 'zod';
import { ProjectCatalog } from '../../domain/config/catalog';
import { CHANNEL_HEADER, Channel, CONNECTION_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../domain/connections/messages';
import { CONNECTION_ID } from '../../domain/connections/keys';
import { describeIssues } from '../../domain/notices';
import { sign, verify } from '../../domain/signing';
import { readProjectCatalog } from '../../jira/catalog';
import type { SyncDeps } from './deps';
import type { PartnerRequest } from './receive';

export type CatalogDeps = Pick<SyncDeps, 'connections' | 'jira' | 'partner' | 'now'>;

const CatalogRequest = z.object({ v: z.literal(1), connectionId: z.string().regex(CONNECTION_ID) });

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
  const timestamp = deps.now();
  try {
    const reply = await deps.partner.post(url, text, {
      'content-type': 'application/json',
      [CHANNEL_HEADER]: Channel.catalog,
      [CONNECTION_HEADER]: partnerId,
      [TIMESTAMP_HEADER]: String(timestamp),
      [SIGNATURE_HEADER]: sign(key, timestamp, text),
    });
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

const UNAUTHENTICATED: CatalogAnswer = { status: 401, body: { error: 'Request not authenticated.' } };

/** The partner asks for this side's catalog: authenticated like every partner request, answered read-only. */
export async function answerCatalogRequest(deps: CatalogDeps, req: PartnerRequest): Promise<CatalogAnswer> {
  if (req.method !== 'POST') return { status: 405, body: { error: 'Only POST is accepted.' } };
  const connectionId = req.header(CONNECTION_HEADER);
  const key = CONNECTION_ID.test(connectionId) ? await deps.connections.signingKey(connectionId) : undefined;
  if (!key || !verify(key, req.header(TIMESTAMP_HEADER), req.body, req.header(SIGNATURE_HEADER), deps.now()).ok) return UNAUTHENTICATED;
  let json: unknown;
  try { json = JSON.parse(req.body); } catch { return { status: 400, body: { error: 'Body is not JSON.' } }; }
  const parsed = CatalogRequest.safeParse(json);
  if (!parsed.success) return { status: 422, body: { error: `Unreadable catalog request: ${describeIssues(parsed.error)}` } };
  if (parsed.data.connectionId !== connectionId) return { status: 422, body: { error: 'connectionId: does not match the signing connection' } };
  const summary = await deps.connections.get(connectionId);
  if (!summary) return { status: 404, body: { error: 'No such connection here.' } };
  return { status: 200, body: await localCatalog(deps, summary.localProjectKey) };
}
