/**
 * Fuzzing configuration import and save end to end, as the settings page drives them: import reads an
 * uploaded export against both projects' catalogs (the partner's over the signed channel) and writes
 * nothing; save validates what the editor sends. A refused file or configuration leaves every store of
 * both sides as it was; an accepted import saves as is, and a save stores exactly the parsed configuration.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { metaOf } from '../../src/domain/config/catalog';
import { parseSyncConfig } from '../../src/domain/config/parse';
import type { SyncConfig } from '../../src/domain/config/schema';
import { suggestConfig } from '../../src/domain/config/suggest';
import { buildConfigExport, configExportText } from '../../src/domain/migration/config-file';
import { importConfig } from '../../src/engine/migration/admin';
import { writeConfig } from '../../src/engine/sync/admin';
import { localCatalog } from '../../src/engine/sync/catalog';
import { expectNoPollution, expectPlainTree, expectProblem, fuzzAsync, hostileText, mutatedJson, mutatedValue, oddValue, PROPERTY_TIMEOUT_MS, type Json } from '../support/fuzz';
import { CONNECTION, fuzzJira, fuzzWorld, type FuzzJira } from '../support/fuzz-world';

let jira: FuzzJira;
let config: SyncConfig;
let exportDoc: Json;
beforeAll(async () => {
  jira = fuzzJira(2);
  const { alpha, beta } = await fuzzWorld(jira);
  const [sup, dev] = await Promise.all([localCatalog(alpha.deps, 'SUP'), localCatalog(beta.deps, 'DEV')]);
  // The configuration the editor suggests by name, with a value map and a default so renaming has work to do.
  const suggested = suggestConfig(metaOf(sup), metaOf(dev), 'beta');
  config = { ...suggested, fields: [...suggested.fields.filter((f) => f.kind !== 'system' || f.field !== 'components'), { kind: 'system', field: 'components', direction: 'both', valueMap: [{ local: 'Billing', partner: 'Login' }], default: 'API', createMissing: false }] };
  exportDoc = JSON.parse(configExportText(buildConfigExport({ config, exportedAt: '2026-11-21T09:30:00.000Z', local: sup, partner: dev, users: new Map() }))) as Json;
});

describe('configuration import under fuzzing', () => {
  it('loads a configuration that saves as is, or names the problems; importing writes nothing', async () => {
    const file = fc.oneof({ arbitrary: fc.constant(null), weight: 1 }, { arbitrary: fc.constant(0).chain(() => mutatedJson(exportDoc)), weight: 8 }, { arbitrary: hostileText, weight: 2 });
    await fuzzAsync(fc.asyncProperty(file, async (maybe) => {
      const text = maybe ?? JSON.stringify(exportDoc);
      const world = await fuzzWorld(jira);
      const { alpha } = world;
      const before = world.snapshot();
      const answer = await importConfig(alpha.deps, 'SUP', CONNECTION, text);
      expectNoPollution();
      expectPlainTree(answer);
      expect(world.snapshot()).toEqual(before);
      if ('problems' in answer) {
        expect(answer.problems.length).toBeGreaterThan(0);
        answer.problems.forEach(expectProblem);
        return;
      }
      // Applying the import is saving it: it must be accepted whole, and stored as is.
      const saved = await writeConfig(alpha.deps, 'SUP', CONNECTION, answer.config, 'acc-ada');
      expect(saved, JSON.stringify(saved)).toMatchObject({ saved: true });
      expect(await alpha.deps.connections.config(CONNECTION)).toEqual(answer.config);
    }));
  }, PROPERTY_TIMEOUT_MS);

  it('saves exactly the configuration the editor sends, or nothing', async () => {
    await fuzzAsync(fc.asyncProperty(fc.oneof({ arbitrary: fc.constant(0).chain(() => mutatedValue(config)), weight: 8 }, { arbitrary: oddValue, weight: 1 }), async (raw) => {
      const world = await fuzzWorld(jira, { configs: { alpha: config } });
      const { alpha } = world;
      const before = world.snapshot();
      const answer = await writeConfig(alpha.deps, 'SUP', CONNECTION, raw, 'acc-ada');
      expectNoPollution();
      if ('problems' in answer) {
        expect(answer.problems.length).toBeGreaterThan(0);
        expect(world.snapshot()).toEqual(before);
        return;
      }
      const parsed = parseSyncConfig(raw);
      expect(parsed.ok && (await alpha.deps.connections.config(CONNECTION))).toEqual(parsed.ok && parsed.config);
      expectPlainTree(await alpha.deps.connections.config(CONNECTION));
      expect((await alpha.deps.audit.list(CONNECTION)).entries.map((e) => e.action)).toEqual(['config.changed']);
    }));
  }, PROPERTY_TIMEOUT_MS);
});
