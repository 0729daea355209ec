/**
 * The local Forge runtime: reads manifest.yml and runs the app's real handlers for each installation
 * (one per emulated site) — product-event triggers, queue consumers, scheduled triggers, web triggers
 * and Custom UI resolvers — with the real @forge/* packages talking to it through Forge's runtime globals.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../jira/clock';
import type { Emulator } from '../jira/emulator';
import { APP_ACCOUNT_ID } from '../jira/model/site';
import { installForgeGlobals, type FetchDescriptor, type InvocationScope } from './context';
import type { RuntimeFaults } from './faults';
import { serveGraphql } from './graphql';
import { HandlerLoader } from './handlers';
import { Installation, stableUuid } from './installation';
import { invoke, type InvocationOutcome, type InvocationRecord, type InvocationTarget, type ModuleKind } from './invoke';
import { KvsStore, entityDeclarationsOf } from './kvs/store';
import { loadManifest, type AppManifest, type ScheduledTriggerModule } from './manifest';
import { AccountPrivacy } from './privacy';
import { jiraRequest, makeProxy } from './proxy';
import { QueueService, type AsyncEvent } from './queues';
import { Scheduler } from './scheduler';
import { TriggerDispatcher } from './triggers';
import { MAX_WEBTRIGGER_BODY_BYTES, WebTriggerRegistry, toHttpResponse, toWebTriggerRequest } from './webtriggers';

export interface ForgeRuntimeOptions {
  emulator: Emulator;
  /** The app's root: manifest.yml and src/ are read from here. */
  root: string;
  manifest?: AppManifest;
  /** Time for delays, retries and schedules; a ManualClock makes them wait for advance(). Default: the emulator's. */
  clock?: Clock;
  /** Where KVS data and the web trigger secret persist; memory only when absent. */
  dataDir?: string;
  /** Origin web trigger URLs are built on; serveForge() sets it to where it listens. */
  origin?: string;
  /**
   * `sandbox`: inside invocations `Date.now()` reads the runtime's (manual) clock, the one the emulated Jira
   * and KVS keep time by, as on Forge the function's clock is Jira's. Default `wall`: the process's clock.
   */
  appTime?: 'wall' | 'sandbox';
  /** Multiplies every function timeout, so tests can hit a 25 s limit in 25 ms. */
  timeScale?: number;
  /** Where the runtime reports failures and one line per invocation when `verbose`. */
  log?: (line: string) => void;
  verbose?: boolean;
}

/** Forge's scheduledTrigger intervals in ms. */
export const INTERVAL_MS: Record<ScheduledTriggerModule['interval'], number> = {
  fiveMinute: 5 * 60_000,
  hour: 60 * 60_000,
  day: 24 * 60 * 60_000,
  week: 7 * 24 * 60 * 60_000,
};

export class ForgeRuntime {
  readonly manifest: AppManifest;
  readonly scheduler: Scheduler;
  readonly webtriggers: WebTriggerRegistry;
  readonly environmentId: string;
  /** Every invocation so far, newest last (trimmed). */
  readonly invocations: InvocationRecord[] = [];
  private readonly installations = new Map<string, Installation>();
  /** Each installation's identity and Forge proxy, built once at install. */
  private readonly targets = new Map<string, InvocationTarget>();
  private readonly handlers: HandlerLoader;
  /** Invocations running now: a restart kills them all. */
  private readonly active = new Set<InvocationScope>();
  /** Atlassian accounts as the personal data reporting API sees them: tests close accounts and throttle it here (sandbox/forge/privacy.ts). */
  readonly accounts: AccountPrivacy;
  /** Fault hooks a soak test sets (sandbox/forge/faults.ts); none by default. */
  faults: RuntimeFaults | undefined;
  private readonly timeScale: number;
  private readonly log: (line: string) => void;

  private constructor(private readonly options: ForgeRuntimeOptions) {
    this.manifest = options.manifest ?? loadManifest(join(options.root, 'manifest.yml'));
    this.scheduler = new Scheduler(options.clock ?? options.emulator.clock);
    this.handlers = new HandlerLoader(this.manifest, join(options.root, 'src'));
    this.timeScale = options.timeScale ?? 1;
    this.log = options.log ?? ((line) => console.log(line));
    this.environmentId = stableUuid(`${this.manifest.appId}:development`);
    this.webtriggers = new WebTriggerRegistry(this.webTriggerSecret(), options.origin ?? 'http://forge.localhost');
    this.accounts = new AccountPrivacy(options.emulator, () => this.scheduler.clock.now());
  }

