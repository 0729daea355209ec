/** Builds the host pages from the emulator's data and mints a frame session for every module they embed. */
import { z } from 'zod';
import { adfToText } from '../../jira/adf/text';
import { isAdfDoc } from '../../jira/adf/types';
import type { Site } from '../../jira/model/site';
import type { ProjectRecord, UserRecord } from '../../jira/model/types';
import { hasProjectPermission } from '../../jira/permissions';
import type { UiModule } from '../manifest';
import type { UiBackend } from './backend';
import { issuePanelContext, projectSettingsContext, type ForgeContext } from './context';
import { HOST_CSP } from './csp';
import type { FrameSessions } from './frames';
import { HOST_CSS, HOST_JS } from './host-assets';
import { indexPage, issuePage, messagePage, settingsPage, type Chrome, type FrameView } from './pages';
import { resourceDirOf } from './resources';
import { publicOrigin } from './security';
import { chooseTheme, themeCookie, themeOfCssFile, themeCssResponse } from './theme';
import { frameUrl, issuePageUrl, settingsPageUrl, type HostRoute } from './urls';
import { chooseViewer, viewerCookie, type PersonOption } from './viewer';

export interface PageDeps {
  backend: UiBackend;
  frames: FrameSessions;
  people: Record<string, PersonOption>;
  defaultPerson: string;
}

const ISSUES_PER_PROJECT_ON_INDEX = 5;

/** A host page; `cookies` are Set-Cookie values (the viewer and the theme are remembered separately). */
function htmlResponse(status: number, body: string, cookies: string[] = []): Response {
  const headers = new Headers({
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': HOST_CSP,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'same-origin',
    // Every render mints fresh frame tokens; a cached page would carry stale ones.
    'cache-control': 'no-store',
  });
  for (const cookie of cookies) headers.append('set-cookie', cookie);
  return new Response(body, { status, headers });
}

const text = (status: number, body: string, headers: Record<string, string> = {}): Response =>
  new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', ...headers } });

