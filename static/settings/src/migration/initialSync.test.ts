import { describe, expect, it } from 'vitest';
import { job } from './fixtures';
import { initialSyncHelp, initialSyncJob, initialSyncUnavailable } from './initialSync';
import { isJobView } from './validate';

describe('sync existing issues', () => {
  it('can run once the sync is linked and set up, whatever its state after that', () => {
    const linked = { partnerSite: 'beta', partnerProject: 'DEV' };
    expect(initialSyncUnavailable({ ...linked, state: 'running' })).toBeNull();
    expect(initialSyncUnavailable({ ...linked, state: 'stopped' })).toBeNull();
    expect(initialSyncUnavailable({ ...linked, state: 'draft' })).toMatch(/save its configuration/);
    expect(initialSyncUnavailable({ partnerSite: 'pending', partnerProject: 'pending', state: 'draft' })).toMatch(/partner accepts the invitation/);
  });

  it('picks up the newest run and reads its job kind', () => {
    const jobs = [job({ id: 'r', kind: 'resync' }), job({ id: 'b', kind: 'initial-sync', state: 'done' }), job({ id: 'a', kind: 'initial-sync', state: 'done' })];
    expect(initialSyncJob(jobs)?.id).toBe('b');
    expect(initialSyncJob([job()])).toBeNull();
    expect(isJobView(job({ kind: 'initial-sync' }))).toBe(true);
  });

  it('says where the copies go', () => {
    expect(initialSyncHelp('DEV on beta')).toMatch(/creates a copy of each unpaired issue in DEV on beta/);
  });
});
