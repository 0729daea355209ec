/**
 * The demo data, read back the way any Jira client would: JQL search with nextPageToken paging, issue, comment,
 * changelog and attachment endpoints. Also: determinism, the timing budget, and failing loudly on a refused request.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Emulator } from '../jira/emulator';
import { ManualClock } from '../jira/clock';
import { addSandboxSites, makeTokens, PEOPLE } from '../jira/sites';
import { validateAdf, type AdfNode } from '../jira/openapi/adf';
import { seedDemoData, type SeedSummary } from './seed';

const TOKENS = makeTokens({ ada: 'ada-token', sam: 'sam-token', dana: 'dana-token', omar: 'omar-token' });
const AUTH = 'Basic ' + Buffer.from(`${PEOPLE.ada.emailAddress}:${TOKENS.ada}`).toString('base64');
const PROJECTS = [['alpha', 'SUP'], ['beta', 'DEV']] as const;

function freshEmulator(clock?: ManualClock): Emulator {
  const emulator = new Emulator(clock ? { clock } : {});
  addSandboxSites(emulator, TOKENS);
  return emulator;
}

async function get(emulator: Emulator, site: string, path: string): Promise<any> {
  const res = await emulator.fetch(new Request(`${emulator.origin}/${site}${path}`, { headers: { Authorization: AUTH, Accept: 'application/json' } }));
  expect(res.status, `GET ${path}`).toBe(200);
  return res.json();
}

/** Every issue matching `jql`, following nextPageToken as integrations must (search/jql has no total). */
async function searchAll(emulator: Emulator, site: string, jql: string, fields: string[]): Promise<any[]> {
  const out: any[] = [];
  let token: string | undefined;
  do {
    const query = new URLSearchParams({ jql, fields: fields.join(','), maxResults: '100', ...(token ? { nextPageToken: token } : {}) });
    const page = await get(emulator, site, `/rest/api/3/search/jql?${query}`);
    out.push(...page.issues);
    token = page.nextPageToken;
  } while (token);
  return out;
}

function walk(node: AdfNode, visit: (n: AdfNode) => void): void {
  visit(node);
  for (const child of node.content ?? []) walk(child, visit);
}

let emulator: Emulator;
let summaries: { alpha: SeedSummary; beta: SeedSummary };
let elapsedMs = 0;

beforeAll(async () => {
  emulator = freshEmulator();
  const started = performance.now();
  summaries = await seedDemoData(emulator, TOKENS);
  elapsedMs = performance.now() - started;
  const line = (s: SeedSummary): string => `${s.projectKey}: ${s.issues} issues, ${s.comments} comments, ${s.attachments} attachments, ${s.links} links, ${s.transitions} transitions, ${s.requests} requests`;
  console.log(`[demo seed] both projects seeded in ${Math.round(elapsedMs)} ms — ${line(summaries.alpha)}; ${line(summaries.beta)}`);
});

