/**
 * Two installations in one process for the write-path fuzz suites: SUP on `alpha` and DEV on `beta`,
 * each with in-memory stores (fresh per case, so one case cannot leak into the next) over one shared
 * Jira emulator, and a partner transport that hands each signed request to the other side's web
 * trigger entry points, as the real router does. `snapshot` captures every store of both sides.
 */
import { Channel, CHANNEL_HEADER } from '../../src/domain/connections/messages';
import type { SyncConfig } from '../../src/domain/config/schema';
import type { MigrationDeps } from '../../src/engine/migration/deps';
import { answerPartnerRequest, isMigrationChannel } from '../../src/engine/migration/partner';
import { answerCatalogRequest } from '../../src/engine/sync/catalog';
import { receivePartnerRequest } from '../../src/engine/sync/receive';
import type { ConnectionSummary } from '../../src/ports/connections';
import { MemoryClaims } from '../../src/ports/fakes/claims';
import { MemoryConnections } from '../../src/ports/fakes/connections';
import { MemoryAudit, MemoryHealth } from '../../src/ports/fakes/health';
import { MemoryIntents } from '../../src/ports/fakes/intents';
import { MemoryJobs, MemoryTexts } from '../../src/ports/fakes/jobs';
import { MemoryPairs } from '../../src/ports/fakes/pairs';
import { MemoryQueue } from '../../src/ports/fakes/queue';
import { MemorySyncState } from '../../src/ports/fakes/sync';
import type { Pair } from '../../src/ports/pairs';
import type { PartnerTransport } from '../../src/ports/relay';
import { APP_ACCOUNT_ID } from '../../sandbox/jira/model/site';
import type { Emulator } from '../../sandbox/jira/emulator';
import { sandboxEmulator } from './jira';
import { seedIssues, type SeededIssue } from './seed';
import { emulatorTransport } from './transport';

export const CONNECTION = 'sup-dev';
export const SIGNING_KEY = 'fuzz-signing-key-0123456789abcdefghijklmnopq';
export const NOW = Date.UTC(2026, 10, 21, 10, 0, 0);

export type SideDeps = MigrationDeps & { claims: MemoryClaims; intents: MemoryIntents; jobQueue: MemoryQueue; outbox: MemoryQueue; inbox: MemoryQueue };

export interface FuzzSide {
  site: 'alpha' | 'beta';
  project: 'SUP' | 'DEV';
  deps: SideDeps;
}

export interface FuzzJira {
  emulator: Emulator;
  /** Issues seeded in SUP (alpha) and DEV (beta), in key order. */
  sup: SeededIssue[];
  dev: SeededIssue[];
}

/** The emulator with `n` issues in each project, written straight into its store (no events). */
export function fuzzJira(n = 8): FuzzJira {
  const emulator = sandboxEmulator();
  emulator.configureRateLimits({ enabled: false });
  return { emulator, sup: seedIssues(emulator.site('alpha'), 'SUP', n), dev: seedIssues(emulator.site('beta'), 'DEV', n) };
}

const inbox = (site: string) => `https://${site}.fuzz.test/x1/inbox`;

function side(jira: FuzzJira, site: 'alpha' | 'beta', partner: PartnerTransport, now: () => number): FuzzSide {
  const project = site === 'alpha' ? 'SUP' : 'DEV';
  const deps: SideDeps = {
    connections: new MemoryConnections(), pairs: new MemoryPairs(), state: new MemorySyncState(), intents: new MemoryIntents(),
    health: new MemoryHealth(), audit: new MemoryAudit(), claims: new MemoryClaims(),
    jira: emulatorTransport(jira.emulator, site, APP_ACCOUNT_ID),
    outbox: new MemoryQueue(), inbox: new MemoryQueue(), jobQueue: new MemoryQueue(), jobs: new MemoryJobs(), texts: new MemoryTexts(),
    partner, now, random: () => 0.5,
  };
  return { site, project, deps };
}

export interface FuzzWorld {
  alpha: FuzzSide;
  beta: FuzzSide;
  /** Every store of both sides, deep-copied; the replay claims (a signature once seen) are left out. */
  snapshot(): unknown;
}

/** A fresh pair of installations linked by connection `sup-dev`, in `state`, with `pairs` stored on both sides. */
export async function fuzzWorld(jira: FuzzJira, options: { state?: ConnectionSummary['state']; pairs?: readonly Pair[]; configs?: { alpha?: SyncConfig; beta?: SyncConfig } } = {}): Promise<FuzzWorld> {
  const sides: Partial<Record<'alpha' | 'beta', FuzzSide>> = {};
  const now = () => NOW;
  // Hands a signed request to the other side's entry points, as the web trigger's router does.
  const transport = (to: 'alpha' | 'beta'): PartnerTransport => ({
    async post(_url, body, headers) {
      const target = sides[to]!.deps;
      const req = { method: 'POST', header: (name: string) => headers[name.toLowerCase()] ?? '', body };
      const channel = req.header(CHANNEL_HEADER);
      const answer = isMigrationChannel(channel) ? await answerPartnerRequest(target, channel, req)
        : channel === Channel.catalog ? await answerCatalogRequest(target, req)
          : await receivePartnerRequest(target, req);
      return { status: answer.status, body: JSON.stringify(answer.body) };
    },
  });
  const alpha = (sides.alpha = side(jira, 'alpha', transport('beta'), now));
  const beta = (sides.beta = side(jira, 'beta', transport('alpha'), now));
  for (const [s, other] of [[alpha, beta], [beta, alpha]] as const) {
    await s.deps.connections.save(
      { id: CONNECTION, localProjectKey: s.project, partnerSite: other.site, partnerProject: other.project, state: options.state ?? 'stopped', pairs: 0, lastActivity: null, openErrors: 0 },
      { signingKey: SIGNING_KEY, partnerInboxUrl: inbox(other.site) },
    );
    const config = options.configs?.[s.site];
    if (config) await s.deps.connections.saveConfig(CONNECTION, config);
  }
  if (options.pairs?.length) {
    await alpha.deps.pairs.putMany(options.pairs);
    await beta.deps.pairs.putMany(options.pairs.map(mirrored));
  }
  return {
    alpha, beta,
    snapshot: () => structuredClone({ alpha: storesOf(alpha), beta: storesOf(beta) }),
  };
}

function storesOf(s: FuzzSide): Record<string, unknown> {
  const { claims: _claims, jira: _jira, partner: _partner, now: _now, random: _random, ...stores } = s.deps;
  return stores;
}

/** The partner side's record of the same pair. */
export const mirrored = (p: Pair): Pair => ({ ...p, localIssueId: p.partnerIssueId, localIssueKey: p.partnerIssueKey, partnerIssueId: p.localIssueId, partnerIssueKey: p.localIssueKey });

/** A pair of sup-dev as the alpha side stores it. */
export const pairOf = (local: SeededIssue, partner: SeededIssue): Pair => ({
  connectionId: CONNECTION, localIssueId: local.id, localIssueKey: local.key, partnerIssueId: partner.id, partnerIssueKey: partner.key,
  firstSyncAt: new Date(NOW - 86_400_000).toISOString(), lastSentAt: null, lastReceivedAt: null, lastError: null, status: 'active',
});

/** Every pair a side stores for sup-dev. */
export async function allPairs(s: FuzzSide): Promise<Pair[]> {
  return (await s.deps.pairs.list(CONNECTION, { limit: 100_000 })).pairs;
}
