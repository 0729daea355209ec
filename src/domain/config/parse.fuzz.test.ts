/**
 * Fuzzing the configuration reader behind "Save" (the editor's payload) and stored records: a
 * configuration or problems with a path, never an exception, whatever the value or text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { configInput } from '../../../test/support/fuzz-config';
import { expectNoPollution, expectPlainTree, fuzz, hostileText, limitFor, mutatedJson, mutatedValue, oddValue, PROPERTY_TIMEOUT_MS, timed } from '../../../test/support/fuzz';
import { parseSyncConfig, parseSyncConfigText, type ConfigResult } from './parse';

function expectSound(result: ConfigResult): void {
  expectNoPollution();
  expectPlainTree(result);
  if (result.ok) return;
  expect(result.problems.length).toBeGreaterThan(0);
  for (const p of result.problems) {
    expect(typeof p.at).toBe('string');
    expect(p.message.length).toBeGreaterThan(0);
  }
}

describe('the configuration reader under fuzzing', () => {
  it('reads any value the editor could send', () => {
    fuzz(fc.property(fc.oneof({ arbitrary: mutatedValue(configInput), weight: 4 }, { arbitrary: oddValue, weight: 1 }), (value) => {
      expectSound(timed(() => parseSyncConfig(value)));
    }));
  }, PROPERTY_TIMEOUT_MS);

  it('reads any text, naming the line and column of a JSON error', () => {
    fuzz(fc.property(fc.oneof(hostileText, mutatedJson(configInput)), (text) => {
      const result = timed(() => parseSyncConfigText(text), limitFor(text.length));
      expectSound(result);
      if (!result.ok && result.problems[0]!.message === 'not valid JSON') expect(result.problems[0]!.at).toMatch(/^(line \d+, column \d+|end of input)$/);
    }));
  }, PROPERTY_TIMEOUT_MS);
});
