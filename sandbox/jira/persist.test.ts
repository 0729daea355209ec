/**
 * Persistence: seeded sites survive snapshot → JSON → restore into a brand-new emulator, answering REST exactly as
 * before; ids and keys continue where they left off; bad snapshots are refused clearly and change nothing.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Emulator } from './emulator';
import { addSandboxSites, makeTokens, PEOPLE } from './sites';
import { seedDemoData } from '../demo/seed';
import { loadSnapshot, restoreSites, saveSnapshot, snapshotSites, SnapshotError, type EmulatorSnapshot } from './persist';

const TOKENS = makeTokens({ ada: 'ada-token', sam: 'sam-token', dana: 'dana-token', omar: 'omar-token' });
const PROJECTS = [['alpha', 'SUP'], ['beta', 'DEV']] as const;

function as(who: keyof typeof PEOPLE): string {
  return 'Basic ' + Buffer.from(`${PEOPLE[who].emailAddress}:${TOKENS[who]}`).toString('base64');
}

async function call(emulator: Emulator, site: string, method: string, path: string, body?: unknown, who: keyof typeof PEOPLE = 'ada'): Promise<{ status: number; body: any }> {
  const init: RequestInit = { method, headers: { Authorization: as(who), Accept: 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) } };
  if (body !== undefined) init.body = JSON.stringify(body);
  const res = await emulator.fetch(new Request(`${emulator.origin}/${site}${path}`, init));
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

async function bytes(emulator: Emulator, url: string): Promise<{ status: number; type: string | null; data: number[] }> {
  const res = await emulator.fetch(new Request(url, { headers: { Authorization: as('ada') } }));
  return { status: res.status, type: res.headers.get('content-type'), data: [...new Uint8Array(await res.arrayBuffer())] };
}

/** Every page of a JQL search, following nextPageToken. */
async function searchAll(emulator: Emulator, site: string, jql: string, fields: string): Promise<unknown[]> {
  const pages: unknown[] = [];
  let token: string | undefined;
  do {
    const q = new URLSearchParams({ jql, fields, maxResults: '50', ...(token ? { nextPageToken: token } : {}) });
    const page = await call(emulator, site, 'GET', `/rest/api/3/search/jql?${q}`);
    expect(page.status).toBe(200);
    pages.push(page.body);
    token = page.body.nextPageToken;
  } while (token);
  return pages;
}

let original: Emulator;
let restored: Emulator;
let snapshot: EmulatorSnapshot;
let json: string;

beforeAll(async () => {
  original = new Emulator();
  addSandboxSites(original, TOKENS);
  await seedDemoData(original, TOKENS, { issuesPerProject: 60 });
  // App data on issues, which the seed does not write.
  expect((await call(original, 'alpha', 'PUT', '/rest/api/3/issue/SUP-2/properties/lockstep.sync', { partner: 'DEV-7', seq: 3 })).status).toBe(201);
  expect((await call(original, 'beta', 'PUT', '/rest/api/3/issue/DEV-5/properties/lockstep.sync', { partner: 'SUP-9', seq: [1, 2] })).status).toBe(201);
  snapshot = snapshotSites(original);
  json = JSON.stringify(snapshot);
  restored = new Emulator();
  restoreSites(restored, JSON.parse(json));
});

