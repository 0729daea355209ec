/** Metadata reads through the per-site cache: one request per site per ten minutes instead of one per message. */
import type { JiraTransport } from '../ports/jira';
import { findUserByEmail, linkTypes, myAccountId, searchWorkflows, type LinkType, type WorkflowGraph } from './client';
import { metaCache } from './meta-cache';

export const userByEmail = (jira: JiraTransport, email: string): Promise<string | null> =>
  metaCache.get(jira, 'user-by-email', email.toLowerCase(), () => findUserByEmail(jira, email));

/** The app's own account on the transport's site: what its comments and uploads are attributed to. */
export const ownAccountId = (jira: JiraTransport): Promise<string> => metaCache.get(jira, 'myself', '*', () => myAccountId(jira));

export const workflows = (jira: JiraTransport): Promise<WorkflowGraph[]> => metaCache.get(jira, 'workflows', '*', () => searchWorkflows(jira));

/** A transition the cached workflows promised was refused: read them again next time. */
export const forgetWorkflows = (jira: JiraTransport): void => metaCache.invalidate(jira, 'workflows');

/** One link type by name, or undefined when the site has none of that name. */
export const linkType = async (jira: JiraTransport, name: string): Promise<LinkType | undefined> =>
  (await metaCache.get(jira, 'link-types', '*', () => linkTypes(jira))).find((t) => t.name === name);
