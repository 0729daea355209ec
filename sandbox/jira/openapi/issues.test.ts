import { describe, expect, it } from 'vitest';
import { dedupeIssues, describeValue, isAtOrBelow, joinPointer, splitPointer } from './issues';

describe('JSON pointers', () => {
  it('escapes ~ and / in segments and splits them back', () => {
    const pointer = joinPointer(joinPointer('', 'a/b'), 'c~d');
    expect(pointer).toBe('/a~1b/c~0d');
    expect(splitPointer(pointer)).toEqual(['a/b', 'c~d']);
    expect(splitPointer('')).toEqual([]);
  });

  it('tells whether one path lies at or below another', () => {
    expect(isAtOrBelow('/issues/0/fields', '/issues/0')).toBe(true);
    expect(isAtOrBelow('/issues/0', '/issues/0')).toBe(true);
    expect(isAtOrBelow('/issues/01', '/issues/0')).toBe(false);
    expect(isAtOrBelow('/anything', '')).toBe(true);
  });
});

describe('describeValue', () => {
  it('describes values briefly', () => {
    expect(describeValue(undefined)).toBe('nothing');
    expect(describeValue(null)).toBe('null');
    expect(describeValue([1, 2])).toBe('array(2)');
    expect(describeValue({})).toBe('object');
    expect(describeValue(42)).toBe('number 42');
    expect(describeValue('x'.repeat(100))).toMatch(/^string "x{57}\.\.\."$/);
  });
});

describe('dedupeIssues', () => {
  it('keeps the first of identical issues', () => {
    const issue = { path: '/a', message: 'm' };
    expect(dedupeIssues([issue, { ...issue }, { path: '/b', message: 'm' }])).toEqual([issue, { path: '/b', message: 'm' }]);
  });
});
