/** Behaviour every JobStore and TextStore must show; run against the fakes and the KVS adapters under the local Forge runtime. */
import { describe, expect, it } from 'vitest';
import type { Job, JobStore, TextStore } from '../jobs';
import type { Within } from './connections.contract';

const job = (id: string, connectionId = 'c1', over: Partial<Job> = {}): Job => ({
  id, connectionId, kind: 'resync', state: 'running', step: 0, startedAt: '2026-11-21T10:00:00.000Z', updatedAt: '2026-11-21T10:00:00.000Z',
  finishedAt: null, startedBy: 'ada', done: 0, total: null, params: { jql: '' }, cursor: null, error: null, problems: [], summary: null, cancelRequested: false, ...over,
});

export function jobStoreContract(name: string, make: () => Promise<{ store: JobStore; within: Within }>): void {
  describe(`JobStore contract: ${name}`, () => {
    it('keeps a job until removed, per connection, newest first', async () => {
      const { store, within } = await make();
      await within(async () => {
        await store.put(job('a', 'c1', { startedAt: '2026-11-21T10:00:00.000Z' }));
        await store.put(job('b', 'c1', { startedAt: '2026-11-21T11:00:00.000Z', cursor: { token: 'x' } }));
        await store.put(job('c', 'c2'));
        expect((await store.get('c1', 'b'))?.cursor).toEqual({ token: 'x' });
        expect(await store.get('c2', 'a')).toBeUndefined();
        expect((await store.list('c1')).map((j) => j.id)).toEqual(['b', 'a']);
        await store.remove('c1', 'a');
        expect((await store.list('c1')).map((j) => j.id)).toEqual(['b']);
      });
    });

    it('lists unfinished jobs of every connection, and a replaced job in its new state', async () => {
      const { store, within } = await make();
      await within(async () => {
        await store.put(job('a', 'c1'));
        await store.put(job('b', 'c2', { state: 'queued' }));
        await store.put(job('c', 'c2', { state: 'done' }));
        expect((await store.listUnfinished()).map((j) => j.id).sort()).toEqual(['a', 'b']);
        expect((await store.listUnfinished('c2')).map((j) => j.id)).toEqual(['b']);
        await store.put(job('a', 'c1', { state: 'cancelled', step: 3 }));
        expect((await store.listUnfinished()).map((j) => j.id)).toEqual(['b']);
        expect((await store.get('c1', 'a'))?.step).toBe(3);
      });
    });
  });
}

export function textStoreContract(name: string, make: () => Promise<{ store: TextStore; within: Within }>): void {
  describe(`TextStore contract: ${name}`, () => {
    it('gives back a large text exactly, including characters outside the BMP, and forgets it on remove', async () => {
      const { store, within } = await make();
      await within(async () => {
        const text = 'SUP-1,DEV-1 — ✓ 😀\n'.repeat(40_000);
        await store.put('upload-1', text);
        expect(await store.get('upload-1')).toBe(text);
        await store.put('upload-1', 'short');
        expect(await store.get('upload-1')).toBe('short');
        await store.remove('upload-1');
        expect(await store.get('upload-1')).toBeUndefined();
        expect(await store.get('never')).toBeUndefined();
      });
    });

    it('appends pieces in order and reports the length so far', async () => {
      const { store, within } = await make();
      await within(async () => {
        expect(await store.append('u', 'a'.repeat(150_000))).toBe(150_000);
        expect(await store.append('u', 'b'.repeat(150_000))).toBe(300_000);
        const text = await store.get('u');
        expect(text?.length).toBe(300_000);
        expect(text?.endsWith('b')).toBe(true);
        expect(text?.[149_999]).toBe('a');
      });
    });
  });
}
