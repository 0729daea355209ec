/**
 * Starts the whole sandbox in-process: the Jira emulator with alpha and beta (restored from `.sandbox/`
 * or seeded with demo data), the local Forge runtime with Lockstep installed on both, a demo sync
 * SUP ↔ DEV, and the HTTP servers. `sandbox/main.ts` is its command line; tests call it directly.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Emulator } from './jira/emulator';
import { serveEmulator, type RunningServer } from './jira/server';
import { addSandboxSites, makeTokens, PEOPLE } from './jira/sites';
import { loadSnapshot, restoreSites, saveSnapshot, snapshotSites } from './jira/persist';
import { seedDemoData } from './demo/seed';
import { ForgeRuntime } from './forge/runtime';
import { serveForge, type RunningForgeServer } from './forge/server';
import { createUiHost } from './forge/ui/host';
import { issuePageUrl, settingsPageUrl } from './forge/ui/urls';
import { linkProjects } from './demo/sync';
import { shareIssues } from '../src/engine/sync/share';
import { forgeSyncDeps } from '../src/forge/adapters/sync-deps';

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
  data: { seeded: boolean; restored: boolean; issues: { alpha: number; beta: number }; sharedByDemoSync: number };
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
/** How many existing SUP issues the demo sync shares on a fresh sandbox. */
const DEMO_SHARED_ISSUES = 25;

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
  // Links to <site>/browse/<KEY> (the panel's partner links) land on the host's issue page, as in Jira.
  emulator.browsePage = (site, key) => issuePageUrl(forge.origin, site, key);
  const webtriggers = { alpha: runtime.webTriggerUrl('alpha', 'partner-inbox'), beta: runtime.webTriggerUrl('beta', 'partner-inbox') };
  const shared = await ensureDemoConnection(runtime, emulator, seeded, log);
  if (options.rateLimits) emulator.configureRateLimits({ enabled: true });

  const info: SandboxInfo = {
    sites: { alpha: siteInfo(emulator, 'alpha'), beta: siteInfo(emulator, 'beta') },
    pages: {
      index: `${forge.origin}/`,
      alpha: { settings: settingsPageUrl(forge.origin, 'alpha', PROJECTS.alpha, SETTINGS_MODULE), issue: issuePageUrl(forge.origin, 'alpha', `${PROJECTS.alpha}-1`) },
      beta: { settings: settingsPageUrl(forge.origin, 'beta', PROJECTS.beta, SETTINGS_MODULE), issue: issuePageUrl(forge.origin, 'beta', `${PROJECTS.beta}-1`) },
    },
    forge: { origin: forge.origin, webtriggers },
    data: { seeded, restored: !!snapshot, issues: { alpha: emulator.site('alpha').issues.size, beta: emulator.site('beta').issues.size }, sharedByDemoSync: shared },
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
 * The demo's running sync SUP ↔ DEV with a suggested mapping, made once and kept in KVS. Each start
 * re-reads both inbox URLs, as partners re-announce them, because the sandbox's port may differ.
 * On a fresh sandbox the escalated SUP issues are shared at once, so DEV holds their synced copies.
 */
async function ensureDemoConnection(runtime: ForgeRuntime, emulator: Emulator, fresh: boolean, log: (line: string) => void): Promise<number> {
  await linkProjects(runtime, DEMO_CONNECTION, { site: 'alpha', project: PROJECTS.alpha }, { site: 'beta', project: PROJECTS.beta });
  if (!fresh) return 0;
  const escalated = [...emulator.site('alpha').issues.values()]
    .filter((i) => i.key.startsWith(`${PROJECTS.alpha}-`) && JSON.stringify(i.fields['labels'] ?? []).includes('escalated'))
    .slice(0, DEMO_SHARED_ISSUES)
    .map((i) => ({ id: i.id, key: i.key }));
  const results = await runtime.runAs('alpha', () => shareIssues(forgeSyncDeps(), escalated));
  await runtime.idle();
  // Every escalated ticket should sync under the suggested mapping; one that does not is worth a line.
  for (const r of results) if ('ignored' in r) log(`sandbox: the demo sync did not share an issue: ${r.ignored}`);
  return results.filter((r) => 'sent' in r).length;
}
