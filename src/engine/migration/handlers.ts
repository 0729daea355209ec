/** Which step function advances each kind of job. */
import type { JobKind } from '../../ports/jobs';
import type { StepHandler } from './jobs';
import { initialSyncStep } from './initial-sync-job';
import { applyStep, previewStep } from './pair-jobs';
import { reconcileStep } from './reconcile-job';
import { resyncStep } from './resync-job';

export const JOB_HANDLERS: Record<JobKind, StepHandler> = {
  'pair-preview': previewStep,
  'pair-apply': applyStep,
  resync: resyncStep,
  reconcile: reconcileStep,
  'initial-sync': initialSyncStep,
};
