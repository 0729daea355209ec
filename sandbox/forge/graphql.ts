/**
 * The few Atlassian GraphQL operations @forge/api's webTrigger calls (create, list, delete URL),
 * recognised by their field names; anything else answers with a GraphQL error, as the gateway would.
 */
import { z } from 'zod';
import type { WebTriggerRegistry } from './webtriggers';

const GraphqlBody = z.object({ query: z.string(), variables: z.record(z.string(), z.unknown()).optional() });
const CreateInput = z.object({ input: z.object({ appId: z.string(), envId: z.string(), triggerKey: z.string(), contextId: z.string() }) }).passthrough();

const ok = (data: unknown): Response => new Response(JSON.stringify({ data }), { status: 200, headers: { 'content-type': 'application/json' } });
const fail = (message: string): Response => new Response(JSON.stringify({ data: null, errors: [{ message }] }), { status: 200, headers: { 'content-type': 'application/json' } });

export interface GraphqlInstallation {
  name: string;
  contextAri: string;
  webTriggerKeys: string[];
}

export function serveGraphql(body: unknown, installation: GraphqlInstallation, registry: WebTriggerRegistry): Response {
  const parsed = GraphqlBody.safeParse(body);
  if (!parsed.success) return new Response(JSON.stringify({ errors: [{ message: 'Expected { query, variables }' }] }), { status: 400 });
  const { query, variables = {} } = parsed.data;
  if (query.includes('createWebTriggerUrl')) {
    const vars = CreateInput.safeParse(variables);
    if (!vars.success) return fail('createWebTriggerUrl: invalid input');
    const { triggerKey, contextId } = vars.data.input;
    if (contextId !== installation.contextAri) return fail(`createWebTriggerUrl: context ${contextId} is not this installation's`);
    if (!installation.webTriggerKeys.includes(triggerKey)) return fail(`createWebTriggerUrl: no webtrigger module '${triggerKey}' in manifest.yml`);
    return ok({ createWebTriggerUrl: { url: registry.urlFor({ installation: installation.name, moduleKey: triggerKey }) } });
  }
  if (query.includes('webTriggerUrlsByAppContext')) {
    for (const key of installation.webTriggerKeys) registry.idFor({ installation: installation.name, moduleKey: key });
    return ok({ webTriggerUrlsByAppContext: registry.list(installation.name).map((u) => ({ triggerKey: u.moduleKey, url: u.url })) });
  }
  if (query.includes('deleteWebTriggerUrl')) {
    // URLs here are derived, not stored, so deleting one cannot revoke it; say so rather than pretend.
    return ok({ deleteWebTriggerUrl: { success: false, message: 'The sandbox cannot revoke web trigger URLs' } });
  }
  return fail('Operation not served by the sandbox gateway');
}
