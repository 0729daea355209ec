import { describe, expect, it } from 'vitest';
import { applyPlan, matchSource, nextOffset, pageText, partialLabel, previousOffset, problemCount } from './pairing';

const counts = (patch: Partial<Record<'pair' | 'paired' | 'missing-local' | 'missing-partner' | 'conflict', number>> = {}) => ({
  pair: 0,
  paired: 0,
  'missing-local': 0,
  'missing-partner': 0,
  conflict: 0,
  ...patch,
});

describe('applyPlan', () => {
  it('applies a clean preview at once', () => {
    const plan = applyPlan(counts({ pair: 500, paired: 3 }), false);
    expect(plan).toMatchObject({ pairs: 500, problems: 0, needsConfirmation: false, canApply: true, label: 'Apply pairs (500)', blocked: null });
  });

  it('asks for confirmation when some rows are problems', () => {
    const c = counts({ pair: 480, 'missing-local': 12, conflict: 8 });
    expect(problemCount(c)).toBe(20);
    expect(applyPlan(c, false)).toMatchObject({ needsConfirmation: true, canApply: false });
    expect(applyPlan(c, false).blocked).toMatch(/480 valid pairs/);
    expect(applyPlan(c, true)).toMatchObject({ needsConfirmation: true, canApply: true, blocked: null });
    expect(partialLabel(480)).toBe('Apply only the 480 valid pairs');
    expect(partialLabel(1)).toBe('Apply only the 1 valid pair');
  });

  it('has nothing to apply without pairs', () => {
    expect(applyPlan(counts(), true)).toMatchObject({ canApply: false, blocked: 'The preview has no pairs to apply.' });
    expect(applyPlan(counts({ paired: 9 }), true).blocked).toMatch(/paired already/);
    expect(applyPlan(counts({ pair: 1200 }), false).label).toBe('Apply pairs (1,200)');
  });
});

describe('matchSource', () => {
  it('matches by key, with JQL only when given', () => {
    expect(matchSource('key', { jql: '  ', localField: null, partnerField: null })).toEqual({ source: { match: 'key' } });
    expect(matchSource('key', { jql: ' type = Bug ', localField: null, partnerField: null })).toEqual({ source: { match: 'key', jql: 'type = Bug' } });
  });

  it('matches by field once both fields are chosen', () => {
    expect(matchSource('field', { jql: '', localField: null, partnerField: 'customfield_2' })).toHaveProperty('problem');
    expect(matchSource('field', { jql: '', localField: 'customfield_1', partnerField: null })).toHaveProperty('problem');
    expect(matchSource('field', { jql: '', localField: 'customfield_1', partnerField: 'customfield_2' })).toEqual({
      source: { match: 'field', localField: 'customfield_1', partnerField: 'customfield_2' },
    });
  });
});

describe('preview paging', () => {
  it('names the rows shown and finds the neighbouring pages', () => {
    expect(pageText(0, 200, 512)).toBe('Rows 1–200 of 512');
    expect(pageText(400, 112, 512)).toBe('Rows 401–512 of 512');
    expect(pageText(0, 0, 0)).toBe('No rows');
    expect(previousOffset(0)).toBeNull();
    expect(previousOffset(200)).toBe(0);
    expect(previousOffset(150)).toBe(0);
    expect(nextOffset(0, 200, 512)).toBe(200);
    expect(nextOffset(400, 112, 512)).toBeNull();
    expect(nextOffset(0, 0, 5)).toBeNull();
  });
});