  /** Builds the runtime and imports every handler, so a broken one fails here and not at the first event. */
  static async start(options: ForgeRuntimeOptions): Promise<ForgeRuntime> {
    installForgeGlobals();
    const runtime = new ForgeRuntime(options);
    await runtime.handlers.preload();
    return runtime;
  }

  get emulator(): Emulator {
    return this.options.emulator;
  }

  /** The app's root; manifest resource paths resolve against it. */
  get root(): string {
    return this.options.root;
  }

  setOrigin(origin: string): void {
    this.webtriggers.setOrigin(origin);
  }

  /** Installs the app on an emulated site: its own KVS, queues, triggers, schedules and web trigger URLs. */
  install(siteName: string): Installation {
    if (this.installations.has(siteName)) throw new Error(`Lockstep is already installed on ${siteName}`);
    const site = this.emulator.site(siteName);
    const kvsFile = this.options.dataDir ? join(this.options.dataDir, 'kvs', `${siteName}.json`) : undefined;
    const kvs = new KvsStore({ entities: entityDeclarationsOf(this.manifest.raw), ...(kvsFile ? { file: kvsFile } : {}), now: () => this.scheduler.clock.now() });
    const inst = new Installation(site, this.manifest.appId, kvs, (accountId) => this.emulator.issueToken(siteName, accountId));
    inst.queues = new QueueService(this.scheduler, { consume: (queue, event) => this.consume(inst, queue, event) }, siteName, (queue, delayMs) => this.faults?.queueEvent?.(siteName, queue, delayMs));
    inst.triggers = new TriggerDispatcher(this.manifest.triggers, APP_ACCOUNT_ID, site.cloudId, this.scheduler, {
      run: (trigger, event) => this.run(inst, { kind: 'trigger', moduleKey: trigger.key, functionKey: trigger.function, args: [event, inst.functionContext()] }),
    }, (eventType, payload) => this.faults?.productEvent?.(siteName, eventType, payload));
    const unsubscribe = site.events.subscribe((event) => inst.triggers.dispatch(event));
    const cancels = this.manifest.scheduledTriggers.map((s) => this.schedule(inst, s));
    inst.stopSchedules = () => { unsubscribe(); cancels.forEach((c) => c()); };
    for (const w of this.manifest.webtriggers) this.webtriggers.idFor({ installation: siteName, moduleKey: w.key });
    const graphqlInstallation = { name: siteName, contextAri: inst.contextAri, webTriggerKeys: this.manifest.webtriggers.map((w) => w.key) };
    const served = makeProxy({
      siteBaseUrl: () => site.baseUrl,
      jiraFetch: (r) => this.emulator.fetch(r),
      tokenFor: (accountId) => inst.tokenFor(accountId),
      appAccountId: APP_ACCOUNT_ID,
      kvs: (path, b) => kvs.handle(path, b),
      graphql: async (_scope, b) => serveGraphql(b, graphqlInstallation, this.webtriggers),
      queue: (action, b) => inst.queues.handle(action, b),
      privacy: (method, b) => this.accounts.serve(siteName, method, b),
    });
    const proxy: typeof served = (scope, descriptor, path, init) => this.faulted(siteName, served, scope, descriptor, path, init);
    this.targets.set(siteName, { installationName: siteName, installationId: inst.id, contextAri: inst.contextAri, appId: this.manifest.appId, environmentId: this.environmentId, proxy });
    this.installations.set(siteName, inst);
    return inst;
  }

  installation(siteName: string): Installation {
    const inst = this.installations.get(siteName);
    if (!inst) throw new Error(`Lockstep is not installed on ${siteName}`);
    return inst;
  }

  get installed(): Installation[] {
    return [...this.installations.values()];
  }

  /** The URL `webTrigger.getUrl(moduleKey)` returns in that installation. */
  webTriggerUrl(siteName: string, moduleKey: string): string {
    this.installation(siteName);
    if (!this.manifest.webtriggers.some((w) => w.key === moduleKey)) throw new Error(`No webtrigger '${moduleKey}' in manifest.yml`);
    return this.webtriggers.urlFor({ installation: siteName, moduleKey });
  }

