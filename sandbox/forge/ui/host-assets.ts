/** The host pages' stylesheet and script, served as files so the host pages need no inline code. */
import { FRAME_HEIGHT_MESSAGE } from './bridge-script';

export const HOST_CSS = `
/* Colours are Atlassian design tokens: the page links the tokens' light or dark theme CSS (theme.ts), as Jira does. */
:root {
  color-scheme: light;
  --text: var(--ds-text, #172b4d); --subtle: var(--ds-text-subtle, #44546f); --border: var(--ds-border, #dfe1e6);
  --surface: var(--ds-surface, #fff); --bg: var(--ds-surface-sunken, #f7f8f9); --brand: var(--ds-link, #0c66e4);
  --selected-bg: var(--ds-background-selected, #e9f2ff); --selected-text: var(--ds-text-selected, #0c66e4);
  --warning-border: var(--ds-border-warning, #e56910); --warning-bg: var(--ds-background-warning, #fff7d6);
}
:root[data-color-mode="dark"] { color-scheme: dark; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--text); background: var(--surface); }
a { color: var(--brand); }
.topbar { display: flex; align-items: center; gap: 16px; padding: 8px 16px; border-bottom: 1px solid var(--border); background: var(--bg); }
.topbar .product { font-weight: 600; }
.topbar .site { color: var(--subtle); }
.topbar .switches { margin-left: auto; display: flex; align-items: center; gap: 16px; flex-wrap: wrap; }
.topbar form { display: flex; align-items: center; gap: 8px; }
.topbar select, .topbar button { font: inherit; padding: 2px 6px; }
.layout { display: flex; min-height: calc(100vh - 49px); }
.sidebar { width: 232px; flex: none; padding: 16px; border-right: 1px solid var(--border); background: var(--bg); }
.sidebar h2 { font-size: 11px; text-transform: uppercase; letter-spacing: .04em; color: var(--subtle); margin: 16px 0 4px; }
.sidebar ul { list-style: none; margin: 0; padding: 0; }
.sidebar li a { display: block; padding: 4px 8px; border-radius: 3px; text-decoration: none; color: var(--text); }
.sidebar li a[aria-current="page"] { background: var(--selected-bg); color: var(--selected-text); font-weight: 600; }
main.content { flex: 1; padding: 16px 32px; min-width: 0; }
.breadcrumbs { color: var(--subtle); font-size: 13px; margin: 0 0 8px; }
.breadcrumbs a { color: var(--subtle); }
h1 { font-size: 24px; margin: 0 0 16px; }
.issue-meta { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0 0 16px; }
.issue-meta dt { color: var(--subtle); }
.issue-meta dd { margin: 0; }
.description { white-space: pre-wrap; border: 1px solid var(--border); border-radius: 3px; padding: 8px 12px; margin: 0 0 24px; }
.description.empty { color: var(--subtle); }
.panel { border: 1px solid var(--border); border-radius: 3px; margin: 0 0 16px; }
.panel > h2 { display: flex; align-items: center; gap: 8px; font-size: 14px; margin: 0; padding: 8px 12px; border-bottom: 1px solid var(--border); background: var(--bg); }
.panel > h2 img { width: 16px; height: 16px; }
iframe.forge-frame { display: block; width: 100%; border: 0; }
iframe.forge-frame.page { height: 480px; }
iframe.forge-frame.panel-frame { height: 96px; }
.notice { border-left: 3px solid var(--warning-border); background: var(--warning-bg); padding: 12px 16px; }
.index section { margin: 0 0 24px; }
.index ul { margin: 4px 0; }
code { font-size: 12px; }
`;

export const HOST_JS = `// Lockstep sandbox host pages: frame sizing and the user and theme switchers.
(() => {
  'use strict';
  window.addEventListener('message', (event) => {
    if (event.origin !== window.location.origin) return;
    const data = event.data;
    if (!data || data.type !== ${JSON.stringify(FRAME_HEIGHT_MESSAGE)} || typeof data.height !== 'number') return;
    for (const frame of document.querySelectorAll('iframe.forge-frame')) {
      if (frame.contentWindow === event.source) frame.style.height = Math.min(Math.max(data.height, 48), 5000) + 'px';
    }
  });
  for (const select of document.querySelectorAll('select[data-autosubmit]')) {
    select.addEventListener('change', () => select.form && select.form.submit());
  }
})();
`;
