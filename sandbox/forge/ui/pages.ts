/** HTML of the host pages: plain stand-ins for Jira's own pages, with a header naming site and viewer. */
import { html, type SafeHtml } from './html';
import { COLOR_MODES, themeHtmlAttributes, type ColorMode } from './theme';
import { HOST_ASSET_PREFIX } from './urls';

export interface PersonView {
  person: string;
  displayName: string;
  /** Shown after the name, e.g. that the person has no account on this site. */
  note?: string;
}

/** What every host page shows around its content. */
export interface Chrome {
  title: string;
  site?: string;
  viewer: PersonView;
  people: PersonView[];
  /** The page's own path: the user and theme switchers reload it. */
  path: string;
  /** The viewer's colour mode: the page and its frames render in it. */
  theme: ColorMode;
}

const MODE_LABEL: Record<ColorMode, string> = { light: 'Light', dark: 'Dark' };

export interface FrameView {
  src: string;
  title: string;
  moduleKey: string;
  kind: 'page' | 'panel';
}

/** The iframe of a Custom UI module; sandboxed like Forge's: scripts and forms, no pop-ups, no top navigation. */
function frame(f: FrameView): SafeHtml {
  return html`<iframe class="forge-frame ${f.kind === 'page' ? 'page' : 'panel-frame'}" src="${f.src}" title="${f.title}" data-module-key="${f.moduleKey}" sandbox="allow-scripts allow-same-origin allow-forms allow-downloads" referrerpolicy="same-origin"></iframe>`;
}

function layout(chrome: Chrome, body: SafeHtml): string {
  const options = chrome.people.map((p) => html`<option value="${p.person}"${p.person === chrome.viewer.person ? html` selected` : ''}>${p.displayName}${p.note ? ` (${p.note})` : ''}</option>`);
  const modes = COLOR_MODES.map((mode) => html`<option value="${mode}"${mode === chrome.theme ? html` selected` : ''}>${MODE_LABEL[mode]}</option>`);
  const attrs = themeHtmlAttributes(chrome.theme);
  return html`<!doctype html>
<html lang="en" data-theme="${attrs['data-theme']}" data-color-mode="${attrs['data-color-mode']}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${chrome.title} · Lockstep sandbox</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${HOST_ASSET_PREFIX}theme/${chrome.theme}.css" data-theme="${chrome.theme}">
<link rel="stylesheet" href="${HOST_ASSET_PREFIX}host.css">
<script src="${HOST_ASSET_PREFIX}host.js" defer></script>
</head>
<body>
<header class="topbar">
<a class="product" href="/">Jira · Lockstep sandbox</a>
${chrome.site ? html`<span class="site">Site <strong>${chrome.site}</strong></span>` : ''}
<div class="switches">
<form method="get" action="${chrome.path}">
<label for="viewer">Viewing as</label>
<select id="viewer" name="as" data-autosubmit>${options}</select>
<button type="submit">Switch</button>
</form>
<form method="get" action="${chrome.path}">
<label for="theme">Theme</label>
<select id="theme" name="theme" data-autosubmit>${modes}</select>
<button type="submit">Apply</button>
</form>
</div>
</header>
${body}
</body>
</html>
`.value;
}

export interface SettingsPageModel {
  site: string;
  project: { key: string; name: string };
  /** Every jira:projectSettingsPage module, for the sidebar. */
  modules: Array<{ title: string; href: string; current: boolean }>;
  moduleTitle: string;
  frame: FrameView;
}

/** Like Jira, the page adds no heading of its own: the app's frame carries the page's title. */
export function settingsPage(chrome: Chrome, m: SettingsPageModel): string {
  return layout(chrome, html`<div class="layout">
<nav class="sidebar" aria-label="Project settings">
<strong>${m.project.name}</strong>
<h2>Apps</h2>
<ul>${m.modules.map((mod) => html`<li><a href="${mod.href}"${mod.current ? html` aria-current="page"` : ''}>${mod.title}</a></li>`)}</ul>
</nav>
<main class="content">
<p class="breadcrumbs"><a href="/">Projects</a> / ${m.project.name} / Project settings / Apps / <span aria-current="page">${m.moduleTitle}</span></p>
${frame(m.frame)}
</main>
</div>`);
}

export interface IssuePageModel {
  project: { key: string; name: string };
  issue: { key: string; summary: string; type: string; status: string; assignee: string; description: string };
  panels: Array<{ title: string; iconSrc: string | undefined; frame: FrameView }>;
}

export function issuePage(chrome: Chrome, m: IssuePageModel): string {
  const i = m.issue;
  return layout(chrome, html`<main class="content">
<p class="breadcrumbs"><a href="/">Projects</a> / ${m.project.name} / <span>${i.key}</span></p>
<h1>${i.summary}</h1>
<dl class="issue-meta">
<dt>Type</dt><dd>${i.type}</dd>
<dt>Status</dt><dd data-field="status">${i.status}</dd>
<dt>Assignee</dt><dd data-field="assignee">${i.assignee}</dd>
</dl>
<h2>Description</h2>
${i.description ? html`<div class="description">${i.description}</div>` : html`<div class="description empty">No description</div>`}
${m.panels.map((p) => html`<section class="panel" aria-label="${p.title}">
<h2>${p.iconSrc ? html`<img src="${p.iconSrc}" alt="">` : ''}${p.title}</h2>
${frame(p.frame)}
</section>`)}
</main>`);
}

export interface IndexPageModel {
  sites: Array<{
    name: string;
    cloudId: string;
    restUrl: string;
    projects: Array<{ key: string; name: string; settings: Array<{ title: string; href: string }>; issues: Array<{ key: string; summary: string; href: string }> }>;
  }>;
}

export function indexPage(chrome: Chrome, m: IndexPageModel): string {
  const sites = m.sites.map((s) => html`<section>
<h2>Site ${s.name}</h2>
<p>REST API <code>${s.restUrl}</code> · cloud id <code>${s.cloudId}</code></p>
${s.projects.map((p) => html`<h3>${p.name} (${p.key})</h3>
<ul>${p.settings.map((st) => html`<li><a href="${st.href}">Project settings → ${st.title}</a></li>`)}</ul>
${p.issues.length ? html`<ul>${p.issues.map((i) => html`<li><a href="${i.href}">${i.key}</a> ${i.summary}</li>`)}</ul>` : html`<p>No issues yet.</p>`}`)}
</section>`);
  return layout(chrome, html`<main class="content index">
<h1>Lockstep sandbox</h1>
${m.sites.length ? sites : html`<p>Lockstep is not installed on any site.</p>`}
</main>`);
}

/** A page that only says what went wrong (404, 403, 400), keeping the header so the viewer can switch. */
export function messagePage(chrome: Chrome, heading: string, message: string): string {
  return layout(chrome, html`<main class="content">
<h1>${heading}</h1>
<p class="notice">${message}</p>
<p><a href="/">Back to the sandbox's start page</a></p>
</main>`);
}