  /** Runs a Custom UI resolver call as Forge does: `{ call, context }` plus the verified principal. */
  async invokeResolver(input: { site: string; moduleKey: string; accountId: string; functionKey: string; payload: unknown; context: Record<string, unknown> }): Promise<InvocationOutcome> {
    const inst = this.installation(input.site);
    const ui = this.manifest.uiModules.find((u) => u.key === input.moduleKey);
    if (!ui?.resolver) return { status: 'error', error: new Error(`Module ${input.moduleKey} has no resolver`) };
    const call = { call: { functionKey: input.functionKey, payload: input.payload }, context: input.context };
    return this.run(inst, { kind: 'resolver', moduleKey: ui.key, functionKey: ui.resolver.function, accountId: input.accountId, args: [call, inst.functionContext(input.accountId)] });
  }

  /** `requestJira` from Custom UI: the site's REST API as the viewing user, as @forge/bridge's fetchProduct does. */
  async requestJiraAsUser(siteName: string, accountId: string, path: string, init: RequestInit = {}): Promise<Response> {
    const inst = this.installation(siteName);
    if (!path.startsWith('/rest/')) return new Response(JSON.stringify({ errorMessages: ['requestJira takes a /rest/ path'] }), { status: 400 });
    return this.emulator.fetch(jiraRequest(inst.site.baseUrl, inst.tokenFor(accountId), path, init));
  }

  /** Runs code as an invocation of the installation (for tests and sandbox set-up): @forge/* calls inside work. */
  async runAs<T>(siteName: string, fn: () => Promise<T>, accountId?: string): Promise<T> {
    const inst = this.installation(siteName);
    let result: T | undefined;
    const outcome = await this.run(inst, { kind: 'script', moduleKey: 'sandbox-script', functionKey: 'sandbox-script', accountId, args: [] }, async () => { result = await fn(); });
    if (outcome.status !== 'ok') throw outcome.error;
    return result as T;
  }

  /** Serves a request to `/x1/<id>…` (a web trigger) or answers 404. */
  /** Installations whose web triggers answer 503, as if their site were down (fault injection for tests). */
  readonly unreachable = new Set<string>();

  async handleWebTrigger(request: Request): Promise<Response> {
    const match = /^\/x1\/([A-Za-z0-9_-]+)(\/.*)?$/.exec(new URL(request.url).pathname);
    const target = match ? this.webtriggers.resolve(match[1]!) : undefined;
    const inst = target ? this.installations.get(target.installation) : undefined;
    const module = target ? this.manifest.webtriggers.find((w) => w.key === target.moduleKey) : undefined;
    if (!target || !inst || !module) return new Response('Not found', { status: 404 });
    if (this.unreachable.has(inst.name)) return new Response('Service unavailable', { status: 503 });
    const fault = this.faults?.webtrigger?.(inst.name);
    if (fault && fault !== 'lost') return fault.respond;
    const length = Number(request.headers.get('content-length') ?? 0);
    if (length > MAX_WEBTRIGGER_BODY_BYTES) return new Response('Payload too large', { status: 413 });
    const req = await toWebTriggerRequest(request, match![2] ?? '', { cloudId: inst.site.cloudId, moduleKey: module.key });
    const outcome = await this.run(inst, { kind: 'webtrigger', moduleKey: module.key, functionKey: module.function, args: [req, inst.functionContext()] });
    // The request was served but its answer never reached the caller, as when a connection drops.
    if (fault === 'lost') return new Response('Gateway timeout', { status: 504 });
    return toHttpResponse(outcome, module.response?.type === 'dynamic');
  }

  /**
   * Kills every running invocation at once, as a crashed runtime would: their outcomes are time-outs
   * (queue messages and product events are then delivered again), and nothing they do afterwards happens.
   */
  killAll(reason = 'was killed: the runtime restarted'): number {
    const running = [...this.active];
    for (const scope of running) scope.abort?.(reason);
    return running.length;
  }

  /** An SDK call of an invocation, through the fault hooks when a test set them. */
  private async faulted(site: string, served: InvocationTarget['proxy'], scope: InvocationScope, descriptor: FetchDescriptor, path: string, init: RequestInit | undefined): Promise<Response> {
    const faults = this.faults;
    if (!faults) return served(scope, descriptor, path, init);
    const what = descriptor.type === 'kvs' ? 'kvs' : descriptor.remote === 'jira' ? 'jira' : descriptor.remote ?? descriptor.type;
    const killed = faults.kill?.(scope, what);
    if (killed) {
      scope.abort?.(killed);
      throw new Error(`Invocation ${scope.id} ${killed}`);
    }
    if (what !== 'jira' || !faults.jira) return served(scope, descriptor, path, init);
    const fault = faults.jira(site, scope, new Request(`http://jira.invalid${path}`, { method: init?.method ?? 'GET' }));
    if (!fault) return served(scope, descriptor, path, init);
    if ('respond' in fault) return fault.respond;
    if (fault.hang.reached) await served(scope, descriptor, path, init).catch(() => undefined);
    scope.abort?.('timed out: a Jira request never answered');
    throw new Error(`Invocation ${scope.id}: a Jira request to ${path} never answered`);
  }

