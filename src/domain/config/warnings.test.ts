import { describe, expect, it } from 'vitest';
import { ProjectCatalog } from './catalog';
import { SyncConfig, type SyncConfigInput } from './schema';
import { configWarnings, tabOfPath, type ConfigWarning } from './warnings';

const sup = ProjectCatalog.parse({
  site: 'same',
  project: { key: 'SUP', name: 'Support' },
  issueTypes: [{ id: '10001', name: 'Bug' }, { id: '10002', name: 'Task' }],
  statuses: [{ id: '1', name: 'Open', category: 'new' }, { id: '5', name: 'Resolved', category: 'done' }],
  customFields: [
    { id: 'customfield_10050', name: 'Team', type: 'text', jiraType: 'textfield' },
    { id: 'customfield_10051', name: 'Severity', type: 'select', jiraType: 'select', options: ['Sev 1', 'Sev 2'] },
    { id: 'customfield_10052', name: 'Partner key', type: 'text', jiraType: 'textfield' },
  ],
  priorities: ['Highest', 'High', 'Medium'],
  components: ['Billing'],
  versions: ['1.0'],
  linkTypes: ['Blocks', 'Relates'],
});

const dev = ProjectCatalog.parse({
  site: 'beta',
  project: { key: 'DEV', name: 'Development' },
  issueTypes: [{ id: '30001', name: 'Defect' }, { id: '30002', name: 'Task' }],
  statuses: [{ id: '11', name: 'To Do', category: 'new' }, { id: '14', name: 'Done', category: 'done' }],
  customFields: [
    { id: 'customfield_20050', name: 'Squad', type: 'text', jiraType: 'textfield' },
    { id: 'customfield_20051', name: 'Severity', type: 'select', jiraType: 'select', options: ['Critical', 'Major'] },
  ],
  priorities: ['Blocker', 'Major'],
  components: ['Payments'],
  versions: ['2024.1'],
  linkTypes: ['Blocks'],
});

const base: SyncConfigInput = {
  version: 1,
  local: { projectKey: 'SUP' },
  partner: { site: 'beta', projectKey: 'DEV' },
  issueTypes: [
    { local: { id: '10001', name: 'Bug' }, partner: { id: '30001', name: 'Defect' } },
    { local: { id: '10002', name: 'Task' }, partner: { id: '30002', name: 'Task' } },
  ],
  fields: [
    { kind: 'system', field: 'summary', direction: 'both' },
    { kind: 'system', field: 'priority', direction: 'both', valueMap: [{ local: 'Highest', partner: 'Blocker' }], default: 'Medium' },
    { kind: 'custom', type: 'text', local: { id: 'customfield_10050', name: 'Team' }, partner: { id: 'customfield_20050', name: 'Squad' }, direction: 'both' },
    { kind: 'custom', type: 'select', local: { id: 'customfield_10051', name: 'Severity' }, partner: { id: 'customfield_20051', name: 'Severity' }, direction: 'both', valueMap: [{ local: 'Sev 1', partner: 'Critical' }] },
  ],
  statuses: [{ local: { id: '5', name: 'Resolved' }, partner: { id: '14', name: 'Done' } }],
  links: { direction: 'both', types: ['Blocks'] },
  advanced: { correlationField: { id: 'customfield_10052', name: 'Partner key' } },
};

const configOf = (change: (c: SyncConfigInput) => void = () => {}): SyncConfig => {
  const input = structuredClone(base);
  change(input);
  return SyncConfig.parse(input);
};

const catalog = (c: ProjectCatalog, change: (c: ProjectCatalog) => void): ProjectCatalog => {
  const copy = structuredClone(c);
  change(copy);
  return copy;
};

const only = (warnings: ConfigWarning[]): ConfigWarning => {
  expect(warnings).toHaveLength(1);
  return warnings[0]!;
};

