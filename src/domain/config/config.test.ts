import { describe, expect, it } from 'vitest';
import { mirror, receives, sends } from './direction';
import { parseSyncConfig, parseSyncConfigText } from './parse';
import { CONFIG_VERSION, type SyncConfigInput } from './schema';

const minimal = (): SyncConfigInput => ({
  version: CONFIG_VERSION,
  local: { projectKey: 'SUP' },
  partner: { site: 'beta', projectKey: 'DEV' },
  issueTypes: [{ local: { id: '10001', name: 'Bug' }, partner: { id: '30001', name: 'Bug' } }],
  fields: [
    { kind: 'system', field: 'summary', direction: 'both' },
    { kind: 'system', field: 'priority', direction: 'to-partner', valueMap: [{ local: 'Highest', partner: 'Blocker' }], default: 'Medium' },
    { kind: 'system', field: 'components', direction: 'both', createMissing: true },
    { kind: 'custom', type: 'select', local: { id: 'customfield_10010', name: 'Severity' }, partner: { id: 'customfield_10200', name: 'Impact' }, direction: 'from-partner', valueMap: [{ local: 'S1', partner: 'Critical' }] },
  ],
});

describe('sync configuration', () => {
  it('parses a minimal configuration and fills documented defaults', () => {
    const r = parseSyncConfig(minimal());
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.config.comments).toEqual({ direction: 'both', includeRestricted: false, followEdits: true, followDeletes: true });
    expect(r.config.attachments.maxBytes).toBe(10 * 1024 * 1024);
    expect(r.config.users.strategy).toBe('same-account');
    expect(r.config.advanced).toMatchObject({ deletePolicy: 'ignore', conflicts: 'newest-wins', accept: { create: true, update: true, delete: false } });
    expect(r.config.fields[0]).toMatchObject({ valueMap: [], default: null, createMissing: false });
  });

  it('names each problem by path and says what was expected', () => {
    const bad = { ...minimal(), local: { projectKey: 'sup' }, fields: [{ kind: 'system', field: 'summary', direction: 'sideways' }] };
    const r = parseSyncConfig(bad);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toContainEqual({ at: 'local.projectKey', message: 'a Jira project key such as SUP' });
    expect(r.problems.map((p) => p.at)).toContain('fields.0.direction');
  });

  it('refuses rules that contradict each other', () => {
    const c = minimal();
    c.fields.push({ kind: 'system', field: 'summary', direction: 'to-partner' });
    c.fields.push({ kind: 'system', field: 'labels', direction: 'both', valueMap: [{ local: 'a', partner: 'b' }] });
    c.fields.push({ kind: 'system', field: 'duedate', direction: 'both', createMissing: true });
    c.issueTypes.push({ ...c.issueTypes[0]! });
    const r = parseSyncConfig({ ...c, partner: { site: 'same', projectKey: 'SUP' } });
    expect(r.ok ? [] : r.problems).toEqual([
      { at: 'fields.4', message: 'maps the same field as fields.0' },
      { at: 'fields.5.valueMap', message: 'value maps apply to priority, components, versions and select fields only' },
      { at: 'fields.6.createMissing', message: 'only components and versions can be created' },
      { at: 'issueTypes.1', message: `issue type ${c.issueTypes[0]!.local.name} ↔ ${c.issueTypes[0]!.partner.name} is mapped twice` },
      { at: 'partner.projectKey', message: 'a project cannot sync with itself' },
    ]);
  });

  it('points at the line and column of a JSON syntax error in an import file', () => {
    const r = parseSyncConfigText('{\n  "version": 1,\n  "local": { "projectKey": "SUP", }\n}');
    expect(r).toEqual({ ok: false, problems: [{ at: 'line 3, column 35', message: 'not valid JSON' }] });
  });

  it('reads directions from either side', () => {
    expect([sends('both'), receives('both')]).toEqual([true, true]);
    expect([sends('to-partner'), receives('to-partner')]).toEqual([true, false]);
    expect([sends('from-partner'), receives('from-partner')]).toEqual([false, true]);
    expect([sends('none'), receives('none')]).toEqual([false, false]);
    expect([mirror('to-partner'), mirror('from-partner'), mirror('both')]).toEqual(['from-partner', 'to-partner', 'both']);
  });
});
