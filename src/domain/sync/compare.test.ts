import { describe, expect, it } from 'vitest';
import { CUSTOM_TYPES, FieldMapping, SYSTEM_FIELDS } from '../config/schema';
import { differingFields, sameValue } from './compare';
import type { AdfDoc, PortableUser } from './message';
import { userResolver } from './users';
import type { UserResolver } from './values';

type System = (typeof SYSTEM_FIELDS)[number];
type Custom = (typeof CUSTOM_TYPES)[number];

/** Mappings as the config parser leaves them, defaults filled. */
const system = (field: System, extra: Record<string, unknown> = {}) => FieldMapping.parse({ kind: 'system', field, direction: 'both', ...extra });
const custom = (type: Custom, extra: Record<string, unknown> = {}) => FieldMapping.parse({
  kind: 'custom', type, direction: 'both', local: { id: 'customfield_10010', name: 'Local' }, partner: { id: 'customfield_20020', name: 'Partner' }, ...extra,
});

const doc = (...content: unknown[]): AdfDoc => ({ type: 'doc', version: 1, content });
const para = (...content: unknown[]) => ({ type: 'paragraph', content });
const text = (t: string) => ({ type: 'text', text: t });

const sameAccount: UserResolver = (u) => u.accountId;
const dana: PortableUser = { accountId: 'partner-dana', email: 'Dana@Example.com', displayName: 'Dana' };
const ghost: PortableUser = { accountId: 'partner-ghost', displayName: 'Ghost' };
/** A user as Jira's REST API returns it on this side. */
const jiraUser = (accountId: string) => ({ accountId, displayName: 'Someone', active: true, self: `https://x/user?accountId=${accountId}` });

describe('sameValue: text', () => {
  it('compares text exactly', () => {
    expect(sameValue(system('summary'), 'Login fails', 'Login fails', sameAccount)).toBe(true);
    expect(sameValue(system('summary'), 'Login fails', 'Login fails ', sameAccount)).toBe(false);
    expect(sameValue(system('summary'), 'Login fails', 'login fails', sameAccount)).toBe(false);
    expect(sameValue(custom('date'), '2026-12-01', '2026-12-02', sameAccount)).toBe(false);
    expect(sameValue(system('duedate'), '2026-12-01', '2026-12-01', sameAccount)).toBe(true);
  });

  it('takes null and empty text as alike, except for a summary', () => {
    expect(sameValue(custom('text'), null, '', sameAccount)).toBe(true);
    expect(sameValue(custom('text'), '', null, sameAccount)).toBe(true);
    expect(sameValue(custom('url'), undefined, null, sameAccount)).toBe(true);
    expect(sameValue(custom('text'), 'x', null, sameAccount)).toBe(false);
    expect(sameValue(system('summary'), null, '', sameAccount)).toBe(false);
  });

  it('calls a value apply would not write the same: a null summary is never written', () => {
    expect(sameValue(system('summary'), 'Login fails', null, sameAccount)).toBe(true);
    // A wrong shape from a misconfigured partner is reported by apply, not written.
    expect(sameValue(custom('text'), 'x', 42, sameAccount)).toBe(true);
  });
});

describe('sameValue: number', () => {
  it('compares numerically, whatever form the current value has', () => {
    expect(sameValue(custom('number'), 5, 5, sameAccount)).toBe(true);
    expect(sameValue(custom('number'), 5.5, 5.5, sameAccount)).toBe(true);
    expect(sameValue(custom('number'), '8', 8, sameAccount)).toBe(true);
    expect(sameValue(custom('number'), 5, 6, sameAccount)).toBe(false);
    expect(sameValue(custom('number'), 0, null, sameAccount)).toBe(false);
    expect(sameValue(custom('number'), null, null, sameAccount)).toBe(true);
    expect(sameValue(custom('number'), null, 0, sameAccount)).toBe(false);
  });
});

