/** manifest.yml holds up to Atlassian's own checks: full @forge/manifest validation and the offline @forge/lint run. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { validate } from '@forge/manifest';
import { runForgeLint } from '../../scripts/forge-lint';

const root = join(import.meta.dirname, '..', '..');
const manifest = (): Record<string, any> => parse(readFileSync(join(root, 'manifest.yml'), 'utf8'));

describe('manifest.yml', () => {
  it('passes @forge/manifest full validation', async () => {
    const result = await validate(false, join(root, 'manifest.yml'));
    expect(result.errors ?? []).toEqual([]);
    expect(result.success).toBe(true);
  });

  it('declares every module kind Lockstep uses, each handler exported from src/forge/index.ts', async () => {
    const m = manifest();
    for (const kind of ['jira:projectSettingsPage', 'jira:issuePanel', 'trigger', 'scheduledTrigger', 'webtrigger', 'consumer', 'function']) {
      expect(m.modules[kind], kind).toBeInstanceOf(Array);
    }
    // Product events ignore the app's own writes; Forge's lifecycle events have no such filter.
    const product = m.modules.trigger.filter((t: any) => !t.events.every((e: string) => e.startsWith('avi:forge:')));
    expect(product.every((t: any) => t.filter?.ignoreSelf === true)).toBe(true);
    expect(m.modules.trigger.flatMap((t: any) => t.events).filter((e: string) => e.startsWith('avi:forge:'))).toEqual(['avi:forge:installed:app', 'avi:forge:upgraded:app']);
    expect(m.app.licensing?.enabled).toBe(true);
    expect(m.permissions.external.fetch.backend).toEqual([{ address: '*.hello.atlassian-dev.net' }]);
    expect(m.modules.webtrigger[0].response.type).toBe('dynamic');
    const handlers = await import('../../src/forge/index');
    for (const fn of m.modules.function) {
      const [file, name] = String(fn.handler).split('.');
      expect(file).toBe('forge/index');
      expect(typeof (handlers as Record<string, unknown>)[name!], fn.handler).not.toBe('undefined');
    }
  });

  it('passes the offline @forge/lint client-side linters with no errors or warnings', async () => {
    const problems = await runForgeLint(root);
    expect(problems).toEqual([]);
  }, 60_000);

  it('fails @forge/lint when a Jira route in src/ lacks its scope', async () => {
    const m = manifest();
    m.permissions.scopes = m.permissions.scopes.filter((s: string) => s !== 'read:jira-work');
    const problems = await runForgeLint(root, m);
    const errors = problems.filter((p) => p.level === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.map((e) => e.message).join('\n')).toMatch(/GET \/rest\/api\/3\/mypermissions requires "read:jira-work"/);
  }, 60_000);
});
