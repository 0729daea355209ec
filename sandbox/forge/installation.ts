/** One installation of the app on one site: its identity, its KVS, its queues and its triggers. */
import { createHash } from 'node:crypto';
import type { Site } from '../jira/model/site';
import type { KvsStore } from './kvs/store';
import type { QueueService } from './queues';
import type { TriggerDispatcher } from './triggers';

/** A stable UUID-shaped id from a seed, so an installation keeps its id (and its data) across restarts. */
export function stableUuid(seed: string): string {
  const h = createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export class Installation {
  readonly id: string;
  readonly contextAri: string;
  private readonly tokens = new Map<string, string>();
  /** Wired by the runtime right after construction (they call back into this installation). */
  queues!: QueueService;
  triggers!: TriggerDispatcher;
  /**
   * The license Forge reports in every invocation's context: active by default, as a paid app's is; a test
   * sets `{ active: false, isActive: false }` to see Lockstep unlicensed, or undefined for a free app.
   */
  license: Record<string, unknown> | undefined = { active: true, isActive: true };
  /** Cancels the installation's scheduled triggers and event subscription; set by the runtime. */
  stopSchedules: () => void = () => undefined;

  constructor(
    readonly site: Site,
    readonly appId: string,
    readonly kvs: KvsStore,
    private readonly mintToken: (accountId: string) => string,
  ) {
    this.id = stableUuid(`${appId}:${site.cloudId}`);
    this.contextAri = `ari:cloud:jira::site/${site.cloudId}`;
  }

  get name(): string {
    return this.site.name;
  }

  /** The bearer token the Forge proxy uses for an account on this site, minted once. */
  tokenFor(accountId: string): string {
    let token = this.tokens.get(accountId);
    if (!token) {
      token = this.mintToken(accountId);
      this.tokens.set(accountId, token);
    }
    return token;
  }

  /** The `context` argument Forge passes every function of this installation. */
  functionContext(accountId?: string): Record<string, unknown> {
    return {
      installContext: this.contextAri,
      installation: { id: this.id, contexts: [this.contextAri] },
      ...(this.license ? { license: this.license } : {}),
      ...(accountId ? { principal: { accountId } } : {}),
    };
  }
}
