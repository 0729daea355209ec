/** Behaviour every ConnectionDirectory must show; run against the fake and against the KVS adapter under the local Forge runtime. */
import { describe, expect, it } from 'vitest';
import type { ConnectionDirectory, ConnectionSummary } from '../connections';
import { parseSyncConfig } from '../../domain/config/parse';

/** Runs a contract step; adapters that need a Forge invocation wrap `fn` in one. */
export type Within = <T>(fn: () => Promise<T>) => Promise<T>;

const summary = (id: string, project: string): ConnectionSummary => ({
  id, localProjectKey: project, partnerSite: 'beta', partnerProject: 'DEV', state: 'running', pairs: 3, lastActivity: null, openErrors: 0,
});

export function connectionDirectoryContract(name: string, make: () => Promise<{ directory: ConnectionDirectory; within: Within }>): void {
  describe(`ConnectionDirectory contract: ${name}`, () => {
    it('lists only the connections of the asked project', async () => {
      const { directory: d, within } = await make();
      await within(async () => {
        await d.save(summary('c1', 'SUP'));
        await d.save(summary('c2', 'SUP'));
        await d.save(summary('c3', 'SUPPORT'));
        expect((await d.listForProject('SUP')).map((c) => c.id).sort()).toEqual(['c1', 'c2']);
        expect(await d.listForProject('NONE')).toEqual([]);
      });
    });

    it('returns copies that callers cannot use to change what is stored', async () => {
      const { directory: d, within } = await make();
      await within(async () => {
        await d.save(summary('c1', 'SUP'));
        const [first] = await d.listForProject('SUP');
        first!.pairs = 999;
        expect((await d.listForProject('SUP'))[0]!.pairs).toBe(3);
      });
    });

    it('replaces a saved summary rather than adding a second', async () => {
      const { directory: d, within } = await make();
      await within(async () => {
        await d.save(summary('c1', 'SUP'));
        await d.save({ ...summary('c1', 'SUP'), state: 'paused' });
        expect((await d.listForProject('SUP')).map((c) => c.state)).toEqual(['paused']);
      });
    });

    it('knows credentials only of connections that have them', async () => {
      const { directory: d, within } = await make();
      await within(async () => {
        await d.save(summary('c1', 'SUP'), { signingKey: 'k'.repeat(43), partnerInboxUrl: 'https://partner.example/x1/abc' });
        await d.save(summary('c2', 'SUP'), { signingKey: 'j'.repeat(43), partnerInboxUrl: null });
        await d.save(summary('c3', 'SUP'));
        expect(await d.signingKey('c1')).toBe('k'.repeat(43));
        expect(await d.partnerInboxUrl('c1')).toBe('https://partner.example/x1/abc');
        expect(await d.partnerInboxUrl('c2')).toBeNull();
        expect(await d.signingKey('c3')).toBeUndefined();
        expect(await d.partnerInboxUrl('c3')).toBeUndefined();
        expect(await d.signingKey('nope')).toBeUndefined();
      });
    });

    it('finds a connection by id, and keeps its configuration apart', async () => {
      const { directory: d, within } = await make();
      await within(async () => {
        await d.save(summary('c1', 'SUP'), { signingKey: 'k'.repeat(43), partnerInboxUrl: null });
        expect((await d.get('c1'))?.localProjectKey).toBe('SUP');
        expect(await d.get('nope')).toBeUndefined();
        expect(await d.partnerConnectionId('c1')).toBe('c1');
        await d.save(summary('c2', 'DEV'), { signingKey: 'k'.repeat(43), partnerInboxUrl: null, partnerConnectionId: 'c1' });
        expect(await d.partnerConnectionId('c2')).toBe('c1');
        expect(await d.partnerConnectionId('nope')).toBeUndefined();
        expect(await d.config('c1')).toBeUndefined();
        const parsed = parseSyncConfig({ version: 1, local: { projectKey: 'SUP' }, partner: { site: 'beta', projectKey: 'DEV' }, issueTypes: [{ local: { id: '1', name: 'Task' }, partner: { id: '2', name: 'Task' } }], fields: [] });
        if (!parsed.ok) throw new Error('fixture config is invalid');
        await d.saveConfig('c1', parsed.config);
        expect((await d.config('c1'))?.partner.projectKey).toBe('DEV');
      });
    });

    it('keeps a key ring for a connection with credentials: its current key is the signing key, removal drops it', async () => {
      const { directory: d, within } = await make();
      await within(async () => {
        await d.save(summary('c1', 'SUP'), { signingKey: 'k'.repeat(43), partnerInboxUrl: 'https://partner.example/x1/abc' });
        await d.save(summary('c2', 'SUP'));
        expect(await d.keyRing('c1')).toEqual({ current: 'k'.repeat(43) });
        const ring = { current: 'n'.repeat(43), previous: { key: 'k'.repeat(43), until: 1_800_000_000_000 } };
        expect(await d.saveKeyRing('c1', ring)).toBe(true);
        expect(await d.keyRing('c1')).toEqual(ring);
        expect(await d.signingKey('c1')).toBe('n'.repeat(43));
        const staged = { current: 'n'.repeat(43), next: { key: 'x'.repeat(43), rotationId: 'r1' } };
        expect(await d.saveKeyRing('c1', staged)).toBe(true);
        expect(await d.keyRing('c1')).toEqual(staged);
        // No credentials, no ring: a rotation racing a deletion never brings a key back.
        expect(await d.saveKeyRing('c2', ring)).toBe(false);
        expect(await d.saveKeyRing('nope', ring)).toBe(false);
        expect(await d.keyRing('c2')).toBeUndefined();
        await d.remove('c1');
        expect(await d.keyRing('c1')).toBeUndefined();
        expect(await d.saveKeyRing('c1', ring)).toBe(false);
        // Saving credentials again starts a fresh ring.
        await d.save(summary('c1', 'SUP'), { signingKey: 'f'.repeat(43), partnerInboxUrl: null });
        expect(await d.keyRing('c1')).toEqual({ current: 'f'.repeat(43) });
      });
    });

    it('removes one connection entirely, leaves the others, and takes unknown ids quietly', async () => {
      const { directory: d, within } = await make();
      await within(async () => {
        const parsed = parseSyncConfig({ version: 1, local: { projectKey: 'SUP' }, partner: { site: 'beta', projectKey: 'DEV' }, issueTypes: [{ local: { id: '1', name: 'Task' }, partner: { id: '2', name: 'Task' } }], fields: [] });
        if (!parsed.ok) throw new Error('fixture config is invalid');
        for (const id of ['c1', 'c2']) {
          await d.save(summary(id, 'SUP'), { signingKey: `${id}`.padEnd(43, 'k'), partnerInboxUrl: 'https://partner.example/x1/abc', partnerConnectionId: `${id}-mirror` });
          await d.saveConfig(id, parsed.config);
        }
        await d.remove('c1');
        await d.remove('c1');
        await d.remove('nope');
        expect(await d.get('c1')).toBeUndefined();
        expect((await d.listForProject('SUP')).map((c) => c.id)).toEqual(['c2']);
        expect(await d.signingKey('c1')).toBeUndefined();
        expect(await d.partnerInboxUrl('c1')).toBeUndefined();
        expect(await d.partnerConnectionId('c1')).toBeUndefined();
        expect(await d.config('c1')).toBeUndefined();
        expect(await d.signingKey('c2')).toBe('c2'.padEnd(43, 'k'));
        expect(await d.partnerConnectionId('c2')).toBe('c2-mirror');
        expect((await d.config('c2'))?.partner.projectKey).toBe('DEV');
      });
    });
  });
}
