import { describe, expect, it } from 'vitest';
import { balanced, syncJql } from './bulk';

describe('syncJql', () => {
  it('keeps each filter inside its own parentheses', () => {
    expect(syncJql('SUP', 'labels = x OR priority = High', '', 'updated >= 1')).toBe('project = "SUP" AND (labels = x OR priority = High) AND (updated >= 1)');
  });

  it('refuses a filter that would step out of its parentheses and widen the search past the project', () => {
    expect(() => syncJql('SUP', 'x = 1) OR (project = QA')).toThrow(/unbalanced parentheses/);
    expect(() => syncJql('SUP', 'x = 1 OR project = QA)')).toThrow(RangeError);
  });

  it('counts parentheses outside quoted text only', () => {
    expect(balanced('summary ~ "a)b" AND (labels = "(")')).toBe(true);
    expect(balanced("summary ~ 'it\\'s (' AND x = 1")).toBe(true);
    expect(balanced('summary ~ "unterminated')).toBe(false);
    expect(balanced('((a = 1)')).toBe(false);
  });
});
