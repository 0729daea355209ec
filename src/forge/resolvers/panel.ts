/** Resolvers of the Sync info issue panel. Every one starts by checking that the caller may browse the issue. */
// makeResolver, not the default export: Node's ESM loader (the sandbox) does not unwrap CommonJS defaults as bundlers do.
import { makeResolver } from '@forge/resolver';
import { z } from 'zod';
import { badInput, forbidden } from '../../domain/errors';
import { parseIssueKey, type IssueKey } from '../../domain/ids';
import { userHasIssuePermission } from '../../jira/permissions';
import type { JiraTransport } from '../../ports/jira';
import { asUser } from '../adapters/jira-transport';
import { respond } from './respond';

export interface PanelDeps {
  asUser: JiraTransport;
}

const PanelContext = z.object({ extension: z.object({ issue: z.object({ key: z.string() }) }) });

export async function requireBrowsableIssue(deps: PanelDeps, context: unknown): Promise<IssueKey> {
  const parsed = PanelContext.safeParse(context);
  const key = parsed.success ? parseIssueKey(parsed.data.extension.issue.key) : undefined;
  if (!key) throw badInput('Open the Sync info panel from an issue.');
  if (!(await userHasIssuePermission(deps.asUser, key, 'BROWSE_PROJECTS'))) throw forbidden('You do not have permission to see this issue.');
  return key;
}

/** The panel's view of an issue. Pairs are recorded by the sync engine; an issue without any has no syncs. */
export async function getIssueSync(deps: PanelDeps, context: unknown): Promise<{ issue: { key: string }; syncs: never[] }> {
  const key = await requireBrowsableIssue(deps, context);
  return { issue: { key }, syncs: [] };
}

export const panelResolver = makeResolver({
  getIssueSync: ({ context }) => respond(() => getIssueSync({ asUser: asUser() }, context)),
});
