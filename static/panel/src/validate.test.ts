import { describe, expect, it } from 'vitest';
import { isPanelActionResult } from './validate';

describe('isPanelActionResult', () => {
  it('accepts an outcome line and nothing else', () => {
    expect(isPanelActionResult({ outcome: 'Resync sent to DEV-12.' })).toBe(true);
    expect(isPanelActionResult({ outcome: 'x', extra: 1 })).toBe(true);
    for (const bad of [null, undefined, 'ok', [], {}, { outcome: 3 }, { outcome: null }]) expect(isPanelActionResult(bad)).toBe(false);
  });
});
