/**
 * Runs @forge/lint's client-side linters offline: the Jira route → scope check uses Atlassian's OpenAPI
 * document from ../shared/reference, the other products' documents are empty. Exit 1 on any error.
 */
import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { StatsigReader, type StatsigService } from '@forge/cli-shared';
import { lint } from '@forge/lint';

export interface LintProblem { file: string; line: number; column: number; message: string; level: 'error' | 'warning' }

/** Feature gates and dynamic configs answer "unknown" instead of asking Atlassian's servers. */
class OfflineStatsig extends StatsigReader {
  override async checkGate(): Promise<boolean | null> { return null; }
  override async getDynamicConfig(): Promise<null> { return null; }
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Lints src/ against `manifest` (defaults to manifest.yml); returns every problem found. */
export async function runForgeLint(root = process.cwd(), manifestOverride?: Record<string, unknown>): Promise<LintProblem[]> {
  const empty = join(mkdtempSync(join(tmpdir(), 'forge-lint-')), 'empty.json');
  writeFileSync(empty, '{"paths":{}}');
  process.env['USE_LOCAL_SWAGGER'] = 'true';
  process.env['LOCAL_JIRA_SWAGGER'] = join(root, '..', 'shared', 'reference', 'jira-platform-openapi.json');
  for (const name of ['CONF', 'CONF_V2', 'JSM', 'JSW', 'BB']) process.env[`LOCAL_${name}_SWAGGER`] = empty;
  const manifest = manifestOverride ?? (parse(readFileSync(join(root, 'manifest.yml'), 'utf8')) as Record<string, unknown>);
  const files = sourceFiles(join(root, 'src')).map((f) => relative(root, f));
  // The linters only read gates through StatsigReader's methods; the service's network fields are never touched.
  const offlineStatsig = new OfflineStatsig() as unknown as StatsigService;
  const quiet = { info: () => undefined, debug: () => undefined, warn: () => undefined, error: () => undefined };
  const results = await lint(files, manifest as never, 'development', quiet as never, offlineStatsig, { linter: { mode: 'client-side' } });
  return results.flatMap((r) => [
    ...r.errors.map((e) => ({ file: r.file, line: e.line, column: e.column, message: e.message, level: 'error' as const })),
    ...r.warnings.map((e) => ({ file: r.file, line: e.line, column: e.column, message: e.message, level: 'warning' as const })),
  ]);
}

async function main(): Promise<void> {
  const problems = await runForgeLint();
  for (const p of problems) console.log(`${p.level.toUpperCase()} ${p.file}:${p.line}:${p.column} ${p.message}`);
  const errors = problems.filter((p) => p.level === 'error').length;
  console.log(`forge lint: ${errors} error(s), ${problems.length - errors} warning(s)`);
  process.exitCode = errors > 0 ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) void main();
