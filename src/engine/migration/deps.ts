/** The sync engine's ports plus what background jobs need: their records, large texts, and their queue. */
import type { JobStore, TextStore } from '../../ports/jobs';
import type { WorkQueue } from '../../ports/relay';
import type { SyncDeps } from '../sync/deps';

export interface MigrationDeps extends SyncDeps {
  jobs: JobStore;
  texts: TextStore;
  /** Step events of jobs (QueueEnvelope type `job`, messageId `<jobId>.<step>`). */
  jobQueue: WorkQueue;
}

/** Names of the texts jobs keep, one place so removal finds them all. */
export const TextName = {
  upload: (connectionId: string, uploadId: string) => `upload:${connectionId}:${uploadId}`,
  preview: (connectionId: string, jobId: string) => `preview:${connectionId}:${jobId}`,
  /** The preview's `pair` rows in pieces of one apply step each, so a step reads only its own. */
  previewPairs: (connectionId: string, jobId: string, piece: number) => `preview-pairs:${connectionId}:${jobId}:${piece}`,
  work: (connectionId: string, jobId: string) => `work:${connectionId}:${jobId}`,
  report: (connectionId: string, jobId: string) => `report:${connectionId}:${jobId}`,
};
