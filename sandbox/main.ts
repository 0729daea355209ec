/**
 * `npm start`: the local sandbox. Two Jira Cloud sites (alpha with SUP, beta with DEV) full of demo
 * issues, Lockstep installed on both through the local Forge runtime, its pages served for a browser.
 * Data lives in `.sandbox/` (or LOCKSTEP_SANDBOX_DIR) so a second start finds what the first left.
 */
import { join } from 'node:path';
import { startSandbox } from './start';

const dir = process.env['LOCKSTEP_SANDBOX_DIR'] ?? join(process.cwd(), '.sandbox');
const port = (name: string, fallback: number): number => {
  const raw = process.env[name];
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number, got '${raw}'`);
  return n;
};

async function main(): Promise<void> {
  const began = Date.now();
  const sandbox = await startSandbox({
    dir,
    root: process.cwd(),
    jiraPort: port('LOCKSTEP_JIRA_PORT', 4180),
    forgePort: port('LOCKSTEP_FORGE_PORT', 4181),
    rateLimits: process.env['LOCKSTEP_RATE_LIMITS'] === 'on',
  });
  const { info } = sandbox;
  const seconds = ((Date.now() - began) / 1000).toFixed(1);
  const source = info.data.restored ? 'restored from the last run' : 'seeded with demo data';
  console.log(`Lockstep sandbox is up in ${seconds} s (${source}: ${info.data.issues.alpha} issues on alpha, ${info.data.issues.beta} on beta).`);
  if (info.data.sharedByDemoSync > 0) console.log(`The demo sync SUP ↔ DEV shared ${info.data.sharedByDemoSync} escalated SUP tickets with DEV.`);
  console.log('');
  console.log('Jira Cloud sites (REST API v3, Basic auth with email and API token):');
  for (const [name, s] of Object.entries(info.sites)) {
    console.log(`  ${name}: ${s.baseUrl}/rest/api/3   project ${s.projectKey}   login ${s.email} / API token ${s.apiToken}`);
  }
  console.log('');
  console.log('Lockstep in a browser (add ?as=sam, ?as=dana or ?as=omar to view as someone else):');
  console.log(`  start page:                  ${info.pages.index}`);
  console.log(`  alpha SUP project settings:  ${info.pages.alpha.settings}`);
  console.log(`  alpha SUP-1 issue panel:     ${info.pages.alpha.issue}`);
  console.log(`  beta DEV project settings:   ${info.pages.beta.settings}`);
  console.log(`  beta DEV-1 issue panel:      ${info.pages.beta.issue}`);
  console.log('');
  console.log(`Rate limits: ${process.env['LOCKSTEP_RATE_LIMITS'] === 'on' ? 'on' : 'off (LOCKSTEP_RATE_LIMITS=on to enable)'}.`);
  console.log(`Details for scripts: ${join(dir, 'sandbox.json')}`);
  console.log('Press Ctrl-C to stop.');

  const stop = (signal: string): void => {
    console.log(`\n${signal}: saving and stopping...`);
    // Exit within 5 s whatever happens: a hung socket must not keep the sandbox alive.
    const force = setTimeout(() => process.exit(1), 4_000);
    force.unref();
    sandbox.stop().then(() => process.exit(0), (error: unknown) => { console.error(error); process.exit(1); });
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
