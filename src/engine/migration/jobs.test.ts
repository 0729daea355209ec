import { describe, expect, it } from 'vitest';
import { JiraError } from '../../jira/errors';
import { MemoryAudit } from '../../ports/fakes/health';
import { MemoryJobs, MemoryTexts } from '../../ports/fakes/jobs';
import { MemoryQueue } from '../../ports/fakes/queue';
import type { JobKind } from '../../ports/jobs';
import type { MigrationDeps } from './deps';
import { cancelJob, etaSeconds, parseStepId, reviveStalledJobs, runJobStep, STALL_MS, startJob, type StepHandler } from './jobs';

function deps() {
  let now = Date.UTC(2026, 10, 21, 10);
  const d = { jobs: new MemoryJobs(), texts: new MemoryTexts(), jobQueue: new MemoryQueue(), audit: new MemoryAudit(), now: () => now };
  return { d: d as unknown as MigrationDeps, queue: d.jobQueue, tick: (ms: number) => { now += ms; } };
}
/** A resync-like handler: 3 steps of 10, then done. */
const counting: StepHandler = async (_d, job) => {
  const done = job.done + 10;
  return done >= 30 ? { done, total: 30, cursor: { at: done }, finished: 'Counted 30.' } : { done, total: 30, cursor: { at: done } };
};
const handlers = (h: StepHandler) => ({ 'pair-preview': h, 'pair-apply': h, resync: h, reconcile: h, 'initial-sync': h }) satisfies Record<JobKind, StepHandler>;
const stepOf = (q: MemoryQueue, i: number) => parseStepId(q.pushed[i]!.messageId)!;

describe('background jobs', () => {
  it('advance one step per event, saving the cursor, until finished', async () => {
    const { d, queue } = deps();
    const job = await startJob(d, { connectionId: 'c1', kind: 'resync', params: {}, startedBy: 'ada' });
    for (let i = 0; i < 3; i++) {
      const s = stepOf(queue, i);
      await runJobStep(d, handlers(counting), 'c1', s.jobId, s.step);
    }
    expect(await d.jobs.get('c1', job.id)).toMatchObject({ state: 'done', done: 30, step: 3, cursor: { at: 30 }, summary: 'Counted 30.' });
    expect(queue.pushed).toHaveLength(3);
  });

  it('ignore a duplicated or stale step event, so a step never runs twice', async () => {
    const { d, queue } = deps();
    const job = await startJob(d, { connectionId: 'c1', kind: 'resync', params: {}, startedBy: 'ada' });
    await runJobStep(d, handlers(counting), 'c1', job.id, 0);
    expect(await runJobStep(d, handlers(counting), 'c1', job.id, 0)).toEqual({ ignored: expect.stringMatching(/stale/) });
    expect((await d.jobs.get('c1', job.id))?.done).toBe(10);
    expect(queue.pushed).toHaveLength(2);
  });

  it('stop at the next step once cancelled, keeping what was done', async () => {
    const { d } = deps();
    const job = await startJob(d, { connectionId: 'c1', kind: 'resync', params: {}, startedBy: 'ada' });
    await runJobStep(d, handlers(counting), 'c1', job.id, 0);
    await cancelJob(d, (await d.jobs.get('c1', job.id))!, 'ada');
    const out = await runJobStep(d, handlers(counting), 'c1', job.id, 1);
    expect(out).toMatchObject({ ran: { state: 'cancelled', done: 10, summary: 'Cancelled after 10 of 30.' } });
  });

  it('wait and retry the same step on a transient Jira failure, fail on anything else', async () => {
    const { d, queue } = deps();
    const job = await startJob(d, { connectionId: 'c1', kind: 'resync', params: {}, startedBy: 'ada' });
    const limited: StepHandler = async () => { throw new JiraError(429, ['slow down'], {}, 12); };
    expect(await runJobStep(d, handlers(limited), 'c1', job.id, 0)).toMatchObject({ retry: expect.any(String) });
    expect(queue.pushed.at(-1)).toMatchObject({ messageId: `${job.id}.0` });
    expect(queue.delays.at(-1)).toBe(12);
    const broken: StepHandler = async () => { throw new Error('bug'); };
    expect(await runJobStep(d, handlers(broken), 'c1', job.id, 0)).toMatchObject({ ran: { state: 'failed', error: 'bug' } });
  });

  it('are revived by the tick when their step has not moved for a while', async () => {
    const { d, queue, tick } = deps();
    const job = await startJob(d, { connectionId: 'c1', kind: 'resync', params: {}, startedBy: 'ada' });
    expect(await reviveStalledJobs(d)).toEqual({ unfinished: 1, revived: 0 });
    tick(STALL_MS);
    expect(await reviveStalledJobs(d)).toEqual({ unfinished: 1, revived: 1 });
    expect(queue.pushed.map((e) => e.messageId)).toEqual([`${job.id}.0`, `${job.id}.0`]);
  });

  it('tell the time left from the pace so far', () => {
    expect(etaSeconds({ done: 100, total: 400, startedAt: '2026-11-21T10:00:00.000Z', state: 'running' }, Date.parse('2026-11-21T10:01:00.000Z'))).toBe(180);
    expect(etaSeconds({ done: 0, total: 400, startedAt: '2026-11-21T10:00:00.000Z', state: 'running' }, Date.now())).toBeNull();
  });
});
