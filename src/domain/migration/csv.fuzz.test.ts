/**
 * Fuzzing the CSV reader under pair lists: whatever Lockstep writes reads back cell for cell, with
 * quotes, delimiters and line breaks inside cells; hostile text ends in records or one "unclosed quote",
 * never an exception, in linear time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvNasty, expectLinear, fuzz, hostileChar, hostileText, limitFor, PROPERTY_TIMEOUT_MS, timed } from '../../../test/support/fuzz';
import { csvRecords, csvValue, detectDelimiter, type CsvDelimiter, type CsvItem } from './csv';

const read = (text: string, d: CsvDelimiter): CsvItem[] => [...csvRecords(text, d)];
const lineCount = (text: string) => text.split('\n').length;

const cell = fc.oneof(fc.string({ unit: hostileChar, maxLength: 10 }), csvNasty, fc.string({ unit: 'binary', maxLength: 10 }));
const rows = fc.array(fc.array(cell, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 30 });
const delimiter = fc.constantFrom<CsvDelimiter>(',', ';', '\t');

describe('the CSV reader under fuzzing', () => {
  it('reads back every row Lockstep writes, cell for cell, whatever the cells hold', () => {
    fuzz(fc.property(rows, delimiter, fc.constantFrom('\n', '\r\n'), (table, d, eol) => {
      const text = table.map((r) => r.map(csvValue).join(d)).join(eol) + eol;
      const records = timed(() => read(text, d), limitFor(text.length));
      // Rows with nothing in them are skipped on purpose, as blank lines are.
      const expected = table.filter((r) => r.some((c) => c !== ''));
      expect(records.map((r) => ('fields' in r ? r.fields : r))).toEqual(expected);
    }));
  }, PROPERTY_TIMEOUT_MS);

  it('ends hostile text in records on lines within the file, or one unclosed quote, in bounded time', () => {
    fuzz(fc.property(hostileText, delimiter, (text, d) => {
      const records = timed(() => read(text, d), limitFor(text.length));
      let last = 0;
      records.forEach((r, i) => {
        expect(r.line).toBeGreaterThan(last);
        expect(r.line).toBeLessThanOrEqual(lineCount(text));
        last = r.line;
        if ('unclosedQuote' in r) expect(i).toBe(records.length - 1);
        else expect(r.fields.some((f) => f !== '')).toBe(true);
      });
      expect([',', ';', '\t']).toContain(timed(() => detectDelimiter(text), limitFor(text.length)));
    }));
  }, PROPERTY_TIMEOUT_MS);

  it('costs linear time on quotes, columns, blank lines and long cells', () => {
    const all = (t: string) => read(t, ',');
    expectLinear((n) => `"${'""'.repeat(n)}"\n`, all, 20_000);
    expectLinear((n) => `${'a,'.repeat(n)}\n`, all, 20_000);
    expectLinear((n) => '\n \t\n#c\n'.repeat(n), all, 20_000);
    expectLinear((n) => `"${'a\n'.repeat(n)}"`, all, 20_000);
    expectLinear((n) => `${' '.repeat(n)}x,${' '.repeat(n)}"y"${' '.repeat(n)}\n`, all, 20_000);
    expectLinear((n) => `"a"${'b'.repeat(n)},"${'\r'.repeat(n)}`, all, 20_000);
    expectLinear((n) => `${';'.repeat(n)}\n`, detectDelimiter, 20_000);
  });
});
