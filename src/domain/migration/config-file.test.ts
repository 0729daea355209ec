import { describe, expect, it } from 'vitest';
import { ProjectCatalog } from '../config/catalog';
import { applyAllSuggestions } from '../config/fix-all';
import { SyncConfig } from '../config/schema';
import { configWarnings } from '../config/warnings';
import {
  CONFIG_EXPORT_FORMAT, ConfigExport, buildConfigExport, configExportFileName, configExportText, importedConfig, parseConfigExport,
} from './config-file';
import { MAX_PROBLEMS } from './problems';
import { pairListJsonHead, pairListJsonTail } from './pair-file';
// The SUP ↔ DEV catalogs and configuration the fuzz suites mutate too: one fixture for both.
import { config, configInput as input, dev, sup } from '../../../test/support/fuzz-config';

const users = new Map([['acc-ada', 'Ada Admin'], ['acc-sam', 'Sam Support'], ['acc-dana', 'Dana Dev']]);
const target = { localProjectKey: 'SUP', partnerProjectKey: 'DEV' };
const exportedAt = '2026-11-21T09:30:00.000Z';

const doc = buildConfigExport({ config, exportedAt, local: sup, partner: dev, users });
const text = configExportText(doc);

const problemsOf = (file: string, to = target) => {
  const result = parseConfigExport(file, to);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
};
const edited = (change: (d: Record<string, any>) => void): string => {
  const copy = JSON.parse(text) as Record<string, any>;
  change(copy);
  return JSON.stringify(copy, null, 2);
};

/** SUP and DEV as seen after both were migrated: every issue type, status and custom field has a new id, names unchanged. */
const renumbered = (c: ProjectCatalog, offset: number): ProjectCatalog => ({
  ...c,
  issueTypes: c.issueTypes.map((t) => ({ ...t, id: String(Number(t.id) + offset) })),
  statuses: c.statuses.map((s) => ({ ...s, id: String(Number(s.id) + offset) })),
  customFields: c.customFields.map((f) => ({ ...f, id: `${f.id}9` })),
});

describe('buildConfigExport', () => {
  it('records the configuration with the ids and names of what it refers to, and nothing else', () => {
    expect(doc).toMatchObject({ format: CONFIG_EXPORT_FORMAT, version: 1, exportedAt, source: { projectKey: 'SUP', partner: { site: 'beta', projectKey: 'DEV' } }, config });
    expect(doc.references.local).toEqual({
      issueTypes: [{ id: '10001', name: 'Bug' }, { id: '10002', name: 'Task' }],
      statuses: [{ id: '5', name: 'Resolved' }],
      fields: [
        { id: 'customfield_10050', name: 'Team' }, { id: 'customfield_10051', name: 'Severity' },
        { id: 'customfield_10053', name: 'Owner' }, { id: 'customfield_10052', name: 'Partner key' },
      ],
      priorities: [{ id: '1', name: 'Highest' }, { id: '3', name: 'Medium' }],
      components: [{ id: '10100', name: 'Billing' }],
      versions: [{ id: '10200', name: '1.0' }],
      linkTypes: [{ id: '10000', name: 'Blocks' }],
    });
    expect(doc.references.partner).toEqual({
      issueTypes: [{ id: '30001', name: 'Defect' }, { id: '30002', name: 'Task' }],
      statuses: [{ id: '14', name: 'Done' }],
      fields: [{ id: 'customfield_20050', name: 'Squad' }, { id: 'customfield_20051', name: 'Severity' }, { id: 'customfield_20053', name: 'Owner' }],
      priorities: [{ id: '1', name: 'Blocker' }],
      components: [{ id: '20100', name: 'Payments' }],
      versions: [{ id: '20200', name: '2024.1' }],
      linkTypes: [{ id: '10000', name: 'Blocks' }],
    });
    expect(doc.references.users).toEqual([
      { accountId: 'acc-ada', displayName: 'Ada Admin' },
      { accountId: 'acc-omar', displayName: null },
      { accountId: 'acc-sam', displayName: 'Sam Support' },
      { accountId: 'acc-dana', displayName: 'Dana Dev' },
    ]);
    expect(ConfigExport.safeParse(doc).success).toBe(true);
  });

  it('leaves an id null when the site could not say (no partner catalog, or a name it does not list)', () => {
    const alone = buildConfigExport({ config, exportedAt, local: { ...sup, named: undefined }, partner: null, users: new Map() });
    expect(alone.references.local.priorities).toEqual([{ id: null, name: 'Highest' }, { id: null, name: 'Medium' }]);
    expect(alone.references.partner.components).toEqual([{ id: null, name: 'Payments' }]);
    expect(alone.references.partner.issueTypes).toEqual([{ id: '30001', name: 'Defect' }, { id: '30002', name: 'Task' }]);
    expect(alone.references.users.every((u) => u.displayName === null)).toBe(true);
  });

  it('writes 2-space JSON with a final newline and holds no secret', () => {
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe(`  "format": "${CONFIG_EXPORT_FORMAT}",`);
    const keys: string[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) { keys.push(k); walk(x); }
    };
    walk(JSON.parse(text));
    expect(keys.length).toBeGreaterThan(50);
    expect(keys.filter((k) => /secret|signing|token|password|apikey|credential/i.test(k))).toEqual([]);
  });

  it('names the file after both projects and the day', () => {
    expect(configExportFileName('SUP', 'DEV', new Date('2026-11-21T23:10:00Z'))).toBe('lockstep-config-SUP-DEV-2026-11-21.json');
    expect(configExportFileName('SUP', 'DEV', exportedAt)).toBe('lockstep-config-SUP-DEV-2026-11-21.json');
  });
});

