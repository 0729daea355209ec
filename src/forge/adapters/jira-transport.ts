/** JiraTransport over @forge/api: the app's own identity (paced per installation), or the calling user's. */
import api, { assumeTrustedRoute, getAppContext } from '@forge/api';
import type { JiraTransport } from '../../ports/jira';
import { createPacer, type Pacer, type PacerOptions, type PacingStats } from '../../jira/pacing';

// Routes reach here already encoded by src/jira/route.ts, so Forge may take them as trusted.
// User-led requests are not paced: Jira meters them against the app + user budget, one per user, and
// they are few (a resolver's reads and permission checks), so a site-wide pace would only slow people down.
export const asUser = (): JiraTransport => ({
  requestJira: (r, init) => api.asUser().requestJira(assumeTrustedRoute(r.value), init),
});

const forgeAsApp: JiraTransport = {
  requestJira: (r, init) => api.asApp().requestJira(assumeTrustedRoute(r.value), init),
};

/**
 * One pacer per installation (one app on one site, so one set of Jira budgets). Module state outlives an
 * invocation: a warm Forge container serves the next one, possibly for another installation, and the
 * sandbox serves alpha and beta from one process.
 */
const pacers = new Map<string, Pacer>();
let pacing: PacingConfig = {};
/** Pacers idle this long hold nothing that still counts (the longest window is 30 s; quota blocks end with the hour). */
const IDLE_DROP_MS = 3_600_000;
const DROP_CHECK_AT = 100;

/** The invocation's installation, from the Forge runtime (not from the payload, which a browser can alter). */
function installationKey(): string {
  return getAppContext().installationAri.toString();
}

function pacerFor(key: string): Pacer {
  let pacer = pacers.get(key);
  if (!pacer) {
    if (pacers.size >= DROP_CHECK_AT) dropIdlePacers(Date.now());
    pacer = createPacer(forgeAsApp, { ...pacing, now: Date.now, sleep: (ms) => new Promise<void>((resolve) => setTimeout(resolve, ms)) });
    pacers.set(key, pacer);
  }
  return pacer;
}

function dropIdlePacers(now: number): void {
  for (const [key, pacer] of pacers) {
    const { since, inFlight } = pacer.idle();
    if (inFlight === 0 && now - since > IDLE_DROP_MS) pacers.delete(key);
  }
}

/** The app's own requests: everything the sync engine and jobs do. Paced under Jira's rate limits (src/jira/pacing.ts). */
export const asApp = (): JiraTransport => ({
  requestJira: (r, init) => pacerFor(installationKey()).requestJira(r, init),
  // Read when a metadata cache asks, inside the invocation: the app's answers on this installation's site.
  get site() { return installationKey(); },
});

/** Pacing counters per installation (its ARI), for benchmarks and diagnostics. */
export function pacingStats(): Record<string, PacingStats> {
  return Object.fromEntries([...pacers].map(([key, pacer]) => [key, pacer.stats()]));
}

/** Forgets every installation's pacing state and counters (benchmarks start from a clean slate). */
export function resetPacing(): void {
  pacers.clear();
}

export type PacingConfig = Omit<PacerOptions, 'now' | 'sleep'>;

/**
 * Pacing options for every installation from now on (state and counters start afresh). Production keeps
 * the defaults; the sandbox matches them to its emulator, e.g. `{ proactive: false }` while it enforces no limits.
 */
export function configurePacing(config: PacingConfig = {}): void {
  pacing = config;
  pacers.clear();
}
