import { describe, expect, it } from 'vitest';
import { compareIssueKeys, formatIssueKey, parseIssueKey } from './issue-keys';

describe('issue keys', () => {
  it('parses keys case-insensitively', () => {
    expect(parseIssueKey('SUP-12')).toEqual({ project: 'SUP', number: 12 });
    expect(parseIssueKey(' sup-012 ')).toEqual({ project: 'SUP', number: 12 });
    expect(parseIssueKey('AB_2C-1')).toEqual({ project: 'AB_2C', number: 1 });
  });

  it('rejects non-keys', () => {
    for (const bad of ['SUP', '12', 'SUP-', '-12', '1SUP-2', 'SUP-1-2', 'SUP 12']) expect(parseIssueKey(bad), bad).toBeUndefined();
  });

  it('formats canonically', () => {
    expect(formatIssueKey({ project: 'SUP', number: 7 })).toBe('SUP-7');
  });

  it('orders by project, then numerically', () => {
    const keys = ['SUP-10', 'OPS-3', 'SUP-2', 'SUP-1', 'ABC-100'].map((key) => parseIssueKey(key)!);
    expect(keys.sort(compareIssueKeys).map(formatIssueKey)).toEqual(['ABC-100', 'OPS-3', 'SUP-1', 'SUP-2', 'SUP-10']);
    expect(compareIssueKeys({ project: 'SUP', number: 3 }, { project: 'SUP', number: 3 })).toBe(0);
  });
});
