import { describe, expect, it } from 'vitest';
import { elementLines, findSyntaxFault, lineColumn, parseJsonText } from './json-text';

const problemOf = (text: string) => {
  const result = parseJsonText(text);
  if (result.ok) throw new Error('expected a problem');
  return result.problem;
};

describe('parseJsonText', () => {
  it('parses JSON, with or without a byte order mark', () => {
    expect(parseJsonText('{"a": [1, true, null]}')).toEqual({ ok: true, value: { a: [1, true, null] } });
    expect(parseJsonText('\ufeff{"a": 1}')).toEqual({ ok: true, value: { a: 1 } });
  });

  it('says an empty file is empty', () => {
    expect(problemOf('')).toEqual({ at: 'file', message: 'The file is empty' });
    expect(problemOf(' \n\t\n')).toEqual({ at: 'file', message: 'The file is empty' });
  });

  it('says a file that stops mid-way looks truncated, at the last line written', () => {
    expect(problemOf('{\n  "pairs": [\n    {"a": 1},\n    {"a": 2')).toEqual({
      at: 'line 4',
      message: 'The file ends early at line 4, column 12: it looks truncated (expected "," or "}")',
    });
    expect(problemOf('{"a": [1, 2\n\n\n').message).toBe('The file ends early at line 1, column 12: it looks truncated (expected "," or "]")');
    expect(problemOf('{"a": "unfinished').message).toContain('expected the closing " of the text that starts at line 1, column 7');
    expect(problemOf('{"a": tr').message).toContain('expected "true"');
  });

  it('names the line, the column and what was expected for other syntax errors', () => {
    expect(problemOf('{\n  "a": 1,\n  "b" 2\n}')).toEqual({ at: 'line 3, column 7', message: 'Not valid JSON: expected ":" after the property name, found "2"' });
    expect(problemOf('{"a": 1,}')).toEqual({ at: 'line 1, column 9', message: 'Not valid JSON: expected a property name in double quotes, found "}"; JSON allows no comma before "}"' });
    expect(problemOf('[1, 2,\n]').at).toBe('line 2, column 1');
    expect(problemOf("{'a': 1}").message).toContain('JSON uses double quotes');
    expect(problemOf('{"a": True}').message).toBe('Not valid JSON: expected a value (an object, array, text in double quotes, number, true, false or null), found "True"');
    expect(problemOf('{"a": [1}').message).toBe('Not valid JSON: expected "," or "]", found "}"');
    expect(problemOf('{"a": "x\ny"}').message).toContain('a text cannot span lines');
    expect(problemOf('{"a": 1} {}')).toEqual({ at: 'line 1, column 10', message: 'Not valid JSON: expected the end of the file after the top-level value, found "{"' });
    expect(problemOf('{"a": "\\x"}').message).toContain('expected an escape such as');
    expect(problemOf('{"a": -}').message).toBe('Not valid JSON: expected a digit, found "}"');
  });

  it('finds no fault in anything JSON.parse accepts', () => {
    for (const text of ['0', '-1.5e+3', '"a\\u00e9\\n"', '{"a": {"b": [[], {}, "", 0.5, false]}}', `${'['.repeat(5000)}${']'.repeat(5000)}`]) {
      expect(JSON.parse(text)).toBeDefined();
      expect(findSyntaxFault(text)).toBeNull();
    }
  });
});

describe('lineColumn', () => {
  it('counts lines and columns from 1', () => {
    expect(lineColumn('ab\ncd\r\nef', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd\r\nef', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn('ab\ncd\r\nef', 8)).toEqual({ line: 3, column: 2 });
  });
});

describe('elementLines', () => {
  it('gives the line where each element of a top-level array property starts', () => {
    const text = [
      '{',
      '  "other": {"pairs": [1, 2, 3]},',
      '  "pairs": [',
      '    {"a": [1, {"b": "],"}]},',
      '    2,',
      '',
      '    "tricky \\" ], {"',
      '  , null, "x"],',
      '  "empty": []',
      '}',
    ].join('\n');
    expect(elementLines(text, ['pairs'])).toEqual([4, 5, 7, 8, 8]);
    expect(elementLines(text, ['other', 'pairs'])).toEqual([2, 2, 2]);
    expect(elementLines(text, ['empty'])).toEqual([]);
    expect(elementLines(text, ['missing'])).toEqual([]);
    expect(elementLines('[\n1,\n2]', [])).toEqual([2, 3]);
  });

  it('takes the last of two properties of the same name, as JSON.parse does', () => {
    expect(elementLines('{"p": [1],\n"p": [\n2, 3]}', ['p'])).toEqual([3, 3]);
  });

  it('reads a 100,000-element list in one pass', () => {
    const entries = Array.from({ length: 100_000 }, (_, i) => `    {"local": {"id": "${10_000 + i}", "key": "SUP-${i + 1}"}, "note": "a \\"quoted\\" ]"}`);
    const text = `{\n  "format": "x",\n  "pairs": [\n${entries.join(',\n')}\n  ]\n}\n`;
    const lines = elementLines(text, ['pairs']);
    expect(lines).toHaveLength(100_000);
    expect(lines[0]).toBe(4);
    expect(lines[99_999]).toBe(100_003);
  });
});
