/**
 * Settings-page resolvers of the Migration tab: configuration export and import, pair list download,
 * pair file upload, and the background jobs (pair preview and apply, resync, reconciliation, sharing
 * existing issues). Each first checks, as the calling user, that they administer the project; then that
 * the sync belongs to it.
 */
import type { ResolverFunction } from '@forge/resolver';
import { z } from 'zod';
import { PLAN_CATEGORIES } from '../../domain/migration/types';
import * as admin from '../../engine/migration/admin';
import { migrationStatus } from '../../engine/migration/status';
import { displayNames } from '../../jira/people';
import { asUser } from '../adapters/jira-transport';
import { forgeMigrationDeps } from '../adapters/migration-deps';
import { readPayload, type RequireAdmin } from './connections';
import { guarded } from './admin-guard';
import { respond } from './respond';

const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'not an id');
const ForSync = z.object({ connectionId: Id });
const ForJob = ForSync.extend({ jobId: Id });
/** A resolver call carries a few hundred KB; files go up in pieces of at most this many characters. */
const PIECE = 200_000;

const Payloads = {
  importSyncConfig: ForSync.extend({ text: z.string().min(1, 'the file is empty').max(5_000_000) }),
  exportPairs: ForSync.extend({ format: z.enum(['json', 'csv']), cursor: z.string().max(4000).optional() }),
  uploadPairFile: ForSync.extend({ uploadId: Id.optional(), text: z.string().max(PIECE), last: z.boolean().optional() }),
  startPairPreview: ForSync.extend({ source: z.unknown() }),
  getPairPreview: ForJob.extend({ category: z.enum(PLAN_CATEGORIES as [string, ...string[]]).optional(), offset: z.number().int().nonnegative().default(0) }),
  startPairApply: ForSync.extend({ previewJobId: Id, acceptPartial: z.boolean().default(false) }),
  startResync: ForSync.extend({ jql: z.string().max(2000), fields: z.array(z.string()), direction: z.string(), mode: z.string().optional(), since: z.string().max(64).optional() }),
};


export function migrationResolvers(requireAdmin: RequireAdmin): Record<string, ResolverFunction> {
  const deps = forgeMigrationDeps;
  const define = (run: (payload: unknown, projectKey: string, actor: string) => Promise<unknown>): ResolverFunction =>
    ({ payload, context }) => respond(() => guarded(requireAdmin, context, (p, actor) => run(payload, p, actor)));
  const sync = (payload: unknown) => readPayload(ForSync, payload).connectionId;
  return {
    exportSyncConfig: define((payload, p, actor) => admin.exportConfig(deps(), p, sync(payload), actor, (ids) => displayNames(asUser(), ids))),
    importSyncConfig: define((payload, p) => {
      const input = readPayload(Payloads.importSyncConfig, payload);
      return admin.importConfig(deps(), p, input.connectionId, input.text);
    }),
    exportPairs: define((payload, p, actor) => {
      const input = readPayload(Payloads.exportPairs, payload);
      return admin.exportPairs(deps(), p, input.connectionId, input.format, input.cursor, actor);
    }),
    uploadPairFile: define((payload, p) => {
      const input = readPayload(Payloads.uploadPairFile, payload);
      return admin.uploadPiece(deps(), p, input.connectionId, input.uploadId, input.text);
    }),
    startPairPreview: define(async (payload, p, actor) => {
      const input = readPayload(Payloads.startPairPreview, payload);
      const d = deps();
      return admin.viewOf(await admin.startPreview(d, p, input.connectionId, input.source, actor), d.now());
    }),
    getPairPreview: define((payload, p) => {
      const input = readPayload(Payloads.getPairPreview, payload);
      return admin.previewPage(deps(), p, input.connectionId, input.jobId, input.category as never, input.offset);
    }),
    startPairApply: define(async (payload, p, actor) => {
      const input = readPayload(Payloads.startPairApply, payload);
      const d = deps();
      return admin.viewOf(await admin.startApply(d, p, input.connectionId, input.previewJobId, input.acceptPartial, actor), d.now());
    }),
    startResync: define(async (payload, p, actor) => {
      const input = readPayload(Payloads.startResync, payload);
      const d = deps();
      return admin.viewOf(await admin.startResync(d, p, input.connectionId, { jql: input.jql, fields: input.fields, direction: input.direction, ...(input.mode ? { mode: input.mode } : {}), ...(input.since ? { since: input.since } : {}) }, actor), d.now());
    }),
    startReconcile: define(async (payload, p, actor) => {
      const d = deps();
      return admin.viewOf(await admin.startReconcile(d, p, sync(payload), actor), d.now());
    }),
    startInitialSync: define(async (payload, p, actor) => {
      const d = deps();
      return admin.viewOf(await admin.startInitialSync(d, p, sync(payload), actor), d.now());
    }),
    getReconciliation: define((payload, p) => {
      const input = readPayload(ForJob, payload);
      return admin.readReport(deps(), p, input.connectionId, input.jobId);
    }),
    exportReconciliation: define((payload, p) => {
      const input = readPayload(ForJob, payload);
      return admin.reportFile(deps(), p, input.connectionId, input.jobId);
    }),
    getSyncJob: define((payload, p) => {
      const input = readPayload(ForJob, payload);
      return admin.readJob(deps(), p, input.connectionId, input.jobId);
    }),
    cancelSyncJob: define((payload, p, actor) => {
      const input = readPayload(ForJob, payload);
      return admin.cancel(deps(), p, input.connectionId, input.jobId, actor);
    }),
    getMigrationStatus: define((payload, p) => migrationStatus(deps(), p, sync(payload))),
  };
}
