/** The seeder's REST caller: Basic auth as the acting person, Retry-After on 429, and a clear error for any other non-2xx. */
import type { Emulator } from '../jira/emulator';
import { PEOPLE } from '../jira/sites';

export type PersonName = keyof typeof PEOPLE;

/** What the seeder needs of an emulator: its in-process `fetch` and its origin. */
export type SeedTarget = Pick<Emulator, 'fetch' | 'origin'>;

/** A request the emulator refused; names the request, the person and Jira's answer. */
export class SeedRequestError extends Error {
  constructor(
    readonly site: string,
    readonly request: string,
    readonly status: number,
    readonly responseBody: string,
  ) {
    super(`Seeding site '${site}' failed: ${request} answered HTTP ${status}: ${responseBody.slice(0, 600)}`);
    this.name = 'SeedRequestError';
  }
}

export interface Reply<T> {
  status: number;
  body: T;
}

/** A file for a multipart upload. */
export interface UploadFile {
  filename: string;
  mimeType: string;
  bytes: Uint8Array;
}

const MAX_RETRIES = 5;
/** Caps one wait so a misconfigured limiter cannot stall a start for an hour. */
const MAX_WAIT_MS = 60_000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export class SeedClient {
  /** Requests sent, retries included. */
  requests = 0;
  private readonly auth: Record<PersonName, string>;
  private readonly base: string;

  constructor(private readonly emulator: SeedTarget, readonly site: string, tokens: Record<PersonName, string>) {
    this.base = `${emulator.origin}/${site}`;
    const basic = (p: PersonName): string => 'Basic ' + Buffer.from(`${PEOPLE[p].emailAddress}:${tokens[p]}`).toString('base64');
    this.auth = { ada: basic('ada'), sam: basic('sam'), dana: basic('dana'), omar: basic('omar') };
  }

  /** A JSON request; resolves with the parsed body of a 2xx answer. */
  async json<T = unknown>(who: PersonName, method: string, path: string, body?: unknown): Promise<Reply<T>> {
    return this.send<T>(who, method, path, () => ({
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    }));
  }

  /** Uploads files to an issue as Jira expects: multipart parts named `file`, with the XSRF header. */
  async upload<T = unknown>(who: PersonName, issueKey: string, files: readonly UploadFile[]): Promise<Reply<T>> {
    return this.send<T>(who, 'POST', `/rest/api/3/issue/${encodeURIComponent(issueKey)}/attachments`, () => {
      const form = new FormData();
      for (const f of files) form.append('file', new Blob([f.bytes as Uint8Array<ArrayBuffer>], { type: f.mimeType }), f.filename);
      return { headers: { 'X-Atlassian-Token': 'no-check' }, body: form };
    });
  }

  private async send<T>(who: PersonName, method: string, path: string, init: () => { headers: Record<string, string>; body?: BodyInit }): Promise<Reply<T>> {
    const label = `${method} ${path} (as ${who})`;
    for (let attempt = 0; ; attempt++) {
      // A request body can be read once, so each attempt builds its own request.
      const { headers, body } = init();
      const request = new Request(`${this.base}${path}`, { method, headers: { Authorization: this.auth[who], Accept: 'application/json', ...headers }, ...(body === undefined ? {} : { body }) });
      this.requests++;
      const response = await this.emulator.fetch(request);
      const text = await response.text();
      if (response.status === 429 && attempt < MAX_RETRIES) {
        const seconds = Number(response.headers.get('retry-after') ?? '1');
        await sleep(Math.min(MAX_WAIT_MS, Math.max(0, Number.isFinite(seconds) ? seconds : 1) * 1000));
        continue;
      }
      if (response.status < 200 || response.status > 299) throw new SeedRequestError(this.site, label, response.status, text);
      let parsed: unknown = undefined;
      if (text !== '') {
        try { parsed = JSON.parse(text); } catch { throw new SeedRequestError(this.site, label, response.status, `unparseable body: ${text}`); }
      }
      return { status: response.status, body: parsed as T };
    }
  }
}
