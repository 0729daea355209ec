/**
 * `npm start`'s program end to end, as a user meets it: it comes up with both sites full of demo data
 * and Lockstep installed, prints working credentials and page URLs, relays an edit, stops within 5 s
 * of SIGTERM, and a second start finds the Jira data and the KVS data the first one left.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SandboxInfo } from '../../sandbox/start';

const root = join(import.meta.dirname, '..', '..');

async function startSandbox(dir: string): Promise<{ child: ChildProcess; out: () => string; ms: number }> {
  const began = Date.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/main.ts'], { cwd: root, env: { ...process.env, LOCKSTEP_JIRA_PORT: '0', LOCKSTEP_FORGE_PORT: '0', LOCKSTEP_SANDBOX_DIR: dir } });
  let out = '';
  child.stdout!.on('data', (d) => { out += String(d); });
  child.stderr!.on('data', (d) => { out += String(d); });
  while (!out.includes('Press Ctrl-C')) {
    if (Date.now() - began > 60_000 || child.exitCode !== null) throw new Error(`sandbox did not start:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, out: () => out, ms: Date.now() - began };
}

async function stop(child: ChildProcess): Promise<{ code: number | null; ms: number }> {
  const began = Date.now();
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  const code = await exited;
  return { code, ms: Date.now() - began };
}

const basic = (s: { email: string; apiToken: string }) => ({ Authorization: 'Basic ' + Buffer.from(`${s.email}:${s.apiToken}`).toString('base64'), Accept: 'application/json' });

async function countIssues(site: SandboxInfo['sites']['alpha']): Promise<number> {
  let total = 0;
  let token: string | undefined;
  do {
    const res = await fetch(`${site.baseUrl}/rest/api/3/search/jql`, { method: 'POST', headers: { ...basic(site), 'Content-Type': 'application/json' }, body: JSON.stringify({ jql: `project = ${site.projectKey}`, maxResults: 100, fields: ['summary'], ...(token ? { nextPageToken: token } : {}) }) });
    expect(res.status).toBe(200);
    const page = await res.json() as { issues: unknown[]; nextPageToken?: string };
    total += page.issues.length;
    token = page.nextPageToken;
  } while (token);
  return total;
}

describe('sandbox (npm start)', () => {
  it('comes up seeded, serves both sites and Lockstep\'s pages, stops within 5 s, and keeps its data across a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lockstep-sandbox-'));
    const first = await startSandbox(dir);
    expect(first.ms).toBeLessThan(60_000);
    const info = JSON.parse(readFileSync(join(dir, 'sandbox.json'), 'utf8')) as SandboxInfo;
    expect(info.data).toMatchObject({ seeded: true, restored: false });
    for (const name of ['alpha', 'beta'] as const) {
      const site = info.sites[name];
      expect(first.out()).toContain(site.baseUrl);
      expect(first.out()).toContain(site.apiToken);
      const project = await fetch(`${site.baseUrl}/rest/api/3/project/${site.projectKey}`, { headers: basic(site) });
      expect(project.status).toBe(200);
      expect(await countIssues(site)).toBeGreaterThanOrEqual(200);
      for (const url of [info.pages[name].settings, info.pages[name].issue]) {
        expect(first.out()).toContain(url);
        const page = await fetch(url);
        expect(page.status, url).toBe(200);
        const html = await page.text();
        const frame = /<iframe[^>]+src="([^"]+)"/.exec(html)?.[1];
        expect(frame, `${url} embeds the app`).toBeDefined();
        const resource = await fetch(new URL(frame!.replace(/&amp;/g, '&'), url));
        expect(resource.status).toBe(200);
        expect(await resource.text()).toContain('__bridge');
      }
    }
    // An edit on alpha travels to beta's installation through the demo sync.
    const alpha = info.sites.alpha;
    const edit = await fetch(`${alpha.baseUrl}/rest/api/3/issue/SUP-2`, { method: 'PUT', headers: { ...basic(alpha), 'Content-Type': 'application/json' }, body: JSON.stringify({ fields: { summary: 'Edited before the restart' } }) });
    expect(edit.status).toBe(204);
    await new Promise((r) => setTimeout(r, 1_000));
    const stopped = await stop(first.child);
    expect(stopped).toMatchObject({ code: 0 });
    expect(stopped.ms).toBeLessThan(5_000);
    const betaKvs = readFileSync(join(dir, 'forge', 'kvs', 'beta.json'), 'utf8');
    // SUP-2 was not synced yet, so the edit shared it: beta made its copy and keeps the pair in its KVS.
    expect(betaKvs).toMatch(/"partnerIssueKey":"SUP-2"/);

    const second = await startSandbox(dir);
    expect(second.out()).toContain('restored from the last run');
    const again = JSON.parse(readFileSync(join(dir, 'sandbox.json'), 'utf8')) as SandboxInfo;
    expect(again.sites.alpha.apiToken).toBe(alpha.apiToken);
    const issue = await fetch(`${again.sites.alpha.baseUrl}/rest/api/3/issue/SUP-2?fields=summary`, { headers: basic(again.sites.alpha) });
    expect((await issue.json() as { fields: { summary: string } }).fields.summary).toBe('Edited before the restart');
    expect((await stop(second.child)).code).toBe(0);
    // KVS survived the restart too: beta still holds what alpha sent before it.
    expect(readFileSync(join(dir, 'forge', 'kvs', 'beta.json'), 'utf8')).toContain('"partnerIssueKey":"SUP-2"');
  }, 150_000);
});