describe('snapshot and restore', () => {
  it('is plain JSON with a version', () => {
    expect(JSON.parse(json)).toEqual(snapshot);
    expect(snapshot).toMatchObject({ kind: 'lockstep.jira-emulator.snapshot', version: 1 });
    expect(snapshot.sites.map((s) => s.name)).toEqual(['alpha', 'beta']);
  });

  it('captures every piece of site state, so a second snapshot equals the first', () => {
    expect(snapshotSites(restored)).toEqual(snapshot);
    for (const name of ['alpha', 'beta']) {
      const [a, b] = [original.site(name), restored.site(name)];
      expect(b.counters()).toEqual(a.counters());
      expect(b.cloudId).toBe(a.cloudId);
      expect([...b.issueIdByKey]).toEqual([...a.issueIdByKey]);
      expect([...b.projects.values()]).toEqual([...a.projects.values()]);
      expect([...b.issues.values()]).toEqual([...a.issues.values()]);
      expect([...b.attachments.values()].map((x) => x.content)).toEqual([...a.attachments.values()].map((x) => x.content));
    }
  });

  it('does not fire product events', () => {
    expect(restored.site('alpha').events.log).toHaveLength(0);
    expect(restored.site('beta').events.log).toHaveLength(0);
  });

  it('keeps API tokens: every person signs in as before', async () => {
    for (const who of ['ada', 'sam', 'dana', 'omar'] as const) {
      const me = await call(restored, 'alpha', 'GET', '/rest/api/3/myself', undefined, who);
      expect(me.status).toBe(200);
      expect(me.body.accountId).toBe(PEOPLE[who].accountId);
    }
  });

  describe.each(PROJECTS)('site %s', (site, projectKey) => {
    const sample = (n: number): string[] => Array.from({ length: n }, (_, i) => `${projectKey}-${1 + i * 7}`);

    it('answers issue, comment, changelog and transition requests exactly as before', async () => {
      for (const key of sample(9)) {
        for (const path of [
          `/rest/api/3/issue/${key}?expand=changelog,renderedFields,names,schema&properties=lockstep.sync`,
          `/rest/api/3/issue/${key}/comment?expand=renderedBody`,
          `/rest/api/3/issue/${key}/changelog`,
          `/rest/api/3/issue/${key}/transitions`,
          `/rest/api/3/issue/${key}/properties`,
        ]) {
          const [a, b] = [await call(original, site, 'GET', path), await call(restored, site, 'GET', path)];
          expect(b.status, path).toBe(200);
          expect(b.body, path).toEqual(a.body);
        }
      }
    });

    it('serves the same attachment metadata and bytes', async () => {
      const attachments = [...original.site(site).attachments.values()];
      expect(attachments.length).toBeGreaterThanOrEqual(5);
      for (const a of attachments) {
        const meta = `/rest/api/3/attachment/${a.id}`;
        expect((await call(restored, site, 'GET', meta)).body).toEqual((await call(original, site, 'GET', meta)).body);
        const url = (e: Emulator): string => `${e.origin}/${site}/rest/api/3/attachment/content/${a.id}?redirect=false`;
        const [x, y] = [await bytes(original, url(original)), await bytes(restored, url(restored))];
        expect(y.status).toBe(200);
        expect(y).toEqual(x);
      }
    });

    it('answers searches, metadata and project requests exactly as before', async () => {
      const jqls = [`project = ${projectKey} ORDER BY key ASC`, `project = ${projectKey} AND status = "In Progress" ORDER BY priority DESC, key ASC`, `project = ${projectKey} AND labels is not EMPTY`];
      for (const jql of jqls) expect(await searchAll(restored, site, jql, '*all')).toEqual(await searchAll(original, site, jql, '*all'));
      for (const path of ['/rest/api/3/field', '/rest/api/3/status', '/rest/api/3/priority', '/rest/api/3/issuetype', '/rest/api/3/issueLinkType', `/rest/api/3/project/${projectKey}`, `/rest/api/3/project/${projectKey}/statuses`, '/rest/api/3/workflow/search?expand=transitions,statuses']) {
        expect((await call(restored, site, 'GET', path)).body, path).toEqual((await call(original, site, 'GET', path)).body);
      }
      const links = [...original.site(site).links.keys()].slice(0, 3);
      for (const id of links) expect((await call(restored, site, 'GET', `/rest/api/3/issueLink/${id}`)).body).toEqual((await call(original, site, 'GET', `/rest/api/3/issueLink/${id}`)).body);
    });

    it('continues keys and ids where the original left off', async () => {
      const create = { fields: { project: { key: projectKey }, issuetype: { name: 'Task' }, summary: 'Created after the restore' } };
      const [a, b] = [await call(original, site, 'POST', '/rest/api/3/issue', create), await call(restored, site, 'POST', '/rest/api/3/issue', create)];
      expect(a.status).toBe(201);
      expect(b.body.key).toBe(`${projectKey}-61`);
      expect(b.body).toEqual(a.body);
      const comment = { body: { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'First comment after restore' }] }] } };
      const [ca, cb] = [await call(original, site, 'POST', `/rest/api/3/issue/${a.body.key}/comment`, comment), await call(restored, site, 'POST', `/rest/api/3/issue/${b.body.key}/comment`, comment)];
      expect(cb.body.id).toBe(ca.body.id);
      const ids = new Set([...restored.site(site).comments.keys()]);
      expect(ids.size).toBe(restored.site(site).comments.size);
    });
  });
});