/** Applies a warning's fix and checks the result is still a valid configuration without that warning. */
const applyFix = (config: SyncConfig, w: ConfigWarning): SyncConfig => {
  expect(w.fix).not.toBeNull();
  const fixed = w.fix!.apply(config);
  expect(SyncConfig.safeParse(fixed).success).toBe(true);
  return fixed;
};

describe('configWarnings', () => {
  it('finds nothing when both catalogs have everything the configuration names', () => {
    expect(configWarnings(configOf(), sup, dev)).toEqual([]);
  });

  it('re-points a custom field whose id changed but whose name stayed (a migration)', () => {
    const migrated = catalog(dev, (c) => { c.customFields[0] = { ...c.customFields[0]!, id: 'customfield_20077' }; });
    const config = configOf();
    const w = only(configWarnings(config, sup, migrated));
    expect(w).toMatchObject({
      id: 'fields:custom:customfield_10050:partner',
      tab: 'fields',
      at: 'fields.2.partner',
      message: 'Custom field "Squad" (customfield_20050) no longer exists on DEV',
    });
    expect(w.fix!.label).toBe('Use "Squad" (same name, now customfield_20077)');
    const fixed = applyFix(config, w);
    expect(fixed.fields[2]).toMatchObject({ partner: { id: 'customfield_20077', name: 'Squad' } });
    expect(configWarnings(fixed, sup, migrated)).toEqual([]);
    expect(config.fields[2]).toMatchObject({ partner: { id: 'customfield_20050' } });
  });

  it('suggests removing a custom field mapping with no counterpart', () => {
    const gone = catalog(dev, (c) => { c.customFields.splice(0, 1); });
    const config = configOf();
    const w = only(configWarnings(config, sup, gone));
    expect(w.fix!.label).toBe('Remove this mapping');
    const fixed = applyFix(config, w);
    expect(fixed.fields).toHaveLength(3);
    expect(fixed.fields.some((f) => f.kind === 'custom' && f.local.name === 'Team')).toBe(false);
  });

  it('reports a field whose type changed, and does not re-point to a field of another type', () => {
    const retyped = catalog(sup, (c) => { c.customFields[0] = { ...c.customFields[0]!, type: 'number', jiraType: 'float' }; });
    const w = only(configWarnings(configOf(), retyped, dev));
    expect(w.message).toBe('Custom field "Team" (customfield_10050) on SUP is now a number field; this mapping carries a text field');
    expect(w.at).toBe('fields.2.local');
    expect(w.fix!.label).toBe('Remove this mapping');
  });

  it('removes rather than re-points a local field onto one that another mapping already covers', () => {
    const config = configOf((c) => {
      c.fields.push({ kind: 'custom', type: 'text', local: { id: 'customfield_10099', name: 'Team' }, partner: { id: 'customfield_20050', name: 'Squad' }, direction: 'both' });
    });
    const w = configWarnings(config, sup, dev).find((x) => x.at === 'fields.4.local')!;
    expect(w.fix!.label).toBe('Remove this mapping');
    applyFix(config, w);
  });

  it('checks value maps and defaults against priorities, and suggests a case fix or removal', () => {
    const config = configOf((c) => {
      c.fields[1] = { kind: 'system', field: 'priority', direction: 'both', valueMap: [{ local: 'highest', partner: 'Blocker' }, { local: 'High', partner: 'Trivial' }], default: 'Lowest' };
    });
    const warnings = configWarnings(config, sup, dev);
    expect(warnings.map((w) => [w.at, w.message, w.fix?.label])).toEqual([
      ['fields.1.valueMap.0.local', 'Priority "highest" in the value map of "Priority" doesn\'t exist on SUP', 'Use "Highest" (same name, different case)'],
      ['fields.1.default', 'Default value "Lowest" of "Priority" doesn\'t exist on SUP', 'Clear the default value'],
      ['fields.1.valueMap.1.partner', 'Priority "Trivial" in the value map of "Priority" doesn\'t exist on DEV', 'Remove this value mapping'],
    ]);
    let fixed = config;
    for (const w of warnings) fixed = applyFix(fixed, w);
    expect(fixed.fields[1]).toMatchObject({ valueMap: [{ local: 'Highest', partner: 'Blocker' }], default: null });
    expect(configWarnings(fixed, sup, dev)).toEqual([]);
  });

  it('checks select options of both custom fields', () => {
    const config = configOf((c) => {
      const f = c.fields[3]!;
      if (f.kind === 'custom') f.valueMap = [{ local: 'Sev 3', partner: 'Critical' }];
    });
    const w = only(configWarnings(config, sup, dev));
    expect(w.message).toBe('Option "Sev 3" in the value map of "Severity" doesn\'t exist on SUP');
  });

  it('does not check component names when missing components are created', () => {
    const config = configOf((c) => {
      c.fields.push({ kind: 'system', field: 'components', direction: 'both', valueMap: [{ local: 'Web', partner: 'Frontend' }], createMissing: true });
    });
    expect(configWarnings(config, sup, dev)).toEqual([]);
    const strict = configOf((c) => {
      c.fields.push({ kind: 'system', field: 'components', direction: 'both', valueMap: [{ local: 'Web', partner: 'Frontend' }] });
    });
    expect(configWarnings(strict, sup, dev).map((w) => w.message)).toEqual([
      'Component "Web" in the value map of "Components" doesn\'t exist on SUP',
      'Component "Frontend" in the value map of "Components" doesn\'t exist on DEV',
    ]);
  });

  it('re-points issue types by name and keeps at least one mapping', () => {
    const migrated = catalog(sup, (c) => { c.issueTypes = [{ id: '90001', name: 'Bug' }, { id: '90002', name: 'Task' }]; });
    const config = configOf();
    const warnings = configWarnings(config, migrated, dev);
    expect(warnings.map((w) => w.fix?.label)).toEqual(['Use "Bug" (same name, now 90001)', 'Use "Task" (same name, now 90002)']);
    expect(warnings[0]!.message).toBe('Issue type "Bug" (10001) no longer exists on SUP');
    let fixed = config;
    for (const w of warnings) fixed = applyFix(fixed, w);
    expect(fixed.issueTypes.map((t) => t.local.id)).toEqual(['90001', '90002']);

    const single = configOf((c) => { c.issueTypes = c.issueTypes.slice(0, 1); });
    const none = catalog(sup, (c) => { c.issueTypes = [{ id: '90002', name: 'Task' }]; });
    expect(only(configWarnings(single, none, dev)).fix).toBeNull();
  });

  it('re-points statuses and a status mapping\'s issue type restriction through the issue type\'s name', () => {
    const config = configOf((c) => { c.statuses = [{ local: { id: '5', name: 'Resolved' }, partner: { id: '14', name: 'Done' }, issueType: '10001' }]; });
    const migrated = catalog(sup, (c) => {
      c.statuses = [{ id: '105', name: 'Resolved', category: 'done' }];
      c.issueTypes = [{ id: '90001', name: 'Bug' }, { id: '10002', name: 'Task' }];
    });
    const warnings = configWarnings(config, migrated, dev).filter((w) => w.tab === 'workflows');
    expect(warnings.map((w) => [w.at, w.message, w.fix?.label])).toEqual([
      ['statuses.0.local', 'Status "Resolved" (5) no longer exists on SUP', 'Use "Resolved" (same name, now 105)'],
      ['statuses.0.issueType', 'Status mapping "Resolved" → "Done" is limited to issue type "Bug" (10001), which no longer exists on SUP', 'Limit it to "Bug" (same name, now 90001)'],
    ]);
    let fixed = config;
    for (const w of warnings) fixed = applyFix(fixed, w);
    expect(fixed.statuses).toEqual([{ local: { id: '105', name: 'Resolved' }, partner: { id: '14', name: 'Done' }, issueType: '90001' }]);
  });

  it('reports link types missing on either side', () => {
    const config = configOf((c) => { c.links = { direction: 'both', types: ['Blocks', 'Relates'] }; });
    const w = only(configWarnings(config, sup, dev));
    expect(w).toMatchObject({ tab: 'links', at: 'links.types.1', message: 'Link type "Relates" doesn\'t exist on DEV' });
    expect(applyFix(config, w).links.types).toEqual(['Blocks']);
    const last = only(configWarnings(configOf(), sup, catalog(dev, (c) => { c.linkTypes = ['Relates']; })));
    expect(last.fix!.label).toBe('Remove "Blocks" (then every link type on both sides syncs)');
  });

  it('re-points or clears the correlation field', () => {
    const migrated = catalog(sup, (c) => { c.customFields[2] = { ...c.customFields[2]!, id: 'customfield_10152' }; });
    const w = only(configWarnings(configOf(), migrated, dev));
    expect(w).toMatchObject({ tab: 'advanced', at: 'advanced.correlationField', message: 'Correlation field "Partner key" (customfield_10052) no longer exists on SUP' });
    expect(applyFix(configOf(), w).advanced.correlationField).toEqual({ id: 'customfield_10152', name: 'Partner key' });
    const gone = catalog(sup, (c) => { c.customFields.splice(2, 1); });
    const cleared = only(configWarnings(configOf(), gone, dev));
    expect(cleared.fix!.label).toBe('Clear the correlation field');
    expect(applyFix(configOf(), cleared).advanced.correlationField).toBeNull();
  });

  it('checks only the local side when the partner catalog is unknown', () => {
    const config = configOf((c) => { c.links = { direction: 'both', types: ['Blocks', 'Duplicates'] }; });
    expect(configWarnings(config, sup, null).map((w) => w.message)).toEqual(['Link type "Duplicates" doesn\'t exist on SUP']);
  });

  it('reports an empty user table and people listed twice', () => {
    expect(only(configWarnings(configOf((c) => { c.users = { strategy: 'table' }; }), sup, dev))).toMatchObject({ tab: 'users', fix: null });
    const twice = configOf((c) => { c.users = { strategy: 'table', table: [{ local: 'a', partner: 'x' }, { local: 'b', partner: 'x' }] }; });
    const w = only(configWarnings(twice, sup, dev));
    expect(w).toMatchObject({ at: 'users.table.1.partner', message: '"x" on DEV is listed more than once in the user table; only the first row counts' });
    expect(applyFix(twice, w).users.table).toEqual([{ local: 'a', partner: 'x' }]);
  });

  it('reports an invalid file name pattern', () => {
    const config = configOf((c) => { c.attachments = { direction: 'both', fileNamePattern: '([a-z' }; });
    const w = only(configWarnings(config, sup, dev));
    expect(w.tab).toBe('attachments');
    expect(applyFix(config, w).attachments.fileNamePattern).toBeNull();
  });

  it('keeps warning ids stable when other entries move, and a fix still finds its entry', () => {
    const gone = catalog(dev, (c) => { c.customFields.splice(0, 1); });
    const config = configOf();
    const w = only(configWarnings(config, sup, gone));
    const shifted = { ...config, fields: config.fields.slice(1) };
    expect(only(configWarnings(shifted, sup, gone)).id).toBe(w.id);
    expect(w.fix!.apply(shifted).fields.map((f) => (f.kind === 'system' ? f.field : f.local.name))).toEqual(['priority', 'Severity']);
  });
});

describe('tabOfPath', () => {
  it('maps config paths to editor tabs', () => {
    expect(tabOfPath('fields.3.valueMap')).toBe('fields');
    expect(tabOfPath('statuses.0.local')).toBe('workflows');
    expect(tabOfPath('advanced.jql')).toBe('filters');
    expect(tabOfPath('advanced.deletePolicy')).toBe('advanced');
    expect(tabOfPath('issueTypes')).toBe('issueTypes');
    expect(tabOfPath('(root)')).toBe('advanced');
  });
});
