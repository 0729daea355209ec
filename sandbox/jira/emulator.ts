/**
 * The Jira Cloud emulator: several sites behind one `fetch(Request) → Response` function.
 * Each site is served below `<origin>/<site>` exactly as Jira Cloud serves `/rest/api/3/...`.
 */
import { randomBytes } from 'node:crypto';
import { Site, type SiteOptions } from './model/site';
import { systemClock, type Clock } from './clock';
import { TokenRegistry, authenticate } from './http/auth';
import { JiraHttpError } from './http/errors';
import type { RouteContext, RouteResult } from './http/context';
import { isJsonMediaType, readJson } from './http/context';
import type { Router } from './http/router';
import { RateLimiter, type RateLimitStats } from './ratelimit/limiter';
import { DEFAULT_RATE_LIMITS, type RateLimitConfig } from './ratelimit/config';
import { FaultInjector, NO_FAULTS, type FaultConfig } from './faults';
import { buildRouter } from './routes';

/** One request and its answer, for observers such as the OpenAPI contract test. */
export interface Exchange {
  site: string;
  method: string;
  path: string;
  /** The OpenAPI path template that served it, or null when no route matched. */
  template: string | null;
  status: number;
  requestBody: unknown;
  responseBody: unknown;
  /** Who made it (an account id), once authenticated; benchmarks tell the app's requests from a driver's. */
  caller: string | null;
  /** Rate-limit points charged for it: 1 + 1 per object returned, 0 when refused. */
  points: number;
  /** The emulator clock when it was answered. */
  at: number;
}

export interface EmulatorOptions {
  /** Where the emulator is reachable, without trailing slash; site base URLs are `<origin>/<site>`. */
  origin?: string;
  clock?: Clock;
  rateLimits?: Partial<RateLimitConfig>;
  faults?: Partial<FaultConfig>;
}

const JSON_TYPE = 'application/json;charset=UTF-8';

export class Emulator {
  readonly sites = new Map<string, Site>();
  readonly router: Router = buildRouter();
  readonly clock: Clock;
  readonly faults: FaultInjector;
  private readonly tokens = new Map<string, TokenRegistry>();
  private readonly limiters = new Map<string, RateLimiter>();
  private readonly observers = new Set<(e: Exchange) => void>();
  private readonly hanging = new Set<() => void>();
  private rateLimitConfig: RateLimitConfig;
  private originUrl: string;

  constructor(options: EmulatorOptions = {}) {
    this.clock = options.clock ?? systemClock;
    this.originUrl = options.origin ?? 'http://jira.localhost';
    this.rateLimitConfig = { ...DEFAULT_RATE_LIMITS, ...options.rateLimits };
    this.faults = new FaultInjector({ ...NO_FAULTS, ...options.faults });
  }

  get origin(): string {
    return this.originUrl;
  }

  /** Re-points every site's base URL, e.g. once the HTTP server knows its port. */
  setOrigin(origin: string): void {
    this.originUrl = origin.replace(/\/$/, '');
    for (const site of this.sites.values()) site.baseUrl = `${this.originUrl}/${site.name}`;
  }

  addSite(options: SiteOptions): Site {
    if (!/^[a-z][a-z0-9-]*$/.test(options.name)) throw new Error(`invalid site name ${options.name}`);
    if (this.sites.has(options.name)) throw new Error(`site ${options.name} exists`);
    const site = new Site(options, this.clock);
    site.baseUrl = `${this.originUrl}/${site.name}`;
    this.sites.set(site.name, site);
    this.tokens.set(site.name, new TokenRegistry());
    this.limiters.set(site.name, new RateLimiter(this.rateLimitConfig, this.clock));
    return site;
  }

  site(name: string): Site {
    const site = this.sites.get(name);
    if (!site) throw new Error(`no site ${name}`);
    return site;
  }

  /** Mints a bearer token for `accountId` on a site (the Forge runtime's asApp/asUser credentials). */
  issueToken(siteName: string, accountId: string): string {
    const token = randomBytes(24).toString('base64url');
    this.tokens.get(this.site(siteName).name)!.issue(accountId, token);
    return token;
  }

  configureRateLimits(config: Partial<RateLimitConfig>): void {
    this.rateLimitConfig = { ...this.rateLimitConfig, ...config };
    for (const limiter of this.limiters.values()) limiter.config = this.rateLimitConfig;
  }

  get rateLimits(): RateLimitConfig {
    return this.rateLimitConfig;
  }