describe('sameValue: rich text', () => {
  it('compares documents structurally, whatever the key order', () => {
    const current = { version: 1, content: [{ content: [{ text: 'Hello', type: 'text' }], type: 'paragraph' }], type: 'doc' };
    expect(sameValue(system('description'), current, { adf: doc(para(text('Hello'))) }, sameAccount)).toBe(true);
    expect(sameValue(system('description'), current, { adf: doc(para(text('Hello!'))) }, sameAccount)).toBe(false);
    expect(sameValue(custom('paragraph'), current, { adf: doc(para(text('Hello')), para(text('more'))) }, sameAccount)).toBe(false);
  });

  it('compares this side\'s document in portable form: its media and mentions cannot cross anyway', () => {
    const current = doc(
      para(text('See '), { type: 'mention', attrs: { id: 'local-acc', text: '@Dana' } }),
      { type: 'mediaSingle', content: [{ type: 'media', attrs: { id: 'file-1', type: 'file', collection: 'x' } }] },
    );
    expect(sameValue(system('environment'), current, { adf: doc(para(text('See '), text('@Dana'))) }, sameAccount)).toBe(true);
  });

  it('takes an empty document and an empty field as alike', () => {
    expect(sameValue(system('description'), null, null, sameAccount)).toBe(true);
    expect(sameValue(system('description'), doc(), null, sameAccount)).toBe(true);
    expect(sameValue(system('description'), null, { adf: doc() }, sameAccount)).toBe(true);
    expect(sameValue(system('description'), doc(para(text('x'))), null, sameAccount)).toBe(false);
    expect(sameValue(system('description'), null, { adf: doc(para(text('x'))) }, sameAccount)).toBe(false);
  });
});

describe('sameValue: a name', () => {
  const priority = system('priority', { valueMap: [{ local: 'Highest', partner: 'P1' }] });
  const select = custom('select', { valueMap: [{ local: 'Critical', partner: 'Sev 1' }] });

  it('compares after the value map, partner name → local name, case-sensitively', () => {
    const highest = { self: 'https://x/priority/1', id: '1', name: 'Highest' };
    expect(sameValue(priority, highest, 'P1', sameAccount)).toBe(true);
    expect(sameValue(priority, highest, 'Highest', sameAccount)).toBe(true);
    expect(sameValue(priority, highest, 'highest', sameAccount)).toBe(false);
    expect(sameValue(priority, { id: '2', name: 'P1' }, 'P1', sameAccount)).toBe(false);
    expect(sameValue(select, { id: '10100', value: 'Critical' }, 'Sev 1', sameAccount)).toBe(true);
    expect(sameValue(select, { id: '10101', value: 'Minor' }, 'Sev 1', sameAccount)).toBe(false);
  });

  it('clears a custom select but never a priority', () => {
    expect(sameValue(select, null, null, sameAccount)).toBe(true);
    expect(sameValue(select, { id: '10100', value: 'Critical' }, null, sameAccount)).toBe(false);
    expect(sameValue(priority, { id: '1', name: 'Highest' }, null, sameAccount)).toBe(true);
  });
});

describe('sameValue: names', () => {
  const components = system('components', { valueMap: [{ local: 'Billing', partner: 'Payments' }] });

  it('compares as sets, after the value map', () => {
    const current = [{ id: '1', name: 'API' }, { id: '2', name: 'Billing' }];
    expect(sameValue(components, current, ['Payments', 'API'], sameAccount)).toBe(true);
    expect(sameValue(components, current, ['API', 'Billing', 'API'], sameAccount)).toBe(true);
    expect(sameValue(components, current, ['API'], sameAccount)).toBe(false);
    expect(sameValue(components, current, ['API', 'Billing', 'Web'], sameAccount)).toBe(false);
    expect(sameValue(custom('multiselect'), [{ id: '10', value: 'iOS' }, { id: '11', value: 'Web' }], ['Web', 'iOS'], sameAccount)).toBe(true);
  });

  it('takes an empty list, a missing field and null as alike', () => {
    expect(sameValue(system('fixVersions'), [], null, sameAccount)).toBe(true);
    expect(sameValue(system('fixVersions'), undefined, [], sameAccount)).toBe(true);
    expect(sameValue(system('fixVersions'), [{ id: '1', name: '1.0' }], null, sameAccount)).toBe(false);
  });
});

