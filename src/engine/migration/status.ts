/**
 * Where a sync's guided migration stands: each step's state read from what happened (the sync's state,
 * the audit log's export entries, the configuration's warnings, the latest job of each kind).
 */
import { configWarnings } from '../../domain/config/warnings';
import type { AuditEntry } from '../../ports/health';
import type { Job } from '../../ports/jobs';
import { NotThisProject, readCatalogs } from '../sync/admin';
import type { MigrationDeps } from './deps';
import { viewOf } from './admin';

type StepKey = 'stop' | 'export-config' | 'download-pairs' | 'migrate' | 'import-config' | 'pair' | 'start' | 'resync' | 'reconcile';
type Step = { key: StepKey; state: 'done' | 'todo' | 'running' | 'failed'; detail: string | null; jobId: string | null };

const AUDIT_PAGES = 4;

async function recentAudit(deps: MigrationDeps, connectionId: string): Promise<AuditEntry[]> {
  const out: AuditEntry[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < AUDIT_PAGES; i++) {
    const page = await deps.audit.list(connectionId, { limit: 50, ...(cursor ? { cursor } : {}) });
    out.push(...page.entries);
    cursor = page.cursor;
    if (!cursor) break;
  }
  return out;
}

function jobStep(key: StepKey, job: Job | undefined): Step {
  if (!job) return { key, state: 'todo', detail: null, jobId: null };
  const state = job.state === 'done' ? (job.kind === 'reconcile' && !job.summary?.startsWith('All') ? 'failed' : 'done') : job.state === 'failed' || job.state === 'cancelled' ? 'failed' : 'running';
  const detail = job.summary ?? job.error ?? `${job.done}${job.total !== null ? ` of ${job.total}` : ''} done`;
  return { key, state, detail, jobId: job.id };
}

export async function migrationStatus(deps: MigrationDeps, projectKey: string, connectionId: string) {
  const summary = await deps.connections.get(connectionId);
  if (!summary || summary.localProjectKey !== projectKey) throw new NotThisProject(`No sync ${connectionId} in project ${projectKey}.`);
  const [jobs, audit, config] = await Promise.all([deps.jobs.list(connectionId), recentAudit(deps, connectionId), deps.connections.config(connectionId)]);
  const latest = (kind: Job['kind']) => jobs.find((j) => j.kind === kind);
  const lastAudit = (action: AuditEntry['action']) => audit.find((e) => e.action === action);
  const exported = lastAudit('config.exported');
  const downloaded = lastAudit('pairs.exported');
  let importState: Step;
  if (!config) importState = { key: 'import-config', state: 'todo', detail: 'No configuration saved yet: import one, fix its warnings and save.', jobId: null };
  else {
    const catalogs = await readCatalogs(deps, projectKey, connectionId);
    const warnings = configWarnings(config, catalogs.local, catalogs.partner);
    importState = warnings.length === 0
      ? { key: 'import-config', state: 'done', detail: 'Configuration saved; every id it names exists on both sides.', jobId: null }
      : { key: 'import-config', state: 'todo', detail: `${warnings.length} warning${warnings.length === 1 ? '' : 's'} to fix in the Configuration tab.`, jobId: null };
  }
  const pair = jobStep('pair', latest('pair-apply'));
  const steps: Step[] = [
    { key: 'stop', state: summary.state === 'running' ? 'todo' : 'done', detail: `The sync is ${summary.state}.`, jobId: null },
    { key: 'export-config', state: exported ? 'done' : 'todo', detail: exported ? `Exported ${exported.at}` : null, jobId: null },
    { key: 'download-pairs', state: downloaded ? 'done' : 'todo', detail: downloaded ? `${downloaded.detail} at ${downloaded.at}` : null, jobId: null },
    { key: 'migrate', state: importState.state === 'done' || pair.state === 'done' ? 'done' : 'todo', detail: 'Move the project with Jira Cloud Migration, then install Lockstep on the new site and create the sync there; Jira does not tell apps.', jobId: null },
    importState,
    pair,
    { key: 'start', state: summary.state === 'running' ? 'done' : 'todo', detail: `The sync is ${summary.state}.`, jobId: null },
    jobStep('resync', latest('resync')),
    jobStep('reconcile', latest('reconcile')),
  ];
  return { steps, jobs: jobs.slice(0, 20).map((j) => viewOf(j, deps.now())) };
}
