import { describe, expect, it } from 'vitest';
import { createFieldResolver, toScalars } from './fields';
import { ISSUES, SCHEMA, view } from './test-fixtures';

const resolve = createFieldResolver(SCHEMA);

describe('createFieldResolver', () => {
  it('matches declared names case-insensitively and keeps the written name', () => {
    expect(resolve('STATUS')).toMatchObject({ id: 'status', name: 'STATUS', type: 'string', orderable: true, pseudo: false });
    expect(resolve('Type').id).toBe('issuetype');
    expect(resolve('issue').id).toBe('key');
    expect(resolve('story points')).toMatchObject({ id: 'customfield_10010', type: 'number' });
    expect(resolve('createdDate').id).toBe('created');
  });

  it('resolves cf[N] to customfield_N', () => {
    expect(resolve('cf[10010]')).toMatchObject({ id: 'customfield_10010', name: 'cf[10010]' });
    expect(resolve('CF[10010]').id).toBe('customfield_10010');
  });

  it('falls back to the canonical id', () => {
    expect(resolve('customfield_10010').id).toBe('customfield_10010');
  });

  it('honours orderable: false', () => {
    expect(resolve('description').orderable).toBe(false);
  });

  it('offers the text pseudo-field over every text field', () => {
    const text = resolve('Text');
    expect(text).toMatchObject({ id: 'text', type: 'text', pseudo: true, orderable: false });
    expect(text.values(ISSUES['SUP-2']!)).toEqual(['Export to CSV is slow']);
    expect(text.values(ISSUES['SUP-1']!)).toHaveLength(2);
  });

  it('prefers a real field named text over the pseudo-field', () => {
    const own = createFieldResolver({ fields: [{ id: 'customfield_1', names: ['Text'], type: 'string' }] });
    expect(own('text')).toMatchObject({ id: 'customfield_1', pseudo: false });
  });

  it('rejects unknown fields in Jira words', () => {
    expect(() => resolve('foo')).toThrow("Field 'foo' does not exist or you do not have permission to view it.");
    expect(() => resolve('cf[99999]')).toThrow("Field 'cf[99999]' does not exist or you do not have permission to view it.");
  });

  it('reads values through the view', () => {
    expect(resolve('labels').values(view({ labels: ['a', '', 'b'] }))).toEqual(['a', 'b']);
  });
});

describe('toScalars', () => {
  it('treats null, undefined, empty strings and empty lists as EMPTY', () => {
    expect(toScalars(null)).toEqual([]);
    expect(toScalars(undefined)).toEqual([]);
    expect(toScalars('')).toEqual([]);
    expect(toScalars([])).toEqual([]);
    expect(toScalars([''])).toEqual([]);
  });

  it('wraps scalars and keeps lists', () => {
    const date = new Date(0);
    expect(toScalars('x')).toEqual(['x']);
    expect(toScalars(0)).toEqual([0]);
    expect(toScalars(date)).toEqual([date]);
    expect(toScalars(['a', 1])).toEqual(['a', 1]);
  });
});
