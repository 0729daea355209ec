import { describe, expect, it } from 'vitest';
import { CUSTOM_TYPES, FieldMapping, SYSTEM_FIELDS } from '../config/schema';
import type { AdfDoc, PortableUser, PortableValue } from './message';
import { defaultInput, localFieldId, partnerFieldId, readValue, shapeOf, toJiraInput, type FieldShape, type UserResolver } from './values';

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

/** Resolves nobody: only the mapping's default can fill a user field. */
const nobody: UserResolver = () => null;
const sameAccount: UserResolver = (u) => u.accountId;
const dana: PortableUser = { accountId: 'acc-dana', email: 'dana@example.com', displayName: 'Dana' };

describe('shapeOf', () => {
  it('gives every system field its shape', () => {
    const expected: Record<System, FieldShape> = {
      summary: 'text', description: 'rich', environment: 'rich', priority: 'name', labels: 'labels', components: 'names',
      fixVersions: 'names', versions: 'names', duedate: 'text', assignee: 'user', reporter: 'user',
    };
    expect(Object.fromEntries(SYSTEM_FIELDS.map((f) => [f, shapeOf(system(f))]))).toEqual(expected);
  });

  it('gives every custom type its shape', () => {
    const expected: Record<Custom, FieldShape> = {
      text: 'text', paragraph: 'rich', number: 'number', date: 'text', datetime: 'text', select: 'name',
      multiselect: 'names', user: 'user', labels: 'labels', url: 'text',
    };
    expect(Object.fromEntries(CUSTOM_TYPES.map((t) => [t, shapeOf(custom(t))]))).toEqual(expected);
  });
});

describe('readValue', () => {
  it('reads text and numbers, turning stray scalars into the shape', () => {
    expect(readValue('text', 'Customer cannot log in')).toBe('Customer cannot log in');
    expect(readValue('text', '2026-12-01')).toBe('2026-12-01');
    expect(readValue('text', 42)).toBe('42');
    expect(readValue('number', 5.5)).toBe(5.5);
    expect(readValue('number', '8')).toBe(8);
  });

  it('reads a priority by name and a custom select option by value', () => {
    expect(readValue('name', { self: 'https://x/priority/2', id: '2', name: 'High', iconUrl: 'https://x/high.svg' })).toBe('High');
    expect(readValue('name', { self: 'https://x/option/10100', id: '10100', value: 'Critical' })).toBe('Critical');
    expect(readValue('name', { id: '3' })).toBeNull();
    expect(readValue('name', 'High')).toBeNull();
  });

  it('reads components and versions by name, multiselect options by value, skipping unreadable entries', () => {
    expect(readValue('names', [{ id: '1', name: 'Billing' }, { id: '2', name: 'API' }])).toEqual(['Billing', 'API']);
    expect(readValue('names', [{ id: '10', value: 'Web' }, { id: '11', value: 'iOS' }])).toEqual(['Web', 'iOS']);
    expect(readValue('names', [{ id: '1', name: 'Billing' }, 'junk', { id: '3' }, null])).toEqual(['Billing']);
    expect(readValue('names', { name: 'not a list' })).toEqual([]);
  });

  it('reads labels as the strings they are', () => {
    expect(readValue('labels', ['sso', 'login'])).toEqual(['sso', 'login']);
    expect(readValue('labels', ['sso', 7, null])).toEqual(['sso']);
  });

  it('reads a user as accountId, email and display name, leaving out what Jira hides', () => {
    expect(readValue('user', { accountId: 'acc-1', emailAddress: 'sam@example.com', displayName: 'Sam', active: true, timeZone: 'UTC' }))
      .toEqual({ user: { accountId: 'acc-1', email: 'sam@example.com', displayName: 'Sam' } });
    // Jira omits the email of people whose profile hides it.
    expect(readValue('user', { accountId: 'acc-2', displayName: 'Private' })).toEqual({ user: { accountId: 'acc-2', displayName: 'Private' } });
    expect(readValue('user', { displayName: 'No account' })).toBeNull();
  });

  it('reads a document and makes it portable: media dropped, mentions turned into text', () => {
    const raw = doc(
      para(text('Seen by '), { type: 'mention', attrs: { id: 'acc-1', text: '@Sam', accessLevel: '' } }, text(' today')),
      { type: 'mediaSingle', attrs: { layout: 'center' }, content: [{ type: 'media', attrs: { type: 'file', id: 'f-1', collection: 'jira-10001' } }] },
    );
    expect(readValue('rich', raw)).toEqual({ adf: doc(para(text('Seen by '), text('@Sam'), text(' today'))) });
    expect(readValue('rich', 'plain text, not ADF')).toBeNull();
    expect(readValue('rich', { type: 'doc', version: 2, content: [] })).toBeNull();
  });

  it('reads an empty field as null, or as an empty list for list shapes', () => {
    for (const shape of ['text', 'number', 'rich', 'name', 'user'] as const) {
      expect(readValue(shape, null)).toBeNull();
      expect(readValue(shape, undefined)).toBeNull();
    }
    for (const shape of ['names', 'labels'] as const) {
      expect(readValue(shape, null)).toEqual([]);
      expect(readValue(shape, undefined)).toEqual([]);
    }
  });
});

