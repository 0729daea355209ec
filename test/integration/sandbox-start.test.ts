/** `npm start`'s program: prints each site's URL and credentials, writes sandbox.json, serves Jira, stops cleanly on SIGTERM. */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

describe('sandbox start', () => {
  it('comes up with alpha and beta, answers with the printed credentials, and exits within 5 s of SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lockstep-sandbox-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'sandbox/main.ts'], { cwd: root, env: { ...process.env, LOCKSTEP_JIRA_PORT: '0', LOCKSTEP_SANDBOX_DIR: dir } });
    let out = '';
    child.stdout.on('data', (d) => { out += String(d); });
    child.stderr.on('data', (d) => { out += String(d); });
    const started = Date.now();
    while (!out.includes('Press Ctrl-C')) {
      if (Date.now() - started > 30_000 || child.exitCode !== null) throw new Error(`sandbox did not start:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const info = JSON.parse(readFileSync(join(dir, 'sandbox.json'), 'utf8'));
    for (const name of ['alpha', 'beta'] as const) {
      const site = info.sites[name];
      expect(out).toContain(site.baseUrl);
      expect(out).toContain(site.apiToken);
      const res = await fetch(`${site.baseUrl}/rest/api/3/project/${site.projectKey}`, { headers: { Authorization: 'Basic ' + Buffer.from(`${site.email}:${site.apiToken}`).toString('base64') } });
      expect(res.status).toBe(200);
      expect((await res.json()).key).toBe(site.projectKey);
    }
    const stopAt = Date.now();
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
    expect(Date.now() - stopAt).toBeLessThan(5_000);
  }, 60_000);
});
