/**
 * The product context Forge gives a Custom UI frame (view.getContext()) and forwards to its resolver:
 * the shape of Forge's FullContext, with the extension context of jira:projectSettingsPage or jira:issuePanel.
 */
import type { Site } from '../../jira/model/site';
import type { IssueRecord, ProjectRecord } from '../../jira/model/types';
import type { ColorMode } from './theme';

export interface ProjectRef {
  id: string;
  key: string;
  type: string;
}

export type ExtensionContext =
  | { type: 'jira:projectSettingsPage'; project: ProjectRef; location: string }
  | {
      type: 'jira:issuePanel';
      issue: { id: string; key: string; type: string; typeId: string };
      project: ProjectRef;
      isNewToIssue: boolean;
      location: string;
    };

/** A type alias, not an interface, so it is assignable to Record<string, unknown>. */
export type ForgeContext = {
  accountId: string;
  cloudId: string;
  siteUrl: string;
  localId: string;
  moduleKey: string;
  environmentType: 'DEVELOPMENT';
  environmentId: string;
  locale: string;
  timezone: string;
  /** The viewer's colour mode on the host page (Forge's `theme`, a partial @atlaskit/tokens ThemeState). */
  theme: { colorMode: ColorMode };
  extension: ExtensionContext;
};

/** Who views which module of which app; the parts of the context that do not depend on the page. */
export interface ContextBase {
  appId: string;
  environmentId: string;
  site: Site;
  moduleKey: string;
  accountId: string;
  /** Light unless the host page says otherwise. */
  colorMode?: ColorMode;
}

export function projectRef(project: ProjectRecord): ProjectRef {
  return { id: project.id, key: project.key, type: project.projectTypeKey };
}

function baseContext(b: ContextBase, extension: ExtensionContext): ForgeContext {
  return {
    accountId: b.accountId,
    cloudId: b.site.cloudId,
    siteUrl: b.site.baseUrl,
    // Forge's localId names the extension: app, environment and module.
    localId: `ari:cloud:ecosystem::extension/${b.appId}/${b.environmentId}/static/${b.moduleKey}`,
    moduleKey: b.moduleKey,
    environmentType: 'DEVELOPMENT',
    environmentId: b.environmentId,
    locale: 'en-US',
    timezone: b.site.users.get(b.accountId)?.timeZone ?? 'UTC',
    theme: { colorMode: b.colorMode ?? 'light' },
    extension,
  };
}

/** Context of a jira:projectSettingsPage frame; `location` is the host page's URL. */
export function projectSettingsContext(b: ContextBase, project: ProjectRecord, location: string): ForgeContext {
  return baseContext(b, { type: 'jira:projectSettingsPage', project: projectRef(project), location });
}

/** Context of a jira:issuePanel frame; the sandbox shows every panel on every issue, so none is new to it. */
export function issuePanelContext(b: ContextBase, issue: IssueRecord, project: ProjectRecord, location: string): ForgeContext {
  const type = b.site.issueTypes.get(issue.issueTypeId);
  return baseContext(b, {
    type: 'jira:issuePanel',
    issue: { id: issue.id, key: issue.key, type: type?.name ?? '', typeId: issue.issueTypeId },
    project: projectRef(project),
    isNewToIssue: false,
    location,
  });
}
