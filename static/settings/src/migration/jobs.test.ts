import { describe, expect, it } from 'vitest';
import type { JobView } from '../../../shared/types';
import { job } from './fixtures';
import { initialJobs, isFinal, jobStatusText, latestJob, pollJob } from './jobs';

describe('job status', () => {
  it('knows the final states', () => {
    expect(isFinal(job())).toBe(false);
    expect(isFinal(job({ state: 'queued' }))).toBe(false);
    expect(isFinal(job({ state: 'done' }))).toBe(true);
    expect(isFinal(job({ state: 'failed' }))).toBe(true);
    expect(isFinal(job({ state: 'cancelled' }))).toBe(true);
  });

  it('says progress while running and the outcome once over', () => {
    expect(jobStatusText(job())).toBe('120 of 500 done, about 2 min left');
    expect(jobStatusText(job({ state: 'queued' }))).toBe('Waiting to start…');
    expect(jobStatusText(job({ error: 'Waiting to retry after 2 failed attempts since 2026-11-21T10:00:00.000Z: DEV on beta answered 503' })))
      .toBe('120 of 500 done. Waiting to retry after 2 failed attempts since 2026-11-21T10:00:00.000Z: DEV on beta answered 503');
    expect(jobStatusText(job({ cancelling: true }))).toBe('Cancelling… 120 of 500 done');
    expect(jobStatusText(job({ state: 'done', summary: 'Paired 500; 0 already paired; 0 problems' }))).toBe('Paired 500; 0 already paired; 0 problems');
    expect(jobStatusText(job({ state: 'done', done: 500 }))).toBe('Done: 500 of 500 done.');
    expect(jobStatusText(job({ state: 'failed', error: 'Jira did not answer' }))).toBe('Jira did not answer');
    expect(jobStatusText(job({ state: 'failed', problems: [{ at: 'line 3', message: 'no key' }] }))).toMatch(/refused/);
    expect(jobStatusText(job({ state: 'cancelled' }))).toBe('Cancelled after 120 of 500 done.');
  });

  it('picks the newest job of a kind, optionally only a running one', () => {
    const jobs = [job({ id: 'a', kind: 'reconcile', state: 'done' }), job({ id: 'b', kind: 'resync', state: 'done' }), job({ id: 'c', kind: 'resync' })];
    expect(latestJob(jobs, ['resync'])?.id).toBe('b');
    expect(latestJob(jobs, ['resync'], { active: true })?.id).toBe('c');
    expect(latestJob(jobs, ['pair-apply'])).toBeNull();
    expect(latestJob(jobs, ['pair-apply', 'reconcile'])?.id).toBe('a');
  });

  it('gives each step the job it picks up after a reload', () => {
    const preview = job({ id: 'p', kind: 'pair-preview', state: 'done' });
    const apply = job({ id: 'a', kind: 'pair-apply' });
    const resync = job({ id: 'r', kind: 'resync' });
    expect(initialJobs([apply, preview, resync])).toEqual({ preview: null, apply, resync, reconcile: null });
    expect(initialJobs([preview, apply])).toEqual({ preview, apply: null, resync: null, reconcile: null });
    expect(initialJobs([])).toEqual({ preview: null, apply: null, resync: null, reconcile: null });
  });
});

describe('pollJob', () => {
  const noSleep = async () => undefined;

  it('reads until the job is final and reports every answer', async () => {
    const answers = [job({ done: 200 }), job({ done: 400 }), job({ state: 'done', done: 500 })];
    const seen: number[] = [];
    const final = await pollJob({ fetch: async () => answers.shift()!, onUpdate: (j) => seen.push(j.done), isStopped: () => false, sleep: noSleep });
    expect(final?.state).toBe('done');
    expect(seen).toEqual([200, 400, 500]);
  });

  it('waits the interval before each read', async () => {
    const waits: number[] = [];
    await pollJob({ fetch: async () => job({ state: 'done' }), onUpdate: () => undefined, isStopped: () => false, sleep: async (ms) => void waits.push(ms), intervalMs: 1000 });
    expect(waits).toEqual([1000]);
  });

  it('stops quietly when nobody listens any more', async () => {
    let stopped = false;
    const seen: string[] = [];
    const final = await pollJob({
      fetch: async () => {
        stopped = true;
        return job();
      },
      onUpdate: (j) => seen.push(j.id),
      isStopped: () => stopped,
      sleep: noSleep,
    });
    expect(final).toBeNull();
    expect(seen).toEqual([]);
  });

  it('tolerates a failed read or two, and gives up after too many in a row', async () => {
    const script: Array<JobView | Error> = [new Error('timeout'), job(), new Error('a'), new Error('b'), job({ state: 'done' })];
    const final = await pollJob({
      fetch: async () => {
        const next = script.shift()!;
        if (next instanceof Error) throw next;
        return next;
      },
      onUpdate: () => undefined,
      isStopped: () => false,
      sleep: noSleep,
    });
    expect(final?.state).toBe('done');
    const failing = pollJob({ fetch: async () => Promise.reject(new Error('down')), onUpdate: () => undefined, isStopped: () => false, sleep: noSleep, maxFailures: 3 });
    await expect(failing).rejects.toThrow('down');
  });
});
