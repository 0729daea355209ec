/** Light and dark theme: the host page's switch, the frame context, and what view.theme.enable() does in a frame. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { doc, restClient, sandboxEmulator } from '../../../test/support/jira';
import { PEOPLE } from '../../jira/sites';
import { readManifest } from '../manifest';
import { bridgeScript } from './bridge-script';
import { createUiHost, issuePageUrl, settingsPageUrl, type UiBackend } from './host';
import { chooseTheme, frameTheme, themeCss, themeOfCssFile } from './theme';

const ORIGIN = 'http://sandbox.test';

function appRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'lockstep-ui-theme-'));
  for (const app of ['settings', 'panel']) {
    mkdirSync(join(root, 'ui', app), { recursive: true });
    writeFileSync(join(root, 'ui', app, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
  }
  return root;
}

const emulator = sandboxEmulator();
const backend: UiBackend = {
  manifest: readManifest({
    app: { id: 'ari:cloud:ecosystem::app/8f0b6a2e-4c1d-4e57-9a3b-1c2d3e4f5a6b' },
    modules: {
      'jira:projectSettingsPage': [{ key: 'lockstep-settings', resource: 'settings-ui', resolver: { function: 'r' }, title: 'Lockstep' }],
      'jira:issuePanel': [{ key: 'lockstep-sync-info', resource: 'panel-ui', resolver: { function: 'r' }, title: 'Sync info' }],
      function: [{ key: 'r', handler: 'forge/index.resolver' }],
    },
    resources: [{ key: 'settings-ui', path: 'ui/settings' }, { key: 'panel-ui', path: 'ui/panel' }],
    permissions: { scopes: ['read:jira-work'] },
  }),
  root: appRoot(),
  environmentId: 'env-0001',
  emulator,
  installed: [{ name: 'alpha' }],
  invokeResolver: async () => ({ status: 'ok', value: {} }),
  requestJiraAsUser: async () => new Response('{}'),
};
const host = createUiHost(backend, { people: PEOPLE, defaultPerson: 'ada' });

async function send(path: string, init: RequestInit = {}): Promise<Response> {
  const response = await host(new Request(ORIGIN + path, init));
  if (!response) throw new Error(`the UI host did not answer ${path}`);
  return response;
}

const settingsPath = settingsPageUrl('', 'alpha', 'SUP', 'lockstep-settings');
let issuePath = '';

beforeAll(async () => {
  const ada = restClient(emulator.fetch, emulator.site('alpha').baseUrl);
  const created = await ada('POST', '/rest/api/3/issue', { fields: { project: { key: 'SUP' }, issuetype: { name: 'Task' }, summary: 'Dark', description: doc('x') } });
  expect(created.status).toBe(201);
  issuePath = issuePageUrl('', 'alpha', created.body.key);
});

describe('chooseTheme', () => {
  const request = (query: string, cookie?: string) => new Request(`${ORIGIN}/x${query}`, cookie ? { headers: { cookie } } : {});
  it('takes ?theme= and remembers it, else the cookie, else light', () => {
    expect(chooseTheme(request('?theme=dark'))).toEqual({ ok: true, mode: 'dark', remember: true });
    expect(chooseTheme(request('?theme=light', 'lockstep_sandbox_theme=dark'))).toEqual({ ok: true, mode: 'light', remember: true });
    expect(chooseTheme(request('', 'a=1; lockstep_sandbox_theme=dark'))).toEqual({ ok: true, mode: 'dark', remember: false });
    expect(chooseTheme(request('', 'lockstep_sandbox_theme=purple'))).toEqual({ ok: true, mode: 'light', remember: false });
    expect(chooseTheme(request(''))).toEqual({ ok: true, mode: 'light', remember: false });
    expect(chooseTheme(request('?theme=blue', 'lockstep_sandbox_theme=dark'))).toEqual({ ok: false, asked: 'blue', mode: 'dark' });
  });

  it('knows only the two theme stylesheets', () => {
    expect(themeOfCssFile('dark.css')).toBe('dark');
    expect(themeOfCssFile('light.css')).toBe('light');
    for (const name of ['blue.css', 'dark', '../dark.css', 'dark.css.map']) expect(themeOfCssFile(name), name).toBeUndefined();
  });
});

describe('host page theme', () => {
  it('renders dark with ?theme=dark, remembers it in a cookie, and offers the switch', async () => {
    const res = await send(`${issuePath}?theme=dark`);
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()).toEqual(['lockstep_sandbox_theme=dark; Path=/; SameSite=Strict; HttpOnly']);
    const page = await res.text();
    expect(page).toContain('<html lang="en" data-theme="dark:dark light:light" data-color-mode="dark">');
    expect(page).toContain('<link rel="stylesheet" href="/jira/_sandbox/theme/dark.css" data-theme="dark">');
    expect(page).toMatch(/<label for="theme">Theme<\/label>\s*<select id="theme" name="theme" data-autosubmit><option value="light">Light<\/option><option value="dark" selected>Dark<\/option><\/select>/);

    const remembered = await (await send(settingsPath, { headers: { cookie: 'lockstep_sandbox_theme=dark' } })).text();
    expect(remembered).toContain('data-color-mode="dark"');
    const light = await send(settingsPath);
    expect(await light.text()).toContain('data-color-mode="light"');
    expect(light.headers.getSetCookie()).toEqual([]);
  });

  it('remembers the viewer and the theme side by side', async () => {
    const res = await send(`${settingsPath}?as=sam&theme=light`);
    expect(res.headers.getSetCookie()).toEqual([
      'lockstep_sandbox_as=sam; Path=/; SameSite=Strict; HttpOnly',
      'lockstep_sandbox_theme=light; Path=/; SameSite=Strict; HttpOnly',
    ]);
  });

  it('answers an unknown theme with a 400 page, escaped', async () => {
    const res = await send(`${settingsPath}?theme=%3Cb%3Eneon`);
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('Unknown theme');
    expect(page).toContain('&#60;b&#62;neon');
    expect(res.headers.getSetCookie()).toEqual([]);
  });

  it("serves the tokens' theme CSS to host pages", async () => {
    const res = await send('/jira/_sandbox/theme/dark.css');
    expect(res.headers.get('content-type')).toBe('text/css; charset=utf-8');
    const css = await res.text();
    expect(css).toBe(themeCss('dark'));
    expect(css).toContain('html[data-color-mode="dark"][data-theme~="dark:dark"]');
    expect(css).toMatch(/--ds-surface: #[0-9A-Fa-f]{6};/);
    expect(themeCss('light')).toContain('html[data-color-mode="light"][data-theme~="light:light"]');
    expect((await send('/jira/_sandbox/theme/blue.css')).status).toBe(404);
  });
});

describe('frame theme', () => {
  async function panelFrame(query: string): Promise<string> {
    const page = await (await send(issuePath + query)).text();
    return /<iframe[^>]* src="([^"]+)" title="Sync info"/.exec(page)![1]!;
  }

  it("puts the host's colour mode in the frame context", async () => {
    for (const mode of ['dark', 'light'] as const) {
      const frame = await panelFrame(`?theme=${mode}`);
      const res = await send(`${frame}__bridge/getContext`, { method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/json' }, body: 'null' });
      expect((await res.json()).value.theme).toEqual({ colorMode: mode });
    }
  });

  it("gives the frame's bridge the theme to apply and serves its CSS inside the frame's folder", async () => {
    const frame = await panelFrame('?theme=dark');
    const script = await (await send(`${frame}__bridge.js`)).text();
    expect(script).toContain(JSON.stringify(frameTheme('dark', `${frame}__theme/`)));
    const css = await send(`${frame}__theme/dark.css`);
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(css.headers.get('content-security-policy')).toContain(`style-src ${ORIGIN}${frame}`);
    expect(await css.text()).toBe(themeCss('dark'));
    expect((await send(`${frame}__theme/blue.css`)).status).toBe(404);
    expect((await send(`/cdn/${'C'.repeat(43)}/__theme/dark.css`)).status).toBe(404);
  });
});

describe('view.theme.enable() in the injected bridge script', () => {
  function load(theme = frameTheme('dark', '/cdn/TOKEN/__theme/')) {
    const attributes: Record<string, string> = {};
    type Link = { rel: string; href: string; attrs: Record<string, string>; listeners: Record<string, () => void>; setAttribute(k: string, v: string): void; addEventListener(e: string, f: () => void): void };
    const links: Link[] = [];
    const window: Record<string, unknown> = {};
    window['parent'] = window;
    const document = {
      documentElement: { setAttribute: (k: string, v: string) => { attributes[k] = v; } },
      head: {
        querySelector: (selector: string) => links.find((l) => selector === `link[data-theme="${l.attrs['data-theme']}"]`) ?? null,
        appendChild: (link: Link) => { links.push(link); },
      },
      createElement: (): Link => ({
        rel: '', href: '', attrs: {}, listeners: {},
        setAttribute(k, v) { this.attrs[k] = v; },
        addEventListener(e, f) { this.listeners[e] = f; },
      }),
    };
    runInNewContext(bridgeScript('/cdn/TOKEN/__bridge/', theme), { window, document, fetch: () => Promise.reject(new Error('no network')) });
    const callBridge = (window['__bridge'] as { callBridge: (n: string) => Promise<unknown> }).callBridge;
    return { callBridge, attributes, links };
  }

  it("sets the tokens' attributes on <html> and resolves once the theme CSS has loaded", async () => {
    const { callBridge, attributes, links } = load();
    let done = false;
    const enabled = callBridge('enableTheming').then((v) => { done = true; return v; });
    expect(attributes).toEqual({ 'data-theme': 'dark:dark light:light', 'data-color-mode': 'dark' });
    expect(links.map((l) => ({ rel: l.rel, href: l.href, attrs: l.attrs }))).toEqual([{ rel: 'stylesheet', href: '/cdn/TOKEN/__theme/dark.css', attrs: { 'data-theme': 'dark' } }]);
    await Promise.resolve();
    expect(done).toBe(false);
    links[0]!.listeners['load']!();
    await expect(enabled).resolves.toBeUndefined();
    // Enabling again (a remount) loads nothing twice.
    await expect(callBridge('enableTheming')).resolves.toBeUndefined();
    expect(links).toHaveLength(1);
  });

  it('never fails the app when the stylesheet does not load', async () => {
    const { callBridge, links } = load();
    const enabled = callBridge('enableTheming');
    links[0]!.listeners['error']!();
    await expect(enabled).resolves.toBeUndefined();
  });
});