describe('toJiraInput', () => {
  it('names system values by name and custom options by value, through the value map (partner name → local name)', () => {
    const priority = system('priority', { valueMap: [{ local: 'Highest', partner: 'Blocker' }] });
    expect(toJiraInput(priority, 'Blocker', nobody)).toEqual({ name: 'Highest' });
    expect(toJiraInput(priority, 'Low', nobody)).toEqual({ name: 'Low' });
    // The map is read partner → local only: a local name arriving is passed as it is.
    expect(toJiraInput(priority, 'Highest', nobody)).toEqual({ name: 'Highest' });

    const severity = custom('select', { valueMap: [{ local: 'S1', partner: 'Critical' }] });
    expect(toJiraInput(severity, 'Critical', nobody)).toEqual({ value: 'S1' });

    const components = system('components', { valueMap: [{ local: 'Payments', partner: 'Billing' }] });
    expect(toJiraInput(components, ['Billing', 'API'], nobody)).toEqual([{ name: 'Payments' }, { name: 'API' }]);
    const platforms = custom('multiselect', { valueMap: [{ local: 'Apple', partner: 'iOS' }] });
    expect(toJiraInput(platforms, ['Web', 'iOS'], nobody)).toEqual([{ value: 'Web' }, { value: 'Apple' }]);
  });

  it('clears what may be cleared, and refuses to clear a summary or a system name', () => {
    expect(toJiraInput(system('summary'), null, nobody)).toBeUndefined();
    expect(toJiraInput(system('priority'), null, nobody)).toBeUndefined();
    expect(toJiraInput(system('duedate'), null, nobody)).toBeNull();
    expect(toJiraInput(system('description'), null, nobody)).toBeNull();
    expect(toJiraInput(custom('select'), null, nobody)).toBeNull();
    expect(toJiraInput(custom('number'), null, nobody)).toBeNull();
    expect(toJiraInput(system('assignee'), null, sameAccount)).toBeNull();
    expect(toJiraInput(system('components'), null, nobody)).toEqual([]);
    expect(toJiraInput(system('labels'), null, nobody)).toEqual([]);
  });

  it('writes text, numbers and documents as they are', () => {
    expect(toJiraInput(system('summary'), 'Login fails', nobody)).toBe('Login fails');
    expect(toJiraInput(custom('url'), 'https://example.com/1', nobody)).toBe('https://example.com/1');
    expect(toJiraInput(custom('number'), 8, nobody)).toBe(8);
    const body = doc(para(text('Since Monday.')));
    expect(toJiraInput(system('description'), { adf: body }, nobody)).toEqual(body);
  });

  it('joins the words of a label that holds spaces, which Jira refuses', () => {
    expect(toJiraInput(system('labels'), ['needs triage', 'sso', 'a \t b'], nobody)).toEqual(['needs_triage', 'sso', 'a_b']);
    expect(toJiraInput(custom('labels'), ['hot topic'], nobody)).toEqual(['hot_topic']);
  });

  it('resolves users through the resolver, else the mapping default, else leaves the field empty', () => {
    expect(toJiraInput(system('assignee'), { user: dana }, sameAccount)).toEqual({ accountId: 'acc-dana' });
    expect(toJiraInput(system('assignee'), { user: dana }, (u) => (u.email === 'dana@example.com' ? 'local-dana' : null))).toEqual({ accountId: 'local-dana' });
    expect(toJiraInput(system('assignee', { default: 'acc-triage' }), { user: dana }, nobody)).toEqual({ accountId: 'acc-triage' });
    expect(toJiraInput(custom('user'), { user: dana }, nobody)).toBeNull();
  });

  it('answers undefined for a value of the wrong shape, so the field is reported rather than written', () => {
    const cases: Array<[FieldMapping, PortableValue]> = [
      [system('summary'), ['a', 'b']],
      [system('summary'), 5],
      [custom('number'), '5'],
      [system('description'), 'plain text'],
      [system('description'), { user: dana }],
      [system('priority'), ['High']],
      [custom('select'), 3],
      [system('components'), 'Billing'],
      [system('labels'), 'sso'],
      [custom('multiselect'), { adf: doc() }],
      [system('assignee'), 'acc-dana'],
      [system('reporter'), { adf: doc() }],
    ];
    for (const [mapping, value] of cases) expect({ field: localFieldId(mapping), value, input: toJiraInput(mapping, value, sameAccount) }).toEqual({ field: localFieldId(mapping), value, input: undefined });
  });
});

