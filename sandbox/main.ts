/**
 * `npm start`: the local sandbox. Today it serves the Jira Cloud emulator with sites `alpha` and `beta`;
 * the local Forge runtime joins it in the next step. Writes `.sandbox/sandbox.json` for scripts.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Emulator } from './jira/emulator';
import { serveEmulator } from './jira/server';
import { addSandboxSites, PEOPLE } from './jira/sites';

const SANDBOX_DIR = process.env['LOCKSTEP_SANDBOX_DIR'] ?? join(process.cwd(), '.sandbox');
const port = Number(process.env['LOCKSTEP_JIRA_PORT'] ?? 4180);

async function main(): Promise<void> {
  const emulator = new Emulator({ rateLimits: { enabled: process.env['LOCKSTEP_RATE_LIMITS'] === 'on' } });
  const { tokens } = addSandboxSites(emulator);
  const running = await serveEmulator(emulator, port);
  const sites = {
    alpha: { baseUrl: `${running.origin}/alpha`, email: PEOPLE.ada.emailAddress, apiToken: tokens.ada, projectKey: 'SUP' },
    beta: { baseUrl: `${running.origin}/beta`, email: PEOPLE.ada.emailAddress, apiToken: tokens.ada, projectKey: 'DEV' },
  };
  mkdirSync(SANDBOX_DIR, { recursive: true });
  writeFileSync(join(SANDBOX_DIR, 'sandbox.json'), JSON.stringify({ sites, pages: {} }, null, 2) + '\n', { mode: 0o600 });
  console.log('Lockstep sandbox is up (Jira Cloud emulator).');
  for (const [name, s] of Object.entries(sites)) {
    console.log(`  ${name}: ${s.baseUrl}/rest/api/3   project ${s.projectKey}   login ${s.email} / API token ${s.apiToken}`);
  }
  console.log(`  rate limits: ${emulator.rateLimits.enabled ? 'on' : 'off'} (LOCKSTEP_RATE_LIMITS=on to enable)`);
  console.log(`  details for scripts: ${join(SANDBOX_DIR, 'sandbox.json')}`);
  console.log('Press Ctrl-C to stop.');
  const stop = (signal: string): void => {
    console.log(`\n${signal}: stopping...`);
    const force = setTimeout(() => process.exit(1), 4_000);
    force.unref();
    running.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