  /** Requests, points and 429s per site since the last reset. */
  stats(siteName: string): RateLimitStats {
    return this.limiters.get(siteName)?.stats ?? { requests: 0, points: 0, rejected: {} };
  }

  resetLimits(): void {
    for (const limiter of this.limiters.values()) limiter.reset();
  }

  observe(observer: (e: Exchange) => void): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  /** Releases hung requests (they answer 503) so servers can close. */
  releaseHung(): void {
    for (const release of this.hanging) release();
    this.hanging.clear();
  }

  /** Where a browser opening `<site>/browse/<KEY>` is sent: the sandbox host's issue page, once it is listening. */
  browsePage: ((site: string, issueKey: string) => string) | undefined;

  /** Serves one request. Never throws: every failure becomes a Jira-shaped response. */
  readonly fetch = async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    const [, siteName = '', ...rest] = url.pathname.split('/');
    const path = '/' + rest.join('/');
    const site = this.sites.get(siteName);
    const method = request.method.toUpperCase();
    let requestBody: unknown;
    let template: string | null = null;
    let caller: string | null = null;
    let points = 0;
    const finish = (status: number, body: unknown, headers: Record<string, string>, raw?: RouteResult['raw']): Response => {
      for (const observer of this.observers) observer({ site: siteName, method, path, template, status, requestBody, responseBody: body, caller, points, at: this.clock.now() });
      if (raw) {
        return new Response(raw.bytes as Uint8Array<ArrayBuffer>, { status, headers: { 'Content-Type': raw.contentType, ...(raw.filename ? { 'Content-Disposition': `attachment; filename="${raw.filename}"` } : {}), ...headers } });
      }
      if (body === undefined || status === 204) return new Response(null, { status, headers });
      return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': JSON_TYPE, ...headers } });
    };
    const browse = /^\/browse\/([A-Z][A-Z0-9_]{1,9}-\d+)$/.exec(path);
    if (site && browse && method === 'GET' && this.browsePage) return new Response(null, { status: 302, headers: { Location: this.browsePage(site.name, browse[1]!) } });
    if (!site || !path.startsWith('/rest/api/3/')) {
      return finish(404, { errorMessages: [site ? `No resource at ${path}` : `No site '${siteName}'`], errors: {} }, {});
    }
    const limiter = this.limiters.get(site.name)!;
    try {
      const delay = this.faults.delayMs();
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      const fault = this.faults.decide();
      if (fault.kind === 'hang') {
        await new Promise<void>((resolve) => {
          const release = (): void => { this.hanging.delete(release); resolve(); };
          this.hanging.add(release);
          request.signal.addEventListener('abort', release, { once: true });
        });
        throw new JiraHttpError(503, ['The request timed out.']);
      }
      if (fault.kind === 'error') throw new JiraHttpError(fault.status, [fault.status === 503 ? 'Service Unavailable' : 'Internal server error']);
      const user = authenticate(site, this.tokens.get(site.name)!, request.headers.get('authorization'));
      caller = user.accountId;
      const match = this.router.match(method, path);
      if (!match) throw new JiraHttpError(404, [`No resource at ${path}`]);
      if ('allowed' in match) throw new JiraHttpError(405, [`Method ${method} is not allowed for ${path}`], {}, { Allow: match.allowed.join(', ') });
      template = match.route.template;
      const target = match.params['issueIdOrKey'];
      const written = method !== 'GET' && target !== undefined ? site.issue(target)?.id : undefined;
      limiter.admit(method, template, written);
      const isJson = isJsonMediaType(request.headers.get('content-type'));
      if (method !== 'GET' && method !== 'DELETE' && isJson) requestBody = await readJson(request);
      const ctx: RouteContext = {
        emulator: this, site, caller: user, params: match.params, query: url.searchParams, request,
        json: async () => {
          if (!isJson && method !== 'GET') {
            const text = await request.text().catch(() => '');
            if (text.trim() !== '') throw new JiraHttpError(415, ['Unsupported Media Type: send Content-Type: application/json.']);
          }
          return requestBody;
        },
      };
      const result = await match.route.handler(ctx);
      points = limiter.charge(result.objects ?? (method === 'GET' ? 1 : 0));
      return finish(result.status, result.raw ? undefined : result.body, { ...limiter.headers(), ...result.headers }, result.raw);
    } catch (error) {
      if (error instanceof JiraHttpError) return finish(error.status, error.body(), { ...limiter.headers(), ...error.headers });
      console.error(`[jira:${site.name}] ${method} ${path} failed`, error);
      return finish(500, { errorMessages: ['Internal server error'], errors: {} }, {});
    }
  };
}
