/**
 * What a project admin does for a migration, one sync at a time: export and import its configuration,
 * download its pair list, upload a pair file, start, watch and cancel jobs, and read their results. The
 * caller has been checked to administer the project; here the sync is checked to belong to it.
 */
import { z } from 'zod';
import { buildConfigExport, configExportFileName, configExportText, importedConfig, parseConfigExport } from '../../domain/migration/config-file';
import { pairListCsvHead, pairListCsvRows, pairListFileName, pairListJsonEntries, pairListJsonHead, pairListJsonTail } from '../../domain/migration/pair-file';
import { PLAN_CATEGORIES, type PlanCategory, type PlanRow } from '../../domain/migration/types';
import type { Job } from '../../ports/jobs';
import { eachPairPage, type PairPage } from '../../ports/pairs';
import { NotThisProject, own, readCatalogs } from '../sync/admin';
import { TextName, type MigrationDeps } from './deps';
import { cancelJob, etaSeconds, startJob } from './jobs';
import { PairSourceParams, PreviewCursor, previewRows, problemCount } from './pair-jobs';
import { ReconciliationReport, reportCsv } from './reconcile-job';
import { ResyncParams } from './resync-job';
import { searchPage, syncJql } from '../../jira/bulk';
import { JiraError } from '../../jira/errors';

/** A request the admin can fix: the message says how. */
export class MigrationRefused extends Error {}

const today = (deps: MigrationDeps) => new Date(deps.now()).toISOString();

export async function exportConfig(deps: MigrationDeps, projectKey: string, connectionId: string, actor: string, names: (ids: string[]) => Promise<Map<string, string>>) {
  const summary = await own(deps, projectKey, connectionId);
  const config = await deps.connections.config(connectionId);
  if (!config) throw new MigrationRefused('This sync has no saved configuration to export yet: review it in the Configuration tab and save it first.');
  const catalogs = await readCatalogs(deps, projectKey, connectionId);
  const people = [...new Set([...config.users.table.flatMap((e) => [e.local, e.partner]), ...(config.users.defaultUser ? [config.users.defaultUser] : [])])];
  const doc = buildConfigExport({ config, exportedAt: today(deps), local: catalogs.local, partner: catalogs.partner, users: people.length ? await names(people) : new Map() });
  await deps.audit.record({ connectionId, at: today(deps), actor, action: 'config.exported', target: projectKey, detail: `Configuration exported (${config.fields.length} field mappings, ${config.issueTypes.length} issue types, ${config.statuses.length} statuses)` });
  return { fileName: configExportFileName(projectKey, summary.partnerProject, today(deps)), mimeType: 'application/json', text: configExportText(doc) };
}

export async function importConfig(deps: MigrationDeps, projectKey: string, connectionId: string, text: string) {
  const summary = await own(deps, projectKey, connectionId);
  const parsed = parseConfigExport(text, { localProjectKey: projectKey, partnerProjectKey: summary.partnerProject });
  if (!parsed.ok) return { problems: parsed.problems };
  const catalogs = await readCatalogs(deps, projectKey, connectionId);
  const config = importedConfig(parsed.doc, { partnerSite: summary.partnerSite, local: catalogs.local, partner: catalogs.partner });
  const notes = [
    `Exported ${parsed.doc.exportedAt} from ${parsed.doc.source.projectKey} ↔ ${parsed.doc.source.partner.projectKey} (${parsed.doc.source.partner.site}); nothing is saved until you save the configuration.`,
    ...(catalogs.partner ? [] : [`The partner's catalog could not be read (${catalogs.partnerError}); its ids are checked once it can.`]),
  ];
  return { config, source: { ...parsed.doc.source, exportedAt: parsed.doc.exportedAt }, notes };
}

const ExportCursor = z.object({ c: z.string().optional(), n: z.number().int().nonnegative() });
const PIECE_PAIRS = 5000;