describe('invalid snapshots', () => {
  const mutated = (change: (s: any) => void): unknown => {
    const copy = JSON.parse(json);
    change(copy);
    return copy;
  };

  it.each([
    ['not an object', () => 'nope', /expected a JSON object/],
    ['another kind of file', () => ({ kind: 'something-else', version: 1, sites: [] }), /kind is "something-else"/],
    ['a newer version', () => mutated((s) => { s.version = 2; }), /Unsupported emulator snapshot version 2: this emulator reads version 1/],
    ['a malformed issue key', () => mutated((s) => { s.sites[1].issues[0].key = 42; }), /sites\[1\] \(beta\)\.issues\[0\]\.key: Invalid input: expected string/],
    ['an unknown property', () => mutated((s) => { s.sites[0].users[0].password = 'x'; }), /sites\[0\] \(alpha\)\.users\[0\]: Unrecognized key: "password"/],
    ['a dangling status', () => mutated((s) => { s.sites[0].issues[3].statusId = '999999'; }), /sites\[0\] \(alpha\)\.issues\[3\] \(SUP-4\)\.statusId: status 999999 does not exist/],
    ['a comment its issue does not list', () => mutated((s) => { s.sites[0].issues.find((i: any) => i.commentIds.length > 0).commentIds = []; }), /comments\[\d+\]\.issueId: issue \d+ does not exist or does not list comment \d+/],
    ['an id counter behind the ids in use', () => mutated((s) => { s.sites[1].counters.nextId = 30001; }), /sites\[1\] \(beta\)\.counters\.nextId: 30001 is not above the largest id in use/],
    ['a key counter behind the keys in use', () => mutated((s) => { s.sites[0].projects[0].nextIssueNumber = 5; }), /nextIssueNumber: 5 is not above issue SUP-5/],
    ['attachment bytes that are not base64', () => mutated((s) => { s.sites[0].attachments[0].content = 'not base64!'; }), /attachments\[0\]\.content: expected base64/],
    ['a description that is not ADF', () => mutated((s) => { s.sites[0].issues[0].fields.description = { type: 'paragraph' }; }), /issues\[0\]\.fields\.description: Invalid input/],
    ['a comment with invalid ADF', () => mutated((s) => { s.sites[1].comments[0].body.content = [{ type: 'paragraph', content: [{ type: 'text', text: '' }] }]; }), /sites\[1\] \(beta\)\.comments\[0\]\.body at \/content\/0\/content\/0\/text: invalid ADF/],
  ])('refuses %s with a clear error and leaves the emulator untouched', (_, make, message) => {
    const target = new Emulator();
    expect(() => restoreSites(target, make())).toThrow(message);
    expect(() => restoreSites(target, make())).toThrow(SnapshotError);
    expect(target.sites.size).toBe(0);
  });

  it('refuses to replace a site the emulator already has, adding none of the others', () => {
    const target = new Emulator();
    target.addSite({ name: 'beta' });
    expect(() => restoreSites(target, JSON.parse(json))).toThrow(/already has site 'beta'/);
    expect([...target.sites.keys()]).toEqual(['beta']);
    expect(target.site('beta').issues.size).toBe(0);
  });
});

describe('snapshot files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-persist-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('saves atomically, privately, and loads back what was saved', () => {
    const file = join(dir, 'nested', 'emulator.json');
    saveSnapshot(file, snapshot);
    saveSnapshot(file, snapshot);
    expect(readdirSync(join(dir, 'nested'))).toEqual(['emulator.json']);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadSnapshot(file)).toEqual(snapshot);
    const fromFile = new Emulator();
    restoreSites(fromFile, loadSnapshot(file));
    expect(snapshotSites(fromFile)).toEqual(snapshot);
  });

  it('answers undefined when there is no file', () => {
    expect(loadSnapshot(join(dir, 'missing.json'))).toBeUndefined();
  });

  it('names the file when it is corrupt or invalid', () => {
    const truncated = join(dir, 'truncated.json');
    writeFileSync(truncated, json.slice(0, 5000));
    expect(() => loadSnapshot(truncated)).toThrow(new RegExp(`Emulator snapshot ${truncated} is not valid JSON`));
    const invalid = join(dir, 'invalid.json');
    writeFileSync(invalid, JSON.stringify({ ...snapshot, version: 7 }));
    expect(() => loadSnapshot(invalid)).toThrow(new RegExp(`${invalid}: Unsupported emulator snapshot version 7`));
    expect(existsSync(invalid)).toBe(true);
  });
});