describe('sameValue: labels', () => {
  it('compares as sets, after joining the words of a label with spaces', () => {
    expect(sameValue(system('labels'), ['needs_triage', 'web'], ['web', 'needs triage'], sameAccount)).toBe(true);
    expect(sameValue(custom('labels'), ['needs_triage'], ['needs  triage'], sameAccount)).toBe(true);
    expect(sameValue(system('labels'), ['needs_triage'], ['needs-triage'], sameAccount)).toBe(false);
    expect(sameValue(system('labels'), ['Web'], ['web'], sameAccount)).toBe(false);
    expect(sameValue(system('labels'), null, [], sameAccount)).toBe(true);
    expect(sameValue(system('labels'), ['web'], null, sameAccount)).toBe(false);
  });
});

describe('sameValue: users', () => {
  it('compares accountIds, the incoming user resolved first (same account)', () => {
    expect(sameValue(system('assignee'), jiraUser('partner-dana'), { user: dana }, sameAccount)).toBe(true);
    expect(sameValue(system('assignee'), jiraUser('partner-ghost'), { user: dana }, sameAccount)).toBe(false);
  });

  it('resolves through the table and by email, as apply does', () => {
    const table = userResolver({ strategy: 'table', table: [{ local: 'local-dana', partner: 'partner-dana' }], defaultUser: null });
    expect(sameValue(system('reporter'), jiraUser('local-dana'), { user: dana }, table)).toBe(true);
    expect(sameValue(system('reporter'), jiraUser('partner-dana'), { user: dana }, table)).toBe(false);
    const byEmail = userResolver({ strategy: 'email', table: [], defaultUser: null }, new Map([['dana@example.com', 'local-dana-2']]));
    expect(sameValue(custom('user'), jiraUser('local-dana-2'), { user: dana }, byEmail)).toBe(true);
    expect(sameValue(custom('user'), jiraUser('local-dana'), { user: dana }, byEmail)).toBe(false);
  });

  it('takes an unresolvable user as an empty field only when the mapping has no default', () => {
    const table = userResolver({ strategy: 'table', table: [], defaultUser: null });
    expect(sameValue(system('assignee'), null, { user: ghost }, table)).toBe(true);
    expect(sameValue(system('assignee'), jiraUser('local-dana'), { user: ghost }, table)).toBe(false);
    const withDefault = system('assignee', { default: 'local-triage' });
    expect(sameValue(withDefault, null, { user: ghost }, table)).toBe(false);
    expect(sameValue(withDefault, jiraUser('local-triage'), { user: ghost }, table)).toBe(true);
  });

  it('clears a user field with null, as apply does, default or not', () => {
    expect(sameValue(system('assignee'), null, null, sameAccount)).toBe(true);
    expect(sameValue(system('assignee', { default: 'local-triage' }), null, null, sameAccount)).toBe(true);
    expect(sameValue(system('assignee'), jiraUser('local-dana'), null, sameAccount)).toBe(false);
  });
});

describe('differingFields', () => {
  it('lists the mappings whose incoming values differ, only for fields that came in', () => {
    const summary = system('summary');
    const labels = system('labels');
    const priority = system('priority', { valueMap: [{ local: 'Highest', partner: 'P1' }] });
    const assignee = system('assignee');
    const score = custom('number');
    const current = {
      summary: 'Login fails', labels: ['needs_triage'], priority: { id: '1', name: 'Highest' },
      assignee: jiraUser('partner-dana'), customfield_10010: 3,
    };
    const incoming = { summary: 'Login fails on Safari', labels: ['needs triage'], priority: 'P1', customfield_10010: 4 };
    expect(differingFields([summary, labels, priority, assignee, score], current, incoming, sameAccount)).toEqual([summary, score]);
    expect(differingFields([summary, labels, priority, assignee, score], current, {}, sameAccount)).toEqual([]);
    // A field cleared on the partner is a value too: null comes in under the field id.
    expect(differingFields([assignee], current, { assignee: null }, sameAccount)).toEqual([assignee]);
  });
});