  /** Moves a ManualClock forward, running every delivery, retry and schedule that falls due. */
  advance(ms: number): Promise<void> {
    return this.scheduler.advance(ms);
  }

  /** When the next delayed delivery, retry or schedule falls due on the runtime's clock, if any. */
  nextDueAt(): number | undefined {
    return this.scheduler.nextDueAt;
  }

  /** Queue events of every installation still to be delivered (now or after a delay or retry). */
  pendingQueueEvents(): number {
    return [...this.installations.values()].reduce((n, inst) => n + (inst.queues?.waiting ?? 0), 0);
  }

  /** Waits until nothing is running and nothing is due now. */
  idle(): Promise<void> {
    return this.scheduler.idle();
  }

  async close(): Promise<void> {
    this.scheduler.close();
    for (const inst of this.installations.values()) {
      inst.stopSchedules();
      await inst.kvs.close();
    }
  }

  private consume(inst: Installation, queueName: string, event: AsyncEvent): Promise<InvocationOutcome> | undefined {
    const consumer = this.manifest.consumers.find((c) => c.queue === queueName);
    if (!consumer) return undefined;
    return this.run(inst, { kind: 'consumer', moduleKey: consumer.key, functionKey: consumer.function, args: [event, inst.functionContext()] });
  }

  private schedule(inst: Installation, trigger: ScheduledTriggerModule): () => void {
    const every = INTERVAL_MS[trigger.interval];
    let cancel = (): void => undefined;
    const tick = async (): Promise<void> => {
      cancel = this.scheduler.after(every, tick);
      const event = { context: { cloudId: inst.site.cloudId, moduleKey: trigger.key, userAccess: { enabled: false } }, contextToken: `sandbox-${inst.id}` };
      // Scheduled runs are not retried by Forge: a failure waits for the next interval. Forge may also run one twice.
      const runs = this.faults?.scheduledRuns?.(inst.name, trigger.key) ?? 1;
      await Promise.all(Array.from({ length: runs }, () => this.run(inst, { kind: 'scheduledTrigger', moduleKey: trigger.key, functionKey: trigger.function, args: [event, inst.functionContext()] })));
    };
    cancel = this.scheduler.after(every, tick);
    return () => cancel();
  }

  private async run(
    inst: Installation,
    request: { kind: ModuleKind; moduleKey: string; functionKey: string; accountId?: string | undefined; args: unknown[] },
    body?: () => Promise<void>,
  ): Promise<InvocationOutcome> {
    const handler = body ?? (await this.handlers.handler(request.functionKey));
    const { outcome, record } = await invoke(this.targets.get(inst.name)!, this.manifest, handler as (...a: unknown[]) => unknown, request, { timeScale: this.timeScale, scopes: this.manifest.scopes, active: this.active, clockNow: this.options.appTime === 'sandbox' && this.scheduler.manual ? () => this.scheduler.clock.now() : undefined });
    this.invocations.push(record);
    if (this.invocations.length > 10_000) this.invocations.splice(0, this.invocations.length - 10_000);
    if (outcome.status !== 'ok') this.log(`[forge ${inst.name}] ${request.kind} ${request.moduleKey} → ${request.functionKey} ${outcome.status}: ${outcome.error.message}`);
    else if (this.options.verbose) this.log(`[forge ${inst.name}] ${request.kind} ${request.moduleKey} → ${request.functionKey} ok in ${record.ms} ms`);
    return outcome;
  }

  /** The secret behind web trigger ids: random, and kept in dataDir so URLs survive a restart. */
  private webTriggerSecret(): string {
    const dir = this.options.dataDir;
    if (!dir) return randomBytes(32).toString('hex');
    const file = join(dir, 'webtrigger-secret');
    if (existsSync(file)) return readFileSync(file, 'utf8').trim();
    mkdirSync(dir, { recursive: true });
    const secret = randomBytes(32).toString('hex');
    writeFileSync(file, secret + '\n', { mode: 0o600 });
    return secret;
  }
}