describe('seedDemoData', () => {
  it('stays far inside the time budget', () => {
    // The target is well under 10 s on two cores; 30 s only catches pathologies on a loaded machine.
    expect(elapsedMs).toBeLessThan(30_000);
  });

  describe.each(PROJECTS)('site %s, project %s', (site, projectKey) => {
    const FIELDS = ['summary', 'issuetype', 'status', 'priority', 'assignee', 'reporter', 'labels', 'components', 'fixVersions', 'duedate', 'parent', 'comment', 'attachment', 'issuelinks', 'description'];
    let issues: any[];
    let customIds: Map<string, string>;

    beforeAll(async () => {
      const fields: { id: string; name: string; custom: boolean }[] = await get(emulator, site, '/rest/api/3/field');
      customIds = new Map(fields.filter((f) => f.custom).map((f) => [f.name, f.id]));
      issues = await searchAll(emulator, site, `project = ${projectKey} ORDER BY key ASC`, [...FIELDS, ...customIds.values()]);
    });

    it('holds at least 200 issues, as the summary says', () => {
      expect(issues.length).toBeGreaterThanOrEqual(200);
      const summary = summaries[site];
      expect(summary.issues).toBe(issues.length);
      expect(summary.firstKey).toBe(`${projectKey}-1`);
      expect(new Set(issues.map((i) => i.key))).toContain(summary.lastKey);
    });

    it('varies statuses, priorities, components, versions, labels, types and assignees', () => {
      const count = (pick: (i: any) => string[]): Map<string, number> => {
        const m = new Map<string, number>();
        for (const issue of issues) for (const v of pick(issue)) m.set(v, (m.get(v) ?? 0) + 1);
        return m;
      };
      const statuses = count((i) => [i.fields.status.name]);
      expect(statuses.size).toBeGreaterThanOrEqual(4);
      expect(count((i) => [i.fields.priority.name]).size).toBe(5);
      expect([...count((i) => i.fields.components.map((c: any) => c.name)).keys()].sort()).toEqual(['API', 'Billing', 'Login', 'Mobile app']);
      expect([...count((i) => i.fields.fixVersions.map((v: any) => v.name)).keys()].sort()).toEqual(['1.0', '1.1', '2.0']);
      expect(count((i) => i.fields.labels).size).toBeGreaterThanOrEqual(15);
      expect(count((i) => [i.fields.issuetype.name]).size).toBeGreaterThanOrEqual(4);
      const assignees = count((i) => [i.fields.assignee?.displayName ?? 'Unassigned']);
      expect([...assignees.keys()]).toEqual(expect.arrayContaining(['Ada Admin', 'Sam Support', 'Dana Developer', 'Unassigned']));
      expect(count((i) => [i.fields.reporter.displayName]).size).toBeGreaterThanOrEqual(3);
      expect(issues.filter((i) => i.fields.duedate).length).toBeGreaterThan(20);
      expect(issues.filter((i) => i.fields.parent).length).toBeGreaterThan(5);
      expect(Object.fromEntries(statuses)).toEqual(summaries[site].byStatus);
    });

    it('fills custom fields of every kind', () => {
      for (const name of ['Customer', 'Severity', 'Platforms', 'Start date', 'Escalated at', 'Team lead', 'Tags', 'Reference URL', 'Root cause']) {
        const id = customIds.get(name)!;
        const used = issues.filter((i) => { const v = i.fields[id]; return v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0); });
        expect(used.length, name).toBeGreaterThan(0);
      }
    });

    it('writes rich, valid ADF descriptions', () => {
      const nodes = new Set<string>();
      const marks = new Set<string>();
      for (const issue of issues) {
        expect(validateAdf(issue.fields.description), issue.key).toEqual([]);
        walk(issue.fields.description, (n) => { nodes.add(n.type); for (const m of n.marks ?? []) marks.add(m.type); });
      }
      expect([...nodes]).toEqual(expect.arrayContaining(['paragraph', 'bulletList', 'orderedList', 'listItem', 'codeBlock', 'heading']));
      expect([...marks]).toEqual(expect.arrayContaining(['strong', 'code']));
      expect([...marks]).toContain('link');
    });

    it('has comments by several authors, attachments and links', async () => {
      const comments = issues.flatMap((i) => i.fields.comment.comments);
      expect(comments.length).toBe(summaries[site].comments);
      expect(comments.length).toBeGreaterThan(100);
      expect(new Set(comments.map((c: any) => c.author.accountId)).size).toBeGreaterThanOrEqual(3);
      expect(Math.max(...issues.map((i) => i.fields.comment.total))).toBeLessThanOrEqual(4);
      const attachments = issues.flatMap((i) => i.fields.attachment);
      expect(attachments.length).toBeGreaterThanOrEqual(5);
      const links = new Set(issues.flatMap((i) => i.fields.issuelinks.map((l: any) => l.id)));
      expect(links.size).toBeGreaterThanOrEqual(10);
      expect(links.size).toBe(summaries[site].links);

      const png = attachments.find((a: any) => a.mimeType === 'image/png');
      const log = attachments.find((a: any) => a.mimeType === 'text/plain');
      for (const a of [png, log]) expect(a).toBeDefined();
      const download = async (a: any): Promise<Uint8Array> => {
        const res = await emulator.fetch(new Request(`${a.content}?redirect=false`, { headers: { Authorization: AUTH } }));
        expect(res.status).toBe(200);
        return new Uint8Array(await res.arrayBuffer());
      };
      expect([...(await download(png)).slice(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
      expect(new TextDecoder().decode(await download(log))).toMatch(/^# exported \d{4}-\d{2}-\d{2}/);
    });

    it('reached its statuses through transitions, recorded in the changelog', async () => {
      const moved = issues.find((i) => i.fields.status.statusCategory.key === 'done')!;
      const history = await get(emulator, site, `/rest/api/3/issue/${moved.key}/changelog`);
      const statusItems = history.values.flatMap((h: any) => h.items.filter((i: any) => i.fieldId === 'status'));
      expect(statusItems.length).toBeGreaterThanOrEqual(2);
      expect(statusItems.at(-1).toString).toBe(moved.fields.status.name);
      expect(summaries[site].transitions).toBeGreaterThan(150);
    });
  });

  it('gives identical data on every run', async () => {
    const start = Date.UTC(2026, 0, 5, 9, 0, 0);
    const [a, b] = [freshEmulator(new ManualClock(start)), freshEmulator(new ManualClock(start))];
    const [sa, sb] = [await seedDemoData(a, TOKENS), await seedDemoData(b, TOKENS)];
    expect(sa).toEqual(sb);
    // The clock only shows in timestamps: the real-clock run has the same data.
    expect(sa).toEqual(summaries);
    for (const [site, key] of PROJECTS) {
      const keysAndSummaries = async (e: Emulator): Promise<string[]> => (await searchAll(e, site, `project = ${key} ORDER BY key ASC`, ['summary'])).map((i) => `${i.key} ${i.fields.summary}`);
      expect(await keysAndSummaries(a)).toEqual(await keysAndSummaries(emulator));
      const first = `/rest/api/3/issue/${key}-1?expand=changelog`;
      expect(await get(a, site, first)).toEqual(await get(b, site, first));
      expect(await get(a, site, `/rest/api/3/issue/${key}-2/comment`)).toEqual(await get(b, site, `/rest/api/3/issue/${key}-2/comment`));
    }
  });

  it('honours Retry-After when the emulator answers 429', async () => {
    const target = freshEmulator();
    let throttled = 0;
    let retriedAfterMs = 0;
    let throttledAt = 0;
    const flaky = {
      origin: target.origin,
      fetch: async (request: Request): Promise<Response> => {
        if (throttled === 0 && request.url.endsWith('/rest/api/3/issue/bulk')) {
          throttled++;
          throttledAt = performance.now();
          return new Response(JSON.stringify({ errorMessages: ['Rate limit exceeded.'], errors: {} }), { status: 429, headers: { 'Retry-After': '1', 'RateLimit-Reason': 'jira-burst-based' } });
        }
        if (throttled === 1 && retriedAfterMs === 0 && request.url.endsWith('/rest/api/3/issue/bulk')) retriedAfterMs = performance.now() - throttledAt;
        return target.fetch(request);
      },
    };
    const result = await seedDemoData(flaky, TOKENS, { issuesPerProject: 12 });
    expect(throttled).toBe(1);
    expect(retriedAfterMs).toBeGreaterThanOrEqual(990);
    expect(result.alpha.issues).toBe(12);
  });

  it('fails on any refused request, naming it', async () => {
    const target = freshEmulator();
    let refused: string | undefined;
    const failing = {
      origin: target.origin,
      fetch: async (request: Request): Promise<Response> => {
        if (refused === undefined && request.url.endsWith('/comment')) {
          refused = new URL(request.url).pathname.replace('/alpha', '');
          return new Response(JSON.stringify({ errorMessages: ['Internal server error'], errors: {} }), { status: 500, headers: { 'Content-Type': 'application/json' } });
        }
        return target.fetch(request);
      },
    };
    const error: Error = await seedDemoData(failing, TOKENS).then(() => { throw new Error('seeding should have failed'); }, (e: Error) => e);
    expect(refused).toMatch(/^\/rest\/api\/3\/issue\/SUP-\d+\/comment$/);
    expect(error.message).toContain(`Seeding site 'alpha' failed: POST ${refused} (as `);
    expect(error.message).toMatch(/answered HTTP 500: .*Internal server error/);
  });

  it('fails when credentials are refused', async () => {
    const target = freshEmulator();
    await expect(seedDemoData(target, { ...TOKENS, ada: 'wrong' })).rejects.toThrow(/GET \/rest\/api\/3\/field \(as ada\) answered HTTP 401/);
  });

  it('refuses to seed a project twice', async () => {
    await expect(seedDemoData(emulator, TOKENS)).rejects.toThrow(/project SUP already has issues/);
  });

  it('rejects a silly issue count', async () => {
    await expect(seedDemoData(freshEmulator(), TOKENS, { issuesPerProject: 3 })).rejects.toThrow(RangeError);
  });
});