describe('defaultInput', () => {
  it('is undefined without a default', () => {
    expect(defaultInput(system('priority'))).toBeUndefined();
    expect(defaultInput(custom('select'))).toBeUndefined();
  });

  it('writes the default in the shape of the field', () => {
    expect(defaultInput(system('priority', { default: 'Medium' }))).toEqual({ name: 'Medium' });
    expect(defaultInput(custom('select', { default: 'Minor' }))).toEqual({ value: 'Minor' });
    expect(defaultInput(system('components', { default: 'General' }))).toEqual([{ name: 'General' }]);
    expect(defaultInput(custom('multiselect', { default: 'Web' }))).toEqual([{ value: 'Web' }]);
    expect(defaultInput(system('assignee', { default: 'acc-triage' }))).toEqual({ accountId: 'acc-triage' });
    expect(defaultInput(custom('number', { default: '3' }))).toBe(3);
    expect(defaultInput(custom('text', { default: 'unknown' }))).toBe('unknown');
    expect(defaultInput(system('duedate', { default: '2026-12-31' }))).toBe('2026-12-31');
  });

  it('writes list and document defaults as a list and a document, the only forms Jira takes for those fields', () => {
    expect(defaultInput(system('labels', { default: 'from-partner' }))).toEqual(['from-partner']);
    expect(defaultInput(custom('labels', { default: 'synced' }))).toEqual(['synced']);
    expect(defaultInput(system('description', { default: 'See the partner issue.' }))).toEqual(doc(para(text('See the partner issue.'))));
    expect(defaultInput(custom('paragraph', { default: 'n/a' }))).toEqual(doc(para(text('n/a'))));
  });
});

describe('field ids', () => {
  it('are the system field on both sides, or each side\'s own custom field id', () => {
    expect([localFieldId(system('priority')), partnerFieldId(system('priority'))]).toEqual(['priority', 'priority']);
    expect([localFieldId(custom('number')), partnerFieldId(custom('number'))]).toEqual(['customfield_10010', 'customfield_20020']);
  });

  it('follow a partnerField cross mapping: fixVersions here feeds versions there', () => {
    const cross = system('fixVersions', { partnerField: 'versions' });
    expect(localFieldId(cross)).toBe('fixVersions');
    expect(partnerFieldId(cross)).toBe('versions');
  });
});