describe('a configuration export round trip onto migrated projects', () => {
  it('parses back, imports, warns once per changed id, and every suggestion fixes it', () => {
    const parsed = parseConfigExport(text, target);
    expect(parsed).toEqual({ ok: true, doc });

    const newSup = renumbered(sup, 80_000);
    const newDev = renumbered(dev, 60_000);
    const imported = importedConfig(doc, { partnerSite: 'gamma', local: newSup, partner: newDev });
    expect(imported.partner).toEqual({ site: 'gamma', projectKey: 'DEV' });
    expect(SyncConfig.safeParse(imported).success).toBe(true);

    const warnings = configWarnings(imported, newSup, newDev);
    expect(warnings.map((w) => w.at).sort()).toEqual([
      'advanced.correlationField',
      'fields.5.local', 'fields.5.partner', 'fields.6.local', 'fields.6.partner', 'fields.7.local', 'fields.7.partner',
      'issueTypes.0.local', 'issueTypes.0.partner', 'issueTypes.1.local', 'issueTypes.1.partner',
      'statuses.0.issueType', 'statuses.0.local', 'statuses.0.partner',
    ]);
    expect(warnings.every((w) => w.fix?.label.startsWith('Use ') || w.fix?.label.startsWith('Limit it to '))).toBe(true);

    const fixed = applyAllSuggestions(imported, newSup, newDev);
    expect(fixed.left).toEqual([]);
    expect(fixed.applied).toBe(warnings.length);
    const c = fixed.config;
    expect(c.issueTypes).toEqual([
      { local: { id: '90001', name: 'Bug' }, partner: { id: '90001', name: 'Defect' } },
      { local: { id: '90002', name: 'Task' }, partner: { id: '90002', name: 'Task' } },
    ]);
    expect(c.statuses).toEqual([{ local: { id: '80005', name: 'Resolved' }, partner: { id: '60014', name: 'Done' }, issueType: '90001' }]);
    expect(c.fields.flatMap((f) => (f.kind === 'custom' ? [f.local.id, f.partner.id] : []))).toEqual([
      'customfield_100509', 'customfield_200509', 'customfield_100519', 'customfield_200519', 'customfield_100539', 'customfield_200539',
    ]);
    expect(c.advanced.correlationField).toEqual({ id: 'customfield_100529', name: 'Partner key' });
    // Everything else came through as exported.
    expect({ ...c, issueTypes: [], statuses: [], fields: [], advanced: null, partner: null }).toEqual({ ...config, issueTypes: [], statuses: [], fields: [], advanced: null, partner: null });
  });

  it('follows named values the target site knows under another name, by id', () => {
    const renamed: ProjectCatalog = {
      ...sup,
      priorities: ['Critical', 'High', 'Medium'],
      named: { ...sup.named!, priorities: [{ id: '1', name: 'Critical' }, { id: '2', name: 'High' }, { id: '3', name: 'Medium' }], linkTypes: [{ id: '10000', name: 'Blocker of' }] },
      linkTypes: ['Blocker of'],
    };
    const partner: ProjectCatalog = { ...dev, components: ['payments'], named: { ...dev.named!, components: [{ id: '29999', name: 'payments' }] } };
    const imported = importedConfig(doc, { partnerSite: 'beta', local: renamed, partner });
    expect(imported.fields[1]).toMatchObject({ valueMap: [{ local: 'Critical', partner: 'Blocker' }], default: 'Medium' });
    // Not known by id: the same name in another case is taken.
    expect(imported.fields[2]).toMatchObject({ valueMap: [{ local: 'Billing', partner: 'payments' }] });
    expect(imported.links.types).toEqual(['Blocker of']);
  });

  it('keeps a name the target has, even when its id belongs to another value there (ids repeat across sites)', () => {
    const other: ProjectCatalog = { ...sup, named: { ...sup.named!, priorities: [{ id: '1', name: 'Medium' }, { id: '7', name: 'Highest' }] } };
    expect(importedConfig(doc, { partnerSite: 'beta', local: other, partner: dev }).fields[1]).toMatchObject({ valueMap: [{ local: 'Highest' }] });
  });
});

