/**
 * Fuzzing the configuration import: hostile files and mutations of a real export give a document for
 * this sync (whose imported configuration can be saved as is) or a capped list of problems naming the
 * path and what was expected; never an exception, a slow parse or a polluted prototype.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { config, configInput, dev, exportDoc, sup } from '../../../test/support/fuzz-config';
import {
  expectFileAnswer, expectLinear, fuzz, hostileText, limitFor, mutatedJson, mutatedValue, PROPERTY_TIMEOUT_MS, timed,
} from '../../../test/support/fuzz';
import { parseSyncConfig } from '../config/parse';
import { SyncConfig } from '../config/schema';
import { buildConfigExport, configExportText, importedConfig, parseConfigExport } from './config-file';

const target = { localProjectKey: 'SUP', partnerProjectKey: 'DEV' };
const anyFile = fc.oneof({ arbitrary: hostileText, weight: 1 }, { arbitrary: mutatedJson(exportDoc), weight: 3 });

describe('parseConfigExport under fuzzing', () => {
  it('answers any file with a document for this sync, or problems naming the path and what was expected', () => {
    fuzz(fc.property(anyFile, (text) => {
      const result = timed(() => parseConfigExport(text, target), limitFor(text.length));
      if (!expectFileAnswer(result) || !result.ok) return;
      expect(result.doc.config.local.projectKey).toBe('SUP');
      expect(result.doc.config.partner.projectKey).toBe('DEV');
      // What the import loads into the editor must be a configuration the editor can save.
      const imported = timed(() => importedConfig(result.doc, { partnerSite: 'beta-new', local: sup, partner: dev }));
      const saved = parseSyncConfig(imported);
      expect(saved.ok, JSON.stringify(saved.ok ? '' : saved.problems)).toBe(true);
    }));
  }, PROPERTY_TIMEOUT_MS);

  it('reads back every configuration it exports', () => {
    const configs = mutatedValue(configInput).map((v) => SyncConfig.safeParse(v)).filter((p) => p.success && p.data.local.projectKey === 'SUP' && p.data.partner.projectKey === 'DEV');
    fuzz(fc.property(fc.oneof(fc.constant(config), configs.map((p) => p.data!)), (c) => {
      const text = configExportText(buildConfigExport({ config: c, exportedAt: '2026-11-21T09:30:00.000Z', local: sup, partner: dev, users: new Map() }));
      const result = parseConfigExport(text, target);
      expect(result.ok ? result.doc.config : result.problems).toEqual(c);
    }), 0.05);
  }, PROPERTY_TIMEOUT_MS);

  it('costs linear time in the size of the file', () => {
    const withFields = (n: number) => {
      const doc = structuredClone(exportDoc) as { config: { fields: unknown[] } };
      doc.config.fields = Array.from({ length: n }, (_, i) => ({ kind: 'custom', type: 'text', local: { id: `customfield_${i}`, name: 'x' }, partner: { id: 'y', name: 'y' }, direction: 'sideways' }));
      return JSON.stringify(doc);
    };
    expectLinear(withFields, (t) => parseConfigExport(t, target), 1_000);
    expectLinear((n) => JSON.stringify({ ...(exportDoc as object), junk: 'x'.repeat(n) }), (t) => parseConfigExport(t, target), 50_000);
  });
});
