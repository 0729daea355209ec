import { describe, expect, it } from 'vitest';
import { compileJql, parseJql } from './index';
import { compareSortValues } from './order-by';
import { CTX, SCHEMA, view } from './test-fixtures';
import type { JqlIssueView } from './types';

const rows: Record<string, JqlIssueView> = {
  a: view({ key: 'SUP-10' }, { key: 'SUP-10', status: 'Done', customfield_10010: 3, created: new Date('2024-02-01T00:00:00Z'), project: 'SUP', duedate: null }),
  b: view({ key: 'SUP-2' }, { key: 'SUP-2', status: 'open', customfield_10010: null, created: new Date('2024-01-01T00:00:00Z'), project: 'SUP', duedate: '2024-03-01' }),
  c: view({ key: 'OPS-7' }, { key: 'OPS-7', status: 'Open', customfield_10010: 10, created: new Date('2024-03-01T00:00:00Z'), project: 'OPS', duedate: '2024-02-01' }),
  d: view({ key: 'SUP-1' }, { key: 'SUP-1', status: 'done', customfield_10010: 3, created: new Date('2024-02-01T00:00:00Z'), project: 'SUP', duedate: null }),
};

function sorted(jql: string): string[] {
  const compiled = compileJql(parseJql(jql), SCHEMA, CTX);
  return Object.entries(rows)
    .sort(([, x], [, y]) => compiled.compare(x, y))
    .map(([name]) => name);
}

describe('ORDER BY', () => {
  it('sorts issue keys by project, then number', () => {
    expect(sorted('ORDER BY key')).toEqual(['c', 'd', 'b', 'a']);
    expect(sorted('ORDER BY issuekey DESC')).toEqual(['a', 'b', 'd', 'c']);
  });

  it('sorts numbers numerically with EMPTY last ascending and first descending', () => {
    expect(sorted('ORDER BY "Story Points", key')).toEqual(['d', 'a', 'c', 'b']);
    expect(sorted('ORDER BY cf[10010] DESC, key')).toEqual(['b', 'c', 'd', 'a']);
  });

  it('sorts dates chronologically, including date strings', () => {
    expect(sorted('ORDER BY created ASC, key ASC')).toEqual(['b', 'd', 'a', 'c']);
    expect(sorted('ORDER BY due, key')).toEqual(['c', 'b', 'd', 'a']);
  });

  it('sorts strings case-insensitively and breaks ties with later keys', () => {
    expect(sorted('ORDER BY status, key')).toEqual(['d', 'a', 'c', 'b']);
    expect(sorted('ORDER BY status DESC, key DESC')).toEqual(['b', 'c', 'a', 'd']);
    expect(sorted('ORDER BY project DESC, created DESC, key')).toEqual(['d', 'a', 'b', 'c']);
  });

  it('returns 0 when every key ties', () => {
    const compiled = compileJql(parseJql('ORDER BY project, created'), SCHEMA, CTX);
    expect(compiled.compare(rows['a']!, rows['d']!)).toBe(0);
  });
});

describe('compareSortValues', () => {
  it('puts EMPTY (null or empty string) last', () => {
    expect(compareSortValues(null, 'a', 'string')).toBe(1);
    expect(compareSortValues(1, null, 'number')).toBe(-1);
    expect(compareSortValues('', null, 'string')).toBe(0);
  });

  it('compares per type', () => {
    expect(compareSortValues('10', '9', 'number')).toBe(1);
    expect(compareSortValues('10', '9', 'string')).toBe(-1);
    expect(compareSortValues('10010', 10002, 'id')).toBe(1);
    expect(compareSortValues('2024-01-02', new Date('2024-01-01T12:00:00Z'), 'date')).toBe(1);
    expect(compareSortValues('SUP-10', 'SUP-9', 'issuekey')).toBe(1);
    expect(compareSortValues('ABC', 'abc', 'string')).toBe(0);
    expect(compareSortValues(5, 'five', 'string')).toBe(-1);
  });
});