describe('parseConfigExport problems', () => {
  it('an empty file', () => {
    expect(problemsOf('')).toEqual([{ at: 'file', message: 'The file is empty' }]);
  });

  it('a truncated file', () => {
    const cut = text.slice(0, text.indexOf('"statuses"'));
    const [p] = problemsOf(cut);
    expect(p!.at).toMatch(/^line \d+$/);
    expect(p!.message).toMatch(/^The file ends early at line \d+, column \d+: it looks truncated \(expected /);
  });

  it('text that is not JSON', () => {
    expect(problemsOf('format = lockstep')).toEqual([{ at: 'line 1, column 1', message: 'Not valid JSON: expected a value (an object, array, text in double quotes, number, true, false or null), found "format"' }]);
  });

  it('JSON that is not an export', () => {
    expect(problemsOf('[1, 2]')).toEqual([{ at: 'file', message: 'This is not a Lockstep configuration export (no "format": "lockstep.sync-config"): the file holds an array, not an object' }]);
    expect(problemsOf('{"name": "SUP to DEV", "fieldMappings": []}')[0]!.message).toBe(
      'This is not a Lockstep configuration export (no "format": "lockstep.sync-config"). Configurations of other apps, such as Backbone, cannot be imported: set the mapping up in the editor',
    );
    expect(problemsOf('{"format": "backbone.sync"}')).toEqual([{ at: 'format', message: 'This is not a Lockstep configuration export (no "format": "lockstep.sync-config"): its format is "backbone.sync"' }]);
  });

  it('a pair list, Lockstep\'s or Backbone\'s', () => {
    const pairs = pairListJsonHead({ exportedAt, sync: { id: 'c1', local: { projectKey: 'SUP' }, partner: { site: 'beta', projectKey: 'DEV' } }, total: 0 }) + pairListJsonTail();
    expect(problemsOf(pairs)).toEqual([{ at: 'format', message: 'This is a Lockstep pair list, not a configuration: upload it under "Pair issues"' }]);
    expect(problemsOf('{"firstConnector": [], "secondConnector": []}')[0]!.message).toContain('upload it under "Pair issues"');
  });

  it('another version', () => {
    expect(problemsOf(edited((d) => { d.version = 7; }))).toEqual([{ at: 'version', message: 'this file is version 7; this Lockstep reads version 1' }]);
    expect(problemsOf(edited((d) => { delete d.version; }))).toEqual([{ at: 'version', message: 'this file\'s version is nothing; this Lockstep reads version 1' }]);
  });

  it('a mapping of an unknown kind, and other schema errors, by path', () => {
    const file = edited((d) => {
      d.config.fields[3] = { kind: 'magic', direction: 'both' };
      d.config.statuses[0].partner.id = 14;
      d.references.local.priorities[0].name = '';
    });
    expect(problemsOf(file)).toEqual([
      { at: 'config.fields.3.kind', message: 'expected "system" or "custom", found "magic"' },
      { at: 'config.statuses.0.partner.id', message: 'expected a text (in double quotes), found the number 14' },
      { at: 'references.local.priorities.0.name', message: 'expected a non-empty text' },
    ]);
  });

  it('a file of other projects', () => {
    expect(problemsOf(text, { localProjectKey: 'ABC', partnerProjectKey: 'DEV' })).toEqual([
      { at: 'source.projectKey', message: 'This file configures SUP ↔ DEV; this sync is ABC ↔ DEV' },
    ]);
    expect(problemsOf(text, { localProjectKey: 'DEV', partnerProjectKey: 'SUP' })[0]!.message).toBe(
      'This file configures SUP ↔ DEV; this sync is DEV ↔ SUP (it is SUP\'s side of this sync: export the configuration from DEV\'s settings instead)',
    );
  });

  it('a configuration that disagrees with the file\'s source', () => {
    const file = edited((d) => { d.config.local.projectKey = 'ABC'; });
    expect(problemsOf(file)).toEqual([{ at: 'config.local.projectKey', message: 'The configuration inside is for ABC ↔ DEV, but the file says it configures SUP ↔ DEV' }]);
  });

  it(`lists at most ${MAX_PROBLEMS} problems and counts the rest`, () => {
    const file = edited((d) => {
      d.config.fields = Array.from({ length: 30 }, () => ({ kind: 'magic' }));
    });
    const problems = problemsOf(file);
    expect(problems).toHaveLength(MAX_PROBLEMS + 1);
    expect(problems[MAX_PROBLEMS]).toEqual({ at: 'file', message: '… and 10 more' });
  });
});
