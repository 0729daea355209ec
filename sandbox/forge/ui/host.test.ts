/** The Custom UI host with a fake runtime: host pages, frame resources, the bridge endpoint and the injected script. */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { PEOPLE } from '../../jira/sites';
import { restClient, sandboxEmulator, doc } from '../../../test/support/jira';
import type { InvocationOutcome } from '../invoke';
import { readManifest } from '../manifest';
import { bridgeScript } from './bridge-script';
import { FrameSessions } from './frames';
import { createUiHost, issuePageUrl, settingsPageUrl, type UiBackend } from './host';
import { injectBridgeScript, resourcePathOf } from './resources';

const ORIGIN = 'http://sandbox.test';
const APP_ID = '8f0b6a2e-4c1d-4e57-9a3b-1c2d3e4f5a6b';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);

function appRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'lockstep-ui-host-'));
  mkdirSync(join(root, 'ui/settings/assets'), { recursive: true });
  mkdirSync(join(root, 'ui/panel'), { recursive: true });
  writeFileSync(join(root, 'ui/settings/index.html'), '<!doctype html><html><head><meta charset="utf-8"><script type="module" src="./assets/app.js"></script></head><body><div id="root"></div></body></html>');
  writeFileSync(join(root, 'ui/settings/assets/app.js'), 'console.log("app");');
  writeFileSync(join(root, 'ui/settings/logo.png'), PNG);
  writeFileSync(join(root, 'ui/panel/index.html'), '<!doctype html><html><head></head><body>panel</body></html>');
  writeFileSync(join(root, 'ui/panel/icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(root, 'secret.txt'), 'outside the resource folder');
  symlinkSync(join(root, 'secret.txt'), join(root, 'ui/settings/link.txt'));
  return root;
}

const manifest = readManifest({
  app: { id: `ari:cloud:ecosystem::app/${APP_ID}` },
  modules: {
    'jira:projectSettingsPage': [{ key: 'lockstep-settings', resource: 'settings-ui', resolver: { function: 'settings-resolver' }, title: 'Lockstep' }],
    'jira:issuePanel': [{ key: 'lockstep-sync-info', resource: 'panel-ui', resolver: { function: 'panel-resolver' }, title: 'Sync info', icon: 'resource:panel-ui;icon.svg' }],
    function: [{ key: 'settings-resolver', handler: 'forge/index.settingsResolver' }, { key: 'panel-resolver', handler: 'forge/index.panelResolver' }],
  },
  resources: [{ key: 'settings-ui', path: 'ui/settings' }, { key: 'panel-ui', path: 'ui/panel' }],
  permissions: { scopes: ['read:jira-work'], content: { styles: ['unsafe-inline'] } },
});

type InvokeInput = Parameters<UiBackend['invokeResolver']>[0];
const emulator = sandboxEmulator();
const invocations: InvokeInput[] = [];
const jiraCalls: Array<{ site: string; accountId: string; path: string; init: RequestInit | undefined }> = [];
let nextOutcome: InvocationOutcome = { status: 'ok', value: { ok: true } };
let nextJira: () => Response = () => new Response('{}', { headers: { 'content-type': 'application/json' } });

const backend: UiBackend = {
  manifest,
  root: appRoot(),
  environmentId: 'env-0001',
  emulator,
  installed: [{ name: 'alpha' }],
  invokeResolver: async (input) => { invocations.push(input); return nextOutcome; },
  requestJiraAsUser: async (site, accountId, path, init) => { jiraCalls.push({ site, accountId, path, init }); return nextJira(); },
};
const host = createUiHost(backend, { people: PEOPLE, defaultPerson: 'ada' });

async function send(path: string, init: RequestInit = {}): Promise<Response> {
  const response = await host(new Request(ORIGIN + path, init));
  if (!response) throw new Error(`the UI host did not answer ${path}`);
  return response;
}

/** Renders a host page and returns its frame URLs (path only). */
async function framesOf(path: string, init: RequestInit = {}): Promise<string[]> {
  const page = await send(path, init);
  expect(page.status).toBe(200);
  return [...(await page.text()).matchAll(/<iframe[^>]* src="([^"]+)"/g)].map((m) => m[1]!);
}

const bridgeHeaders = { origin: ORIGIN, 'content-type': 'application/json' };
async function bridge(frame: string, name: string, body: unknown, headers: Record<string, string> = bridgeHeaders): Promise<{ status: number; body: any }> {
  const res = await send(`${frame}__bridge/${name}`, { method: 'POST', headers, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

let issueKey = '';
const settingsPath = (as?: string) => settingsPageUrl('', 'alpha', 'SUP', 'lockstep-settings', as);

beforeAll(async () => {
  const ada = restClient(emulator.fetch, emulator.site('alpha').baseUrl);
  const created = await ada('POST', '/rest/api/3/issue', {
    fields: { project: { key: 'SUP' }, issuetype: { name: 'Task' }, summary: 'Printer <on> fire', description: doc('It smokes.'), assignee: { accountId: PEOPLE.sam.accountId } },
  });
  expect(created.status).toBe(201);
  issueKey = created.body.key;
});

describe('host pages', () => {
  it('leaves paths it does not own to other handlers', async () => {
    expect(await host(new Request(`${ORIGIN}/x1/abc`))).toBeUndefined();
    expect(await host(new Request(`${ORIGIN}/alpha/rest/api/3/myself`))).toBeUndefined();
  });

  it('renders the project settings page with the module in a frame, as ?as= says, and remembers the choice', async () => {
    const res = await send(settingsPath('sam'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('set-cookie')).toMatch(/^lockstep_sandbox_as=sam; Path=\/; SameSite=Strict; HttpOnly$/);
    const page = await res.text();
    expect(page).toContain('Support Desk');
    expect(page).toContain('<option value="sam" selected>Sam Support</option>');
    expect(page).toMatch(/<iframe class="forge-frame page" src="\/cdn\/[A-Za-z0-9_-]{43}\/" title="Lockstep"/);
    expect(page).not.toMatch(/<script>/); // no inline code on host pages

    const remembered = await (await send(settingsPath(), { headers: { cookie: 'other=1; lockstep_sandbox_as=dana' } })).text();
    expect(remembered).toContain('<option value="dana" selected>');
    const stale = await (await send(settingsPath(), { headers: { cookie: 'lockstep_sandbox_as=nobody' } })).text();
    expect(stale).toContain('<option value="ada" selected>');
  });

  it('answers an unknown person with a 400 page, escaping what was asked', async () => {
    const res = await send(settingsPath('<b>mallory</b>'));
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain('&#60;b&#62;mallory&#60;/b&#62;');
    expect(page).not.toContain('<b>mallory');
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('answers 404 pages for unknown sites, sites without the app, projects, modules, issues and paths', async () => {
    for (const path of [
      settingsPageUrl('', 'gamma', 'SUP', 'lockstep-settings'),
      settingsPageUrl('', 'beta', 'DEV', 'lockstep-settings'), // beta exists but Lockstep is not installed there
      settingsPageUrl('', 'alpha', 'NOPE', 'lockstep-settings'),
      settingsPageUrl('', 'alpha', 'SUP', 'lockstep-sync-info'), // an issue panel is not a settings page
      issuePageUrl('', 'alpha', 'SUP-9999'),
      '/jira/alpha/somewhere',
    ]) {
      const res = await send(path);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toContain('text/html');
    }
  });

  it('renders an issue with its fields and every issue panel, icon included', async () => {
    const res = await send(issuePageUrl('', 'alpha', issueKey));
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('Printer &#60;on&#62; fire');
    expect(page).toContain('<dd data-field="assignee">Sam Support</dd>');
    expect(page).toMatch(/<dd data-field="status">[^<]+<\/dd>/);
    expect(page).toContain('It smokes.');
    expect(page).toMatch(/<section class="panel" aria-label="Sync info">\s*<h2><img src="\/cdn\/[A-Za-z0-9_-]{43}\/icon.svg" alt="">Sync info<\/h2>/);
  });

  it('refuses the issue to someone who cannot browse its project, and pages to someone without an account', async () => {
    expect((await send(issuePageUrl('', 'alpha', issueKey, 'omar'))).status).toBe(403);
    const other = createUiHost({ ...backend, installed: [{ name: 'alpha' }, { name: 'beta' }] }, { people: PEOPLE, defaultPerson: 'ada' });
    const res = await other(new Request(ORIGIN + settingsPageUrl('', 'beta', 'DEV', 'lockstep-settings', 'omar')));
    expect(res?.status).toBe(403);
    expect(await res?.text()).toContain('Omar Outsider has no account on site beta');
  });

  it('lists installed sites, their settings pages and recent issues on the index', async () => {
    const page = await (await send('/')).text();
    expect(page).toContain('Site alpha');
    expect(page).not.toContain('Site beta');
    expect(page).toContain(`href="${settingsPath()}"`);
    expect(page).toContain(`href="${issuePageUrl('', 'alpha', issueKey)}"`);
  });

  it('serves its own stylesheet and script, and only GET', async () => {
    expect((await send('/jira/_sandbox/host.css')).headers.get('content-type')).toContain('text/css');
    expect((await send('/jira/_sandbox/host.js')).headers.get('content-type')).toContain('text/javascript');
    expect((await send('/jira/_sandbox/nope.js')).status).toBe(404);
    expect((await send(settingsPath(), { method: 'POST' })).status).toBe(405);
  });

  it('refuses a Host header that is neither its own address nor loopback (DNS rebinding)', async () => {
    expect((await send(settingsPath(), { headers: { host: 'evil.example' } })).status).toBe(421);
    expect((await send(settingsPath(), { headers: { host: 'localhost:4181' } })).status).toBe(200);
  });
});

describe('frame resources', () => {
  it("serves index.html with the bridge script first in <head> and a Forge-like CSP", async () => {
    const [frame] = await framesOf(settingsPath());
    const res = await send(frame!);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await res.text()).toMatch(new RegExp(`^<!doctype html><html><head><script src="${frame}__bridge.js"></script><meta charset="utf-8">`));
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain(`script-src ${ORIGIN}${frame};`);
    expect(csp).toContain(`style-src ${ORIGIN}${frame} 'unsafe-inline';`);
    expect(csp).toContain(`connect-src ${ORIGIN}${frame};`);
    expect(csp).toContain("default-src 'none'");
    expect((await send(`${frame}index.html`)).status).toBe(200);
    const script = await send(`${frame}__bridge.js`);
    expect(script.headers.get('content-type')).toContain('text/javascript');
    expect(await script.text()).toContain(JSON.stringify(`${frame}__bridge/`));
  });

  it('redirects the bare frame URL to its folder and serves assets with their content types', async () => {
    const [frame] = await framesOf(settingsPath());
    const bare = await send(frame!.slice(0, -1));
    expect(bare.status).toBe(308);
    expect(bare.headers.get('location')).toBe(frame);
    const js = await send(`${frame}assets/app.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log("app");');
    const png = await send(`${frame}logo.png`);
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await png.arrayBuffer())).toEqual(PNG);
  });

  it('serves nothing outside the folder, for missing files, or for unknown tokens', async () => {
    const [frame] = await framesOf(settingsPath());
    for (const path of ['..%2fpanel%2findex.html', '..%2F..%2Fsecret.txt', '%2e%2e%2f%2e%2e%2fsecret.txt', 'assets%5c..%5c..%5c..%5csecret.txt', 'link.txt', 'missing.js', 'assets/', '%00', '%E0%A4%A']) {
      expect((await send(frame + path)).status, path).toBe(404);
    }
    // Literal and %2e-encoded `..` segments are resolved by URL parsing before the host sees them: the path leaves /cdn/.
    expect(await host(new Request(`${ORIGIN}${frame}../../secret.txt`))).toBeUndefined();
    expect(await host(new Request(`${ORIGIN}${frame}assets/%2e%2e/%2e%2e/%2e%2e/secret.txt`))).toBeUndefined();
    expect((await send(`/cdn/${'A'.repeat(43)}/`)).status).toBe(404);
    expect((await send('/cdn/not-a-token/index.html')).status).toBe(404);
    expect((await send(`${frame}assets/app.js`, { method: 'DELETE' })).status).toBe(405);
  });

  it('keeps resource paths inside the folder', () => {
    expect(resourcePathOf('')).toBe('index.html');
    expect(resourcePathOf('/assets/a%20b.js')).toBe('assets/a b.js');
    expect(resourcePathOf('/a/../b')).toBeUndefined();
    expect(resourcePathOf('/a//b')).toBeUndefined();
    expect(resourcePathOf('/c:%5cwindows')).toBeUndefined();
  });

  it('puts the bridge script first even in documents without <head>', () => {
    expect(injectBridgeScript('<html lang="en"><body></body></html>', '/b.js')).toBe('<html lang="en"><head><script src="/b.js"></script></head><body></body></html>');
    expect(injectBridgeScript('<p>x</p>', '/b.js')).toBe('<script src="/b.js"></script><p>x</p>');
  });
});

describe('bridge endpoint', () => {
  it("answers getContext with Forge's context for a project settings page", async () => {
    const [frame] = await framesOf(settingsPath('sam'));
    const project = emulator.site('alpha').projectByKey('SUP')!;
    const { status, body } = await bridge(frame!, 'getContext', null);
    expect(status).toBe(200);
    expect(body.value).toEqual({
      accountId: PEOPLE.sam.accountId,
      cloudId: emulator.site('alpha').cloudId,
      siteUrl: emulator.site('alpha').baseUrl,
      localId: `ari:cloud:ecosystem::extension/${APP_ID}/env-0001/static/lockstep-settings`,
      moduleKey: 'lockstep-settings',
      environmentType: 'DEVELOPMENT',
      environmentId: 'env-0001',
      locale: 'en-US',
      timezone: 'UTC',
      theme: { colorMode: 'light' },
      extension: { type: 'jira:projectSettingsPage', project: { id: project.id, key: 'SUP', type: 'service_desk' }, location: `${ORIGIN}${settingsPath()}` },
    });
  });

  it("answers getContext with the issue panel's extension context", async () => {
    const [frame] = await framesOf(issuePageUrl('', 'alpha', issueKey));
    const issue = emulator.site('alpha').issue(issueKey)!;
    const { body } = await bridge(frame!, 'getContext', null);
    expect(body.value).toMatchObject({ moduleKey: 'lockstep-sync-info', accountId: PEOPLE.ada.accountId });
    expect(body.value.extension).toEqual({
      type: 'jira:issuePanel',
      issue: { id: issue.id, key: issueKey, type: 'Task', typeId: issue.issueTypeId },
      project: { id: issue.projectId, key: 'SUP', type: 'service_desk' },
      isNewToIssue: false,
      location: `${ORIGIN}${issuePageUrl('', 'alpha', issueKey)}`,
    });
  });

  it("invokes the module's resolver as the frame's user, whatever accountId the browser sends", async () => {
    const [frame] = await framesOf(settingsPath('dana'));
    const context = (await bridge(frame!, 'getContext', null)).body.value;
    invocations.length = 0;
    nextOutcome = { status: 'ok', value: { syncs: [] } };
    const res = await bridge(frame!, 'invoke', { functionKey: 'getSettings', payload: { page: 2 }, accountId: PEOPLE.ada.accountId, context: { accountId: PEOPLE.ada.accountId } });
    expect(res).toEqual({ status: 200, body: { value: { syncs: [] } } });
    expect(invocations).toEqual([{ site: 'alpha', moduleKey: 'lockstep-settings', accountId: PEOPLE.dana.accountId, functionKey: 'getSettings', payload: { page: 2 }, context }]);
    expect((await bridge(frame!, 'invoke', { functionKey: 'getSettings', metadata: { rateLimitProperties: true } })).body.value).toEqual({ body: { syncs: [] }, metadata: {} });
    nextOutcome = { status: 'ok', value: undefined };
    expect((await bridge(frame!, 'invoke', { functionKey: 'nothing' })).body).toEqual({});
  });

  it("turns a failed or timed-out resolver into a 500 with Forge's wording", async () => {
    const [frame] = await framesOf(settingsPath());
    nextOutcome = { status: 'error', error: new Error('boom') };
    expect(await bridge(frame!, 'invoke', { functionKey: 'getSettings' })).toEqual({ status: 500, body: { error: { message: 'There was an error invoking the function - boom' } } });
    nextOutcome = { status: 'timeout', error: new Error('Function settings-resolver timed out after 25 s') };
    expect((await bridge(frame!, 'invoke', { functionKey: 'getSettings' })).body.error.message).toBe('There was an error invoking the function - Function settings-resolver timed out after 25 s');
    expect((await bridge(frame!, 'invoke', { payload: {} })).status).toBe(400);
    expect((await bridge(frame!, 'invoke', { functionKey: 'big', payload: { text: 'x'.repeat(500_001) } })).status).toBe(413);
  });

  it('replays requestJira as the frame user and flattens the answer for the bridge', async () => {
    const [frame] = await framesOf(settingsPath('sam'));
    jiraCalls.length = 0;
    nextJira = () => new Response(JSON.stringify({ key: 'SUP' }), { status: 201, statusText: 'Created', headers: { 'content-type': 'application/json;charset=UTF-8', 'x-thing': '1' } });
    const res = await bridge(frame!, 'fetchProduct', {
      product: 'jira',
      restPath: '/rest/api/3/issue',
      fetchRequestInit: { method: 'post', body: '{"a":1}', headers: [['content-type', 'application/json'], ['Authorization', 'Bearer stolen'], ['X-Atlassian-Token', 'no-check']] },
      isMultipartFormData: false,
    });
    expect(res).toEqual({ status: 200, body: { value: { body: '{"key":"SUP"}', headers: { 'content-type': 'application/json;charset=UTF-8', 'x-thing': '1' }, status: 201, statusText: 'Created', isAttachment: false } } });
    expect(jiraCalls).toHaveLength(1);
    const call = jiraCalls[0]!;
    expect(call).toMatchObject({ site: 'alpha', accountId: PEOPLE.sam.accountId, path: '/rest/api/3/issue' });
    expect(call.init?.method).toBe('POST');
    expect(call.init?.body).toBe('{"a":1}');
    const headers = new Headers(call.init?.headers);
    expect(headers.get('authorization')).toBeNull();
    expect(headers.get('x-atlassian-token')).toBe('no-check');

    nextJira = () => new Response(PNG, { headers: { 'content-type': 'image/png' } });
    const binary = (await bridge(frame!, 'fetchProduct', { product: 'jira', restPath: '/rest/api/3/attachment/content/1' })).body.value;
    expect(binary).toMatchObject({ isAttachment: true, status: 200 });
    expect(Buffer.from(binary.body, 'base64')).toEqual(PNG);

    expect((await bridge(frame!, 'fetchProduct', { product: 'confluence', restPath: '/wiki/rest/api/space' })).body.error.message).toContain('requestJira only');
    expect((await bridge(frame!, 'fetchProduct', { product: 'jira', restPath: 'rest/api/3/myself' })).status).toBe(400);
    for (const restPath of ['/rest/../../beta/rest/api/3/myself', '/rest/api/3/%2e%2e/x', '/rest/./api']) {
      expect((await bridge(frame!, 'fetchProduct', { product: 'jira', restPath })).status, restPath).toBe(400);
    }
  });

  it('rebuilds multipart bodies the bridge sent as JSON', async () => {
    const [frame] = await framesOf(settingsPath());
    jiraCalls.length = 0;
    nextJira = () => new Response('[]', { headers: { 'content-type': 'application/json' } });
    await bridge(frame!, 'fetchProduct', {
      product: 'jira',
      restPath: '/rest/api/3/issue/SUP-1/attachments',
      fetchRequestInit: { method: 'POST', body: JSON.stringify({ file: `data:image/png;base64,${PNG.toString('base64')}`, __fileName: 'a.png', __fileType: 'image/png', note: 'hi' }), headers: [['content-type', 'text/plain;charset=UTF-8']] },
      isMultipartFormData: true,
    });
    const form = jiraCalls[0]!.init?.body as FormData;
    expect(form).toBeInstanceOf(FormData);
    const file = form.get('file') as File;
    expect(file.name).toBe('a.png');
    expect(file.type).toBe('image/png');
    expect(Buffer.from(await file.arrayBuffer())).toEqual(PNG);
    expect(form.get('note')).toBe('hi');
    expect([...form.keys()].sort()).toEqual(['file', 'note']);
    expect(new Headers(jiraCalls[0]!.init?.headers).get('content-type')).toBeNull();
  });

  it('answers other call names with undefined', async () => {
    const [frame] = await framesOf(settingsPath());
    expect(await bridge(frame!, 'showFlag', { id: 'x' })).toEqual({ status: 200, body: {} });
    expect((await bridge(frame!, 'not-a-name', null)).status).toBe(404);
  });

  it('takes only same-origin JSON POSTs to a live token', async () => {
    const [frame] = await framesOf(settingsPath());
    const call = (init: RequestInit, path = `${frame}__bridge/getContext`) => send(path, init).then((r) => r.status);
    expect(await call({ method: 'POST', headers: { 'content-type': 'application/json' }, body: 'null' })).toBe(403);
    expect(await call({ method: 'POST', headers: { ...bridgeHeaders, origin: 'http://evil.example' }, body: 'null' })).toBe(403);
    expect(await call({ method: 'POST', headers: { ...bridgeHeaders, 'sec-fetch-site': 'cross-site' }, body: 'null' })).toBe(403);
    expect(await call({ method: 'POST', headers: { ...bridgeHeaders, host: 'evil.example', origin: 'http://evil.example' }, body: 'null' })).toBe(403);
    expect(await call({ method: 'POST', headers: { origin: ORIGIN, 'content-type': 'text/plain' }, body: 'null' })).toBe(415);
    expect(await call({ method: 'POST', headers: bridgeHeaders, body: '{' })).toBe(400);
    expect(await call({ method: 'GET' })).toBe(405);
    expect(await call({ method: 'POST', headers: bridgeHeaders, body: 'null' }, `/cdn/${'B'.repeat(43)}/__bridge/getContext`)).toBe(404);
    expect(await call({ method: 'POST', headers: { ...bridgeHeaders, 'sec-fetch-site': 'same-origin' }, body: 'null' })).toBe(200);
  });

  it('mints a new unguessable token for every frame it renders', async () => {
    const a = await framesOf(settingsPath());
    const b = await framesOf(settingsPath());
    expect(a[0]).not.toBe(b[0]);
    const sessions = new FrameSessions(2);
    const first = sessions.open({ site: 'alpha', moduleKey: 'm', moduleType: 'jira:issuePanel', accountId: 'x', resourceDir: '/tmp', context: {} as never });
    sessions.open({ site: 'alpha', moduleKey: 'm', moduleType: 'jira:issuePanel', accountId: 'x', resourceDir: '/tmp', context: {} as never });
    sessions.open({ site: 'alpha', moduleKey: 'm', moduleType: 'jira:issuePanel', accountId: 'x', resourceDir: '/tmp', context: {} as never });
    expect(sessions.size).toBe(2);
    expect(sessions.get(first.token)).toBeUndefined();
  });
});

describe('injected bridge script', () => {
  function load(reply: (url: string, init: RequestInit) => Promise<Response>) {
    const posts: Array<{ url: string; body: unknown }> = [];
    const window: Record<string, unknown> = {};
    window['parent'] = window; // not framed: no size reporting
    const context = {
      window,
      document: { documentElement: { setAttribute: (k: string, v: string) => { window[`attr:${k}`] = v; } } },
      fetch: async (url: string, init: RequestInit) => { posts.push({ url, body: JSON.parse(String(init.body)) }); return reply(url, init); },
    };
    runInNewContext(bridgeScript('/cdn/TOKEN/__bridge/'), context);
    return { callBridge: (window['__bridge'] as { callBridge: (n: string, p?: unknown) => Promise<unknown> }).callBridge, posts, window };
  }

  it('posts remote calls to the frame endpoint and unwraps the value', async () => {
    const { callBridge, posts } = load(async () => new Response('{"value":{"a":1}}', { status: 200 }));
    await expect(callBridge('invoke', { functionKey: 'f', payload: { x: 1 } })).resolves.toEqual({ a: 1 });
    await expect(callBridge('getContext')).resolves.toEqual({ a: 1 });
    expect(posts).toEqual([{ url: '/cdn/TOKEN/__bridge/invoke', body: { functionKey: 'f', payload: { x: 1 } } }, { url: '/cdn/TOKEN/__bridge/getContext', body: null }]);
  });

  it('rejects with the server message, and answers the rest locally', async () => {
    const { callBridge, posts, window } = load(async () => new Response('{"error":{"message":"There was an error invoking the function - boom"}}', { status: 500 }));
    await expect(callBridge('invoke', { functionKey: 'f' })).rejects.toThrow('There was an error invoking the function - boom');
    await expect(callBridge('showFlag', { id: 1 })).resolves.toBeUndefined();
    await expect(callBridge('enableTheming')).resolves.toBeUndefined();
    expect(window['attr:data-color-mode']).toBe('light');
    const sub = await callBridge('on', { event: 'x', callback: () => undefined }) as { unsubscribe: () => void };
    expect(typeof sub.unsubscribe).toBe('function');
    await expect(callBridge('createHistory')).rejects.toThrow('view.createHistory is not available in the Lockstep sandbox');
    expect(posts).toHaveLength(1);
    expect(Object.getOwnPropertyDescriptor(window, '__bridge')).toMatchObject({ writable: false, configurable: false });
  });
});