function serveHostAsset(name: string): Response {
  const theme = name.startsWith('theme/') ? themeOfCssFile(name.slice('theme/'.length)) : undefined;
  if (theme !== undefined) return themeCssResponse(theme);
  if (name === 'host.css') return new Response(HOST_CSS, { headers: { 'content-type': 'text/css; charset=utf-8', 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' } });
  if (name === 'host.js') return new Response(HOST_JS, { headers: { 'content-type': 'text/javascript; charset=utf-8', 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' } });
  return text(404, 'Not found');
}

/** `icon: resource:<key>;<path>` of each jira:issuePanel, when it points into the module's own resource. */
function panelIconPath(raw: unknown, module: UiModule): string | undefined {
  const Panels = z.object({ modules: z.object({ 'jira:issuePanel': z.array(z.object({ key: z.string(), icon: z.string().optional() })) }) });
  const parsed = Panels.safeParse(raw);
  const icon = parsed.success ? parsed.data.modules['jira:issuePanel'].find((p) => p.key === module.key)?.icon : undefined;
  const match = icon ? /^resource:([^;]+);(.+)$/.exec(icon) : null;
  return match && match[1] === module.resource && !match[2]!.split('/').includes('..') ? match[2] : undefined;
}

/** Serves `/`, `/jira/...` host pages and `/jira/_sandbox/*` assets. */
export async function servePage(request: Request, route: HostRoute, deps: PageDeps): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'Host pages answer GET only', { allow: 'GET, HEAD' });
  const origin = publicOrigin(request);
  if (origin === undefined) return text(421, 'The Lockstep sandbox answers only on its own address or a loopback name');
  if (route.kind === 'hostAsset') return serveHostAsset(route.name);

  const { backend, people } = deps;
  const url = new URL(request.url);
  const choice = chooseViewer(request, people, deps.defaultPerson);
  const person = choice.ok ? choice.person : deps.defaultPerson;
  const themeChoice = chooseTheme(request);
  const colorMode = themeChoice.mode;
  const viewer = people[person]!;
  const siteName = route.kind === 'settings' || route.kind === 'issue' ? route.site : undefined;
  const site = siteName !== undefined && backend.installed.some((i) => i.name === siteName) ? backend.emulator.sites.get(siteName) : undefined;
  const chrome: Chrome = {
    title: 'Lockstep sandbox',
    ...(site ? { site: site.name } : {}),
    viewer: { person, displayName: viewer.displayName },
    people: Object.entries(people).map(([key, p]) => ({
      person: key,
      displayName: p.displayName,
      ...(site && !site.users.has(p.accountId) ? { note: `no account on ${site.name}` } : {}),
    })),
    path: url.pathname,
    theme: colorMode,
  };
  const cookie = [
    ...(choice.ok && choice.remember ? [viewerCookie(person)] : []),
    ...(themeChoice.ok && themeChoice.remember ? [themeCookie(colorMode)] : []),
  ];
  const message = (status: number, heading: string, body: string): Response =>
    htmlResponse(status, messagePage({ ...chrome, title: heading }, heading, body), cookie);

  if (!choice.ok) return message(400, 'Unknown person', `There is no person called “${choice.asked}” in the sandbox. Pick one of: ${Object.keys(people).join(', ')}.`);
  if (!themeChoice.ok) return message(400, 'Unknown theme', `There is no theme called “${themeChoice.asked}” in the sandbox. Pick light or dark.`);
  if (route.kind === 'index') return htmlResponse(200, indexPage(chrome, indexModel(backend)), cookie);
  if (route.kind === 'unknown') return message(404, 'Page not found', `The sandbox has no page at ${url.pathname}.`);
  if (!site) return message(404, 'Site not found', `Lockstep is not installed on a site called “${siteName ?? ''}”.`);
  const user = site.users.get(viewer.accountId);
  const noAccount = (): Response => message(403, 'No access to this site', `${viewer.displayName} has no account on site ${site.name}.`);
  const frameOf = (module: UiModule, context: ForgeContext, kind: FrameView['kind']): FrameView => {
    const session = deps.frames.open({
      site: site.name,
      moduleKey: module.key,
      moduleType: module.type,
      accountId: viewer.accountId,
      resourceDir: resourceDirOf(backend.root, backend.manifest.resources.get(module.resource)!),
      context,
    });
    return { src: frameUrl(session.token), title: module.title, moduleKey: module.key, kind };
  };
  const contextBase = (module: UiModule) => ({ appId: backend.manifest.appId, environmentId: backend.environmentId, site, moduleKey: module.key, accountId: viewer.accountId, colorMode });

  if (route.kind === 'settings') {
    const project = site.projectByKey(route.projectKey);
    const pages = backend.manifest.uiModules.filter((u) => u.type === 'jira:projectSettingsPage');
    const module = pages.find((u) => u.key === route.moduleKey);
    if (!project) return message(404, 'Project not found', `Site ${site.name} has no project ${route.projectKey}.`);
    if (!module) return message(404, 'Page not found', `Lockstep has no project settings page called “${route.moduleKey}”.`);
    if (!isActive(user)) return noAccount();
    // Jira shows project settings to project admins only; the sandbox shows them to everyone so the app's own check is what refuses.
    const context = projectSettingsContext(contextBase(module), project, origin + url.pathname);
    return htmlResponse(200, settingsPage({ ...chrome, title: `${module.title} · ${project.name}` }, {
      site: site.name,
      project: { key: project.key, name: project.name },
      modules: pages.map((p) => ({ title: p.title, href: settingsPageUrl('', site.name, project.key, p.key), current: p.key === module.key })),
      moduleTitle: module.title,
      frame: frameOf(module, context, 'page'),
    }), cookie);
  }

  const issue = site.issue(route.issueKey);
  const project = issue ? site.projects.get(issue.projectId) : undefined;
  if (!issue || !project) return message(404, 'Issue not found', `Site ${site.name} has no issue ${route.issueKey}.`);
  if (!isActive(user)) return noAccount();
  if (!hasProjectPermission(user, project, 'BROWSE_PROJECTS')) return message(403, 'You can’t view this issue', `${viewer.displayName} does not have permission to browse ${project.name}.`);
  const location = origin + url.pathname;
  const panels = backend.manifest.uiModules.filter((u) => u.type === 'jira:issuePanel').map((module) => {
    const frame = frameOf(module, issuePanelContext(contextBase(module), issue, project, location), 'panel');
    const icon = panelIconPath(backend.manifest.raw, module);
    return { title: module.title, iconSrc: icon === undefined ? undefined : frame.src + icon.split('/').map(encodeURIComponent).join('/'), frame };
  });
  return htmlResponse(200, issuePage({ ...chrome, title: `${issue.key} ${summaryOf(issue.fields['summary'])}` }, {
    project: { key: project.key, name: project.name },
    issue: {
      key: issue.key,
      summary: summaryOf(issue.fields['summary']),
      type: site.issueTypes.get(issue.issueTypeId)?.name ?? '',
      status: site.statuses.get(issue.statusId)?.name ?? '',
      assignee: assigneeOf(site, issue.fields['assignee']),
      description: isAdfDoc(issue.fields['description']) ? adfToText(issue.fields['description']) : '',
    },
    panels,
  }), cookie);
}

function isActive(user: UserRecord | undefined): user is UserRecord {
  return user !== undefined && user.active;
}

const summaryOf = (value: unknown): string => (typeof value === 'string' ? value : '');

function assigneeOf(site: Site, value: unknown): string {
  return typeof value === 'string' ? (site.users.get(value)?.displayName ?? value) : 'Unassigned';
}

function indexModel(backend: UiBackend) {
  const pages = backend.manifest.uiModules.filter((u) => u.type === 'jira:projectSettingsPage');
  const sites = backend.installed.map((i) => backend.emulator.sites.get(i.name)).filter((s): s is Site => s !== undefined);
  return {
    sites: sites.map((site) => ({
      name: site.name,
      cloudId: site.cloudId,
      restUrl: `${site.baseUrl}/rest/api/3`,
      projects: [...site.projects.values()].map((project: ProjectRecord) => ({
        key: project.key,
        name: project.name,
        settings: pages.map((p) => ({ title: p.title, href: settingsPageUrl('', site.name, project.key, p.key) })),
        issues: site.issuesOf(project.id)
          .sort((a, b) => b.created - a.created || Number(b.id) - Number(a.id))
          .slice(0, ISSUES_PER_PROJECT_ON_INDEX)
          .map((issue) => ({ key: issue.key, summary: summaryOf(issue.fields['summary']), href: issuePageUrl('', site.name, issue.key) })),
      })),
    })),
  };
}
