/**
 * Starts the whole sandbox in-process: the Jira emulator with alpha and beta (restored from `.sandbox/`
 * or seeded with demo data), the local Forge runtime with Lockstep installed on both, a demo sync
 * SUP ↔ DEV, and the HTTP servers. `sandbox/main.ts` is its command line; tests call it directly.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { webTrigger } from '@forge/api';
import { Emulator } from './jira/emulator';
import { serveEmulator, type RunningServer } from './jira/server';
import { addSandboxSites, makeTokens, PEOPLE } from './jira/sites';
import { loadSnapshot, restoreSites, saveSnapshot, snapshotSites } from './jira/persist';
import { seedDemoData } from './demo/seed';
import { ForgeRuntime } from './forge/runtime';
import { serveForge, type RunningForgeServer } from './forge/server';
import { createUiHost } from './forge/ui/host';
import { issuePageUrl, settingsPageUrl } from './forge/ui/urls';
import { kvsConnections } from '../src/forge/adapters/kvs-connections';
import type { ConnectionSummary } from '../src/ports/connections';

export interface SandboxOptions {
  /** Where data persists between runs (`.sandbox/` by default in main.ts). */
  dir: string;
  /** The app's root: manifest.yml, src/, static/. */
  root: string;
  jiraPort?: number;
  forgePort?: number;
  rateLimits?: boolean;
  log?: (line: string) => void;
}

export interface SiteInfo {
  baseUrl: string;
  email: string;
  apiToken: string;
  projectKey: string;
}

/** What `.sandbox/sandbox.json` holds, for scripts. */
export interface SandboxInfo {
  sites: { alpha: SiteInfo; beta: SiteInfo };
  pages: {
    index: string;
    alpha: { settings: string; issue: string };
    beta: { settings: string; issue: string };
  };
  forge: { origin: string; webtriggers: { alpha: string; beta: string } };
  data: { seeded: boolean; restored: boolean; issues: { alpha: number; beta: number } };
}

export interface RunningSandbox {
  info: SandboxInfo;
  emulator: Emulator;
  runtime: ForgeRuntime;
  /** Writes the Jira snapshot if the sites changed, and flushes KVS; runs every 30 s and on stop. */
  save(): Promise<void>;
  stop(): Promise<void>;
}

const SETTINGS_MODULE = 'lockstep-settings';
const DEMO_CONNECTION = 'demo-sup-dev';
const PROJECTS = { alpha: 'SUP', beta: 'DEV' } as const;
const SAVE_EVERY_MS = 30_000;

