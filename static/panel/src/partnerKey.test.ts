import { describe, expect, it } from 'vitest';
import { checkPartnerKey, ISSUE_KEY_PATTERN } from './partnerKey';

describe('checkPartnerKey', () => {
  it('accepts issue keys, trimmed and upper-cased', () => {
    expect(checkPartnerKey('DEV-12', 'SUP-1')).toEqual({ ok: true, key: 'DEV-12' });
    expect(checkPartnerKey('  dev-12 ', 'SUP-1')).toEqual({ ok: true, key: 'DEV-12' });
    expect(checkPartnerKey('MY_PROJ2-7', 'SUP-1')).toEqual({ ok: true, key: 'MY_PROJ2-7' });
  });

  it('explains what is wrong with anything else', () => {
    expect(checkPartnerKey('   ', 'SUP-1')).toEqual({ ok: false, message: 'Enter the key of the partner issue, such as DEV-12.' });
    for (const bad of ['DEV', 'DEV-', '-12', 'D-12', '1DEV-12', 'DEV 12', 'DEV-12x', 'https://x/browse/DEV-12']) {
      const check = checkPartnerKey(bad, 'SUP-1');
      expect(check.ok, bad).toBe(false);
      if (!check.ok) expect(check.message).toContain('is not an issue key');
    }
    expect(checkPartnerKey('sup-1', 'SUP-1')).toMatchObject({ ok: false, message: expect.stringContaining('cannot be paired with itself') });
  });

  it('uses the pattern the brief names', () => {
    expect(ISSUE_KEY_PATTERN.source).toBe('^[A-Z][A-Z0-9_]+-\\d+$');
  });
});
