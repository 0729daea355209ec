import { describe, expect, it } from 'vitest';
import { keyList, mismatchCaption, reportVerdict } from './reconcile';

describe('reconciliation wording', () => {
  it('says whether the cutover may go ahead', () => {
    const checks = [
      { label: 'a', pass: true, detail: '' },
      { label: 'b', pass: false, detail: '' },
    ];
    expect(reportVerdict({ pass: true, checks: [checks[0]!] })).toEqual({ title: 'Ready for cutover', detail: 'The check passes.' });
    expect(reportVerdict({ pass: true, checks }).detail).toBe('All 2 checks pass.');
    expect(reportVerdict({ pass: false, checks })).toEqual({ title: 'Not ready for cutover', detail: '1 of 2 checks fail.' });
  });

  it('lists the first keys and how many more', () => {
    expect(keyList('Unpaired', ['SUP-3', 'SUP-9'], 14)).toBe('Unpaired: SUP-3, SUP-9 and 12 more.');
    expect(keyList('Unpaired', ['SUP-3'], 1)).toBe('Unpaired: SUP-3.');
  });

  it('counts the mismatching pairs', () => {
    expect(mismatchCaption({ count: 0, rows: [] })).toBe('No pairs differ in their mapped fields');
    expect(mismatchCaption({ count: 1, rows: [{ localKey: 'a', partnerKey: 'b', fields: [] }] })).toBe('1 pair differs in their mapped fields');
    const rows = Array.from({ length: 1000 }, () => ({ localKey: 'a', partnerKey: 'b', fields: [] }));
    expect(mismatchCaption({ count: 1500, rows })).toBe('1,500 pairs differ in their mapped fields (first 1,000 shown)');
  });
});
