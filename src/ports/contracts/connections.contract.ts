/** Behaviour every ConnectionDirectory must show; run against the fake here and the KVS adapter under the local Forge runtime. */
import { describe, expect, it } from 'vitest';
import type { ConnectionDirectory, ConnectionSummary } from '../connections';

export interface ConnectionDirectoryHarness {
  directory: ConnectionDirectory;
  /** Stores a summary (and optionally its key) the way the adapter's own writer will. */
  seed(summary: ConnectionSummary, signingKey?: string): Promise<void>;
}

const summary = (id: string, project: string): ConnectionSummary => ({
  id, localProjectKey: project, partnerSite: 'beta', partnerProject: 'DEV', state: 'running', pairs: 3, lastActivity: null, openErrors: 0,
});

export function connectionDirectoryContract(name: string, make: () => Promise<ConnectionDirectoryHarness>): void {
  describe(`ConnectionDirectory contract: ${name}`, () => {
    it('lists only the connections of the asked project', async () => {
      const h = await make();
      await h.seed(summary('c1', 'SUP'));
      await h.seed(summary('c2', 'SUP'));
      await h.seed(summary('c3', 'SUPPORT'));
      expect((await h.directory.listForProject('SUP')).map((c) => c.id).sort()).toEqual(['c1', 'c2']);
      expect(await h.directory.listForProject('NONE')).toEqual([]);
    });

    it('returns copies that callers cannot use to change what is stored', async () => {
      const h = await make();
      await h.seed(summary('c1', 'SUP'));
      const [first] = await h.directory.listForProject('SUP');
      first!.pairs = 999;
      expect((await h.directory.listForProject('SUP'))[0]!.pairs).toBe(3);
    });

    it('knows signing keys only of connections that have one', async () => {
      const h = await make();
      await h.seed(summary('c1', 'SUP'), 'k'.repeat(43));
      expect(await h.directory.signingKey('c1')).toBe('k'.repeat(43));
      expect(await h.directory.signingKey('c2')).toBeUndefined();
    });
  });
}
