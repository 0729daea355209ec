/** The jobs queue consumer: one step of one background job per event (see src/engine/migration/jobs.ts). */
import { JOB_HANDLERS } from '../../engine/migration/handlers';
import { parseStepId, runJobStep, type StepResult } from '../../engine/migration/jobs';
import { forgeMigrationDeps } from '../adapters/migration-deps';
import { readQueueMessage, type ConsumerEvent, type ConsumerOutcome } from './queue';

export const onJobEvent = async (event: ConsumerEvent): Promise<StepResult | ConsumerOutcome> => {
  const read = readQueueMessage(event);
  if ('dropped' in read) { console.warn(`[lockstep-jobs] dropped a message: ${read.dropped}`); return read; }
  const step = parseStepId(read.accepted.messageId);
  if (read.accepted.type !== 'job' || !step) return { dropped: `not a job step: ${read.accepted.type} ${read.accepted.messageId}` };
  const result = await runJobStep(forgeMigrationDeps(), JOB_HANDLERS, read.accepted.connectionId, step.jobId, step.step);
  if ('retry' in result) console.warn(`[lockstep-jobs] ${step.jobId} step ${step.step} waits: ${result.retry}`);
  return result;
};