/** One piece of the pair list; the first carries the head (with the total), the last the tail. */
export async function exportPairs(deps: MigrationDeps, projectKey: string, connectionId: string, format: 'json' | 'csv', cursor: string | undefined, actor: string) {
  const summary = await own(deps, projectKey, connectionId);
  let at: z.infer<typeof ExportCursor> = { n: 0 };
  if (cursor) {
    const parsed = ExportCursor.safeParse((() => { try { return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')); } catch { return null; } })());
    if (!parsed.success) throw new MigrationRefused('cursor: not a cursor this download returned; start the download again.');
    at = parsed.data;
  }
  const first = at.n === 0 && at.c === undefined;
  let head = '';
  if (first) {
    head = format === 'csv' ? pairListCsvHead() : pairListJsonHead({ exportedAt: today(deps), sync: { id: connectionId, local: { projectKey }, partner: { site: summary.partnerSite, projectKey: summary.partnerProject } }, total: await countPairs(deps, connectionId) });
  }
  const pairs = [];
  let kvsCursor = at.c;
  do {
    const page: PairPage = await deps.pairs.list(connectionId, { limit: Math.min(1000, PIECE_PAIRS - pairs.length), ...(kvsCursor ? { cursor: kvsCursor } : {}) }).catch((error: unknown) => {
      // The store refuses a cursor the caller made up inside a well-formed download cursor: the caller's to fix (409), not a 500.
      if (kvsCursor !== undefined && kvsCursor === at.c) throw new MigrationRefused('cursor: not a cursor this download returned; start the download again.', { cause: error });
      throw error;
    });
    pairs.push(...page.pairs);
    kvsCursor = page.cursor;
  } while (kvsCursor && pairs.length < PIECE_PAIRS);
  const body = format === 'csv' ? pairListCsvRows(pairs) : pairListJsonEntries(pairs, at.n === 0);
  const written = at.n + pairs.length;
  const last = kvsCursor === undefined;
  if (last) await deps.audit.record({ connectionId, at: today(deps), actor, action: 'pairs.exported', target: projectKey, detail: `Synchronized issues downloaded as ${format.toUpperCase()} (${written} pairs)` });
  return {
    fileName: pairListFileName(projectKey, summary.partnerProject, today(deps), format),
    mimeType: format === 'csv' ? 'text/csv' : 'application/json',
    text: head + body + (last && format === 'json' ? pairListJsonTail() : ''),
    written,
    ...(last ? {} : { cursor: Buffer.from(JSON.stringify({ c: kvsCursor, n: written })).toString('base64url') }),
  };
}

async function countPairs(deps: MigrationDeps, connectionId: string): Promise<number> {
  let n = 0;
  await eachPairPage(deps.pairs, connectionId, (pairs) => { n += pairs.length; });
  return n;
}

/** A file arrives in pieces (a resolver call carries a few hundred KB); 50 MB is about two million pairs. */
const MAX_UPLOAD = 50_000_000;

export async function uploadPiece(deps: MigrationDeps, projectKey: string, connectionId: string, uploadId: string | undefined, text: string): Promise<{ uploadId: string; received: number }> {
  await own(deps, projectKey, connectionId);
  const id = uploadId ?? `${deps.now().toString(36)}${Math.floor(deps.random() * 1e9).toString(36)}`;
  const name = TextName.upload(connectionId, id);
  if (uploadId && (await deps.texts.get(name)) === undefined) throw new MigrationRefused('uploadId: no upload with this id is in progress; start the upload again.');
  const received = await deps.texts.append(name, text);
  if (received > MAX_UPLOAD) {
    await deps.texts.remove(name);
    throw new MigrationRefused(`The file is larger than ${MAX_UPLOAD / 1_000_000} MB; split it and pair in parts.`);
  }
  return { uploadId: id, received };
}

export async function startPreview(deps: MigrationDeps, projectKey: string, connectionId: string, source: unknown, actor: string): Promise<Job> {
  await own(deps, projectKey, connectionId);
  const parsed = PairSourceParams.safeParse(source);
  if (!parsed.success) throw new MigrationRefused(`source: ${parsed.error.issues[0]?.message ?? 'not a pair source'}`);
  if ('upload' in parsed.data && (await deps.texts.get(TextName.upload(connectionId, parsed.data.upload))) === undefined) throw new MigrationRefused('source.upload: no uploaded file with this id; upload it again.');
  if ('match' in parsed.data && parsed.data.jql) await checkJql(deps, projectKey, parsed.data.jql);
  return startJob(deps, { connectionId, kind: 'pair-preview', params: parsed.data, startedBy: actor });
}

async function jobOf(deps: MigrationDeps, projectKey: string, connectionId: string, jobId: string, kind?: Job['kind']): Promise<Job> {
  await own(deps, projectKey, connectionId);
  const job = await deps.jobs.get(connectionId, jobId);
  if (!job || (kind && job.kind !== kind)) throw new NotThisProject(`No ${kind ?? ''} job ${jobId} in this sync.`.replace('  ', ' '));
  return job;
}

export async function previewPage(deps: MigrationDeps, projectKey: string, connectionId: string, jobId: string, category: PlanCategory | undefined, offset: number) {
  const job = await jobOf(deps, projectKey, connectionId, jobId, 'pair-preview');
  if (job.state !== 'done') throw new MigrationRefused(`The preview is ${job.state}; wait for it to finish.`);
  const cursor = PreviewCursor.parse(job.cursor);
  const rows: PlanRow[] = (await previewRows(deps, connectionId, jobId)) ?? [];
  const chosen = category ? rows.filter((r) => r.category === category) : rows;
  const counts = Object.fromEntries(PLAN_CATEGORIES.map((c) => [c, cursor.counts[c] ?? 0])) as Record<PlanCategory, number>;
  return { counts, source: cursor.source, rows: chosen.slice(offset, offset + 200), total: chosen.length, offset };
}

export async function startApply(deps: MigrationDeps, projectKey: string, connectionId: string, previewJobId: string, acceptPartial: boolean, actor: string): Promise<Job> {
  const preview = await jobOf(deps, projectKey, connectionId, previewJobId, 'pair-preview');
  if (preview.state !== 'done') throw new MigrationRefused(`The preview is ${preview.state}; only a finished preview can be applied.`);
  const cursor = PreviewCursor.parse(preview.cursor);
  if (cursor.appliedBy) throw new MigrationRefused(`This preview was applied already (job ${cursor.appliedBy}); preview again to pair more.`);
  const problems = problemCount(cursor.counts);
  if (problems > 0 && !acceptPartial) throw new MigrationRefused(`The preview found ${problems} problem row(s); fix the file, or confirm applying only the ${cursor.counts['pair'] ?? 0} pairs that are ready.`);
  if ((cursor.counts['pair'] ?? 0) === 0) throw new MigrationRefused('Nothing to pair: every row is already paired or has a problem.');
  if (await running(deps, connectionId, 'pair-apply')) throw new MigrationRefused('Pairs are being applied already; wait for that job to finish.');
  return startJob(deps, { connectionId, kind: 'pair-apply', params: { previewJobId, acceptPartial }, startedBy: actor, total: cursor.counts['pair'] ?? 0 });
}

async function running(deps: MigrationDeps, connectionId: string, kind: Job['kind']): Promise<Job | undefined> {
  return (await deps.jobs.list(connectionId)).find((j) => j.kind === kind && (j.state === 'queued' || j.state === 'running'));
}

/** A JQL the admin typed is tried once (one result) so a typo is refused before the job starts. */
async function checkJql(deps: MigrationDeps, projectKey: string, jql: string): Promise<void> {
  try {
    await searchPage(deps.jira, syncJql(projectKey, jql), [], undefined, 1);
  } catch (error) {
    if (error instanceof JiraError && error.status === 400) throw new MigrationRefused(`jql: Jira refused it: ${error.message}`);
    if (error instanceof RangeError) throw new MigrationRefused(`jql: ${error.message}`);
    throw error;
  }
}

export async function startResync(deps: MigrationDeps, projectKey: string, connectionId: string, request: unknown, actor: string): Promise<Job> {
  await own(deps, projectKey, connectionId);
  const parsed = ResyncParams.safeParse(request);
  if (!parsed.success) throw new MigrationRefused(`${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const config = await deps.connections.config(connectionId);
  if (!config) throw new MigrationRefused('This sync has no saved configuration; save it before a resync.');
  const mapped = new Set(['status', ...config.fields.map((m) => (m.kind === 'system' ? m.field : m.local.id))]);
  const unknown = parsed.data.fields.filter((f) => !mapped.has(f));
  if (unknown.length) throw new MigrationRefused(`fields: ${unknown.join(', ')} ${unknown.length === 1 ? 'is' : 'are'} not mapped in this sync`);
  if (parsed.data.jql.trim()) await checkJql(deps, projectKey, parsed.data.jql);
  if (await running(deps, connectionId, 'resync')) throw new MigrationRefused('A resync of this sync is running already; cancel it or wait for it.');
  return startJob(deps, { connectionId, kind: 'resync', params: parsed.data, startedBy: actor });
}

export async function startReconcile(deps: MigrationDeps, projectKey: string, connectionId: string, actor: string): Promise<Job> {
  await own(deps, projectKey, connectionId);
  if (!(await deps.connections.config(connectionId))) throw new MigrationRefused('This sync has no saved configuration; save it before reconciling.');
  const already = await running(deps, connectionId, 'reconcile');
  return already ?? startJob(deps, { connectionId, kind: 'reconcile', params: {}, startedBy: actor });
}

/** "Sync existing issues": shares this side's unpaired issues with the partner, which creates them in bulk. */
export async function startInitialSync(deps: MigrationDeps, projectKey: string, connectionId: string, actor: string): Promise<Job> {
  const summary = await own(deps, projectKey, connectionId);
  if (!(await deps.connections.config(connectionId))) throw new MigrationRefused('This sync has no saved configuration; save it before sharing existing issues.');
  if (summary.state === 'draft') throw new MigrationRefused('This sync is a draft: finish setting it up with its partner before sharing existing issues.');
  const unlinked = await notLinked(deps, connectionId);
  if (unlinked) throw new MigrationRefused(unlinked);
  if (await running(deps, connectionId, 'initial-sync')) throw new MigrationRefused('Existing issues are being shared already; wait for that job to finish or cancel it.');
  return startJob(deps, { connectionId, kind: 'initial-sync', params: {}, startedBy: actor });
}

/** Why the partner cannot be asked yet, as askPartner would find out; undefined when it can. */
async function notLinked(deps: MigrationDeps, connectionId: string): Promise<string | undefined> {
  const [url, key, partnerId] = await Promise.all([deps.connections.partnerInboxUrl(connectionId), deps.connections.signingKey(connectionId), deps.connections.partnerConnectionId(connectionId)]);
  if (url === null) return partnerId ? undefined : 'The partner project of this sync is not linked yet.';
  return url && key && partnerId ? undefined : 'The sync is not linked to a partner site yet: the invitation has not been accepted.';
}

export async function readReport(deps: MigrationDeps, projectKey: string, connectionId: string, jobId: string): Promise<ReconciliationReport> {
  const job = await jobOf(deps, projectKey, connectionId, jobId, 'reconcile');
  if (job.state !== 'done') throw new MigrationRefused(`The reconciliation is ${job.state}; its report is ready when it is done.`);
  const text = await deps.texts.get(TextName.report(connectionId, jobId));
  if (!text) throw new MigrationRefused('The report is gone; run the reconciliation again.');
  return ReconciliationReport.parse(JSON.parse(text));
}

export async function reportFile(deps: MigrationDeps, projectKey: string, connectionId: string, jobId: string) {
  const report = await readReport(deps, projectKey, connectionId, jobId);
  const summary = await own(deps, projectKey, connectionId);
  return { fileName: `lockstep-reconciliation-${projectKey}-${summary.partnerProject}-${report.generatedAt.slice(0, 10)}.csv`, mimeType: 'text/csv', text: reportCsv(report) };
}

export async function readJob(deps: MigrationDeps, projectKey: string, connectionId: string, jobId: string) {
  return viewOf(await jobOf(deps, projectKey, connectionId, jobId), deps.now());
}

export async function cancel(deps: MigrationDeps, projectKey: string, connectionId: string, jobId: string, actor: string) {
  return viewOf(await cancelJob(deps, await jobOf(deps, projectKey, connectionId, jobId), actor), deps.now());
}

export function viewOf(job: Job, now: number) {
  return {
    id: job.id, kind: job.kind, state: job.state, done: job.done, total: job.total, etaSeconds: etaSeconds(job, now),
    startedAt: job.startedAt, updatedAt: job.updatedAt, finishedAt: job.finishedAt, startedBy: job.startedBy,
    error: job.error, problems: job.problems, summary: job.summary, cancelling: job.cancelRequested && !['done', 'failed', 'cancelled'].includes(job.state),
  };
}
