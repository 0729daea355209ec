/**
 * Fuzzing the JSON reader every uploaded file goes through: it agrees with JSON.parse on what is JSON,
 * answers hostile text with a problem naming the line (never an exception), in bounded time, iteratively.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deepNesting, expectLinear, expectProblem, fuzz, hostileText, limitFor, mutatedJson, PROPERTY_TIMEOUT_MS, timed } from '../../../test/support/fuzz';
import { elementLines, findSyntaxFault, lineColumn, parseJsonText, withoutBom } from './json-text';

const jsonParses = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

const lineCount = (text: string) => text.split('\n').length;
const lineOf = (at: string) => Number(/^line (\d+)/.exec(at)?.[1] ?? NaN);

/** A pair-list-like document: what elementLines is used on. */
const pairsDoc = { format: 'lockstep.pairs', version: 1, pairs: [{ local: { key: 'SUP-1' } }, { local: { key: 'SUP-2' } }, 7, [], 'x'] };

const anyText = fc.oneof({ arbitrary: hostileText, weight: 2 }, { arbitrary: mutatedJson(pairsDoc), weight: 1 });

describe('parseJsonText under fuzzing', () => {
  it('agrees with JSON.parse, and names a line within the file for every refusal', () => {
    fuzz(fc.property(anyText, (text) => {
      const result = timed(() => parseJsonText(text), limitFor(text.length));
      const body = withoutBom(text);
      // Deep values cannot be compared recursively; JSON.parse is the oracle of what is JSON.
      if (result.ok) {
        expect(jsonParses(body)).toBe(true);
        return;
      }
      expectProblem(result.problem);
      if (body.trim() !== '') expect(jsonParses(body)).toBe(false);
      const line = lineOf(result.problem.at);
      if (!Number.isNaN(line)) expect(line).toBeLessThanOrEqual(lineCount(body));
      // The scanner, not V8's wording, explains every refusal.
      expect(result.problem.message).not.toMatch(/^Not valid JSON: (Unexpected|Expected|Bad|Unterminated)/);
    }));
  }, PROPERTY_TIMEOUT_MS);

  it('finds a syntax fault exactly when JSON.parse refuses the text', () => {
    fuzz(fc.property(anyText, (text) => {
      const fault = timed(() => findSyntaxFault(text), limitFor(text.length));
      expect(fault === null).toBe(jsonParses(text));
      if (fault) expect(fault.offset).toBeGreaterThanOrEqual(0);
      if (fault) expect(fault.offset).toBeLessThanOrEqual(text.length);
    }));
  }, PROPERTY_TIMEOUT_MS);

  it('finds the line of every element of a list, one per element, in order', () => {
    fuzz(fc.property(mutatedJson(pairsDoc), (text) => {
      if (!jsonParses(text)) return;
      const value: unknown = JSON.parse(text);
      const lines = timed(() => elementLines(text, ['pairs']), limitFor(text.length));
      const list = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>).pairs : undefined;
      if (Array.isArray(list)) expect(lines.length).toBe(list.length);
      // Plain checks, one expect: a grown list has 50,000 elements.
      const last = lineCount(text);
      expect(lines.findIndex((line, i) => line > last || (i > 0 && line < lines[i - 1]!))).toBe(-1);
    }));
  }, PROPERTY_TIMEOUT_MS);

  it('places any offset on a line and column within the text', () => {
    fuzz(fc.property(hostileText, fc.nat(), (text, n) => {
      const offset = n % (text.length + 1);
      const { line, column } = lineColumn(text, offset);
      expect(line).toBeGreaterThanOrEqual(1);
      expect(line).toBeLessThanOrEqual(lineCount(text));
      expect(column).toBeGreaterThanOrEqual(1);
    }));
  }, PROPERTY_TIMEOUT_MS);

  it('reads deep nesting without overflowing the stack', () => {
    fuzz(fc.property(deepNesting, (text) => {
      const result = timed(() => parseJsonText(text), limitFor(text.length));
      if (!result.ok) expectProblem(result.problem);
      expect(findSyntaxFault(text) === null).toBe(jsonParses(text));
    }), 0.02);
  }, PROPERTY_TIMEOUT_MS);

  it('costs linear time in the size of hostile text', () => {
    expectLinear((n) => '['.repeat(n), findSyntaxFault, 20_000);
    expectLinear((n) => `[${'"a\\"b",'.repeat(n)}`, (t) => parseJsonText(t), 20_000);
    expectLinear((n) => `"${'\\u00e9'.repeat(n)}`, (t) => parseJsonText(t), 20_000);
    expectLinear((n) => `${'\n'.repeat(n)}{"a" 1}`, (t) => parseJsonText(t), 20_000);
    expectLinear((n) => `{"pairs":[${'{"a":[1,2,{"b":"\\\\"}]},\n'.repeat(n)}1]}`, (t) => elementLines(t, ['pairs']), 5_000);
  });
});