export async function startSandbox(options: SandboxOptions): Promise<RunningSandbox> {
  const log = options.log ?? ((line: string) => console.log(line));
  mkdirSync(options.dir, { recursive: true });
  const snapshotFile = join(options.dir, 'jira.json');
  // Seeding goes through the REST API; limits come on only after it, as a real site's data predates the app.
  const emulator = new Emulator({ rateLimits: { enabled: false } });
  const snapshot = loadSnapshot(snapshotFile);
  let seeded = false;
  if (snapshot) {
    restoreSites(emulator, snapshot);
  } else {
    const { tokens } = addSandboxSites(emulator, makeTokens());
    await seedDemoData(emulator, tokens);
    seeded = true;
  }
  const jira: RunningServer = await serveEmulator(emulator, options.jiraPort ?? 4180);
  if (seeded) saveSnapshot(snapshotFile, snapshotSites(emulator));

  const runtime = await ForgeRuntime.start({ emulator, root: options.root, dataDir: join(options.dir, 'forge'), log });
  runtime.install('alpha');
  runtime.install('beta');
  const forge: RunningForgeServer = await serveForge(runtime, {
    port: options.forgePort ?? 4181,
    handlers: [createUiHost(runtime, { people: PEOPLE, defaultPerson: 'ada' })],
  });
  const webtriggers = { alpha: runtime.webTriggerUrl('alpha', 'partner-inbox'), beta: runtime.webTriggerUrl('beta', 'partner-inbox') };
  await ensureDemoConnection(runtime);
  if (options.rateLimits) emulator.configureRateLimits({ enabled: true });

  const info: SandboxInfo = {
    sites: { alpha: siteInfo(emulator, 'alpha'), beta: siteInfo(emulator, 'beta') },
    pages: {
      index: `${forge.origin}/`,
      alpha: { settings: settingsPageUrl(forge.origin, 'alpha', PROJECTS.alpha, SETTINGS_MODULE), issue: issuePageUrl(forge.origin, 'alpha', `${PROJECTS.alpha}-1`) },
      beta: { settings: settingsPageUrl(forge.origin, 'beta', PROJECTS.beta, SETTINGS_MODULE), issue: issuePageUrl(forge.origin, 'beta', `${PROJECTS.beta}-1`) },
    },
    forge: { origin: forge.origin, webtriggers },
    data: { seeded, restored: !!snapshot, issues: { alpha: emulator.site('alpha').issues.size, beta: emulator.site('beta').issues.size } },
  };
  writeFileSync(join(options.dir, 'sandbox.json'), JSON.stringify(info, null, 2) + '\n', { mode: 0o600 });

  // Writes go through the REST API, so the request log says when the sites changed since the last save.
  let jiraChanged = false;
  emulator.observe((e) => { if (e.method !== 'GET' && e.method !== 'HEAD') jiraChanged = true; });
  const saveJira = (): void => {
    if (!jiraChanged) return;
    jiraChanged = false;
    saveSnapshot(snapshotFile, snapshotSites(emulator));
  };
  const save = async (): Promise<void> => {
    saveJira();
    for (const inst of runtime.installed) await inst.kvs.flush();
  };
  const timer = setInterval(() => { save().catch((e: unknown) => log(`sandbox: saving failed: ${String(e)}`)); }, SAVE_EVERY_MS);
  timer.unref();
  let stopped = false;
  return {
    info,
    emulator,
    runtime,
    save,
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      await Promise.all([forge.close(), jira.close()]);
      saveJira();
      await runtime.close(); // flushes each installation's KVS
    },
  };
}

function siteInfo(emulator: Emulator, name: 'alpha' | 'beta'): SiteInfo {
  const site = emulator.site(name);
  const ada = site.users.get(PEOPLE.ada.accountId);
  if (!ada?.apiToken) throw new Error(`${name} has no API token for ${PEOPLE.ada.emailAddress}`);
  return { baseUrl: site.baseUrl, email: PEOPLE.ada.emailAddress, apiToken: ada.apiToken, projectKey: PROJECTS[name] };
}

/**
 * The demo's running sync SUP ↔ DEV, made once and kept in KVS. Each start re-reads beta's inbox URL,
 * as a partner re-announces it, because the sandbox's port may differ from the last run.
 */
async function ensureDemoConnection(runtime: ForgeRuntime): Promise<void> {
  const existing = await runtime.runAs('alpha', () => kvsConnections.signingKey(DEMO_CONNECTION));
  const signingKey = existing ?? randomBytes(32).toString('base64url');
  const summary = (local: string, partnerSite: string, partner: string): ConnectionSummary => ({
    id: DEMO_CONNECTION, localProjectKey: local, partnerSite, partnerProject: partner, state: 'running', pairs: 0, lastActivity: null, openErrors: 0,
  });
  const keep = async (site: string, s: ConnectionSummary): Promise<ConnectionSummary> =>
    (await runtime.runAs(site, () => kvsConnections.listForProject(s.localProjectKey))).find((c) => c.id === DEMO_CONNECTION) ?? s;
  const alphaInbox = await runtime.runAs('alpha', () => webTrigger.getUrl('partner-inbox'));
  const betaInbox = await runtime.runAs('beta', () => webTrigger.getUrl('partner-inbox'));
  const alphaSide = await keep('alpha', summary(PROJECTS.alpha, 'beta', PROJECTS.beta));
  const betaSide = await keep('beta', summary(PROJECTS.beta, 'alpha', PROJECTS.alpha));
  await runtime.runAs('beta', () => kvsConnections.save(betaSide, { signingKey, partnerInboxUrl: alphaInbox }));
  await runtime.runAs('alpha', () => kvsConnections.save(alphaSide, { signingKey, partnerInboxUrl: betaInbox }));
}
