import { describe, expect, it } from 'vitest';
import { JqlError } from './errors';
import { tokenize } from './lexer';

const kinds = (source: string): string[] => tokenize(source).map((token) => `${token.kind}:${token.value}`);

describe('tokenize', () => {
  it('splits words, operators and punctuation', () => {
    expect(kinds('project=SUP AND labels in (a,"b c")')).toEqual([
      'word:project', 'operator:=', 'word:SUP', 'word:AND', 'word:labels', 'word:in',
      'punct:(', 'word:a', 'punct:,', 'string:b c', 'punct:)', 'eof:',
    ]);
  });

  it('prefers two-character operators', () => {
    expect(kinds('a!=b c!~d e<=f g>=h i<j k>l m~n')).toEqual([
      'word:a', 'operator:!=', 'word:b', 'word:c', 'operator:!~', 'word:d', 'word:e', 'operator:<=', 'word:f',
      'word:g', 'operator:>=', 'word:h', 'word:i', 'operator:<', 'word:j', 'word:k', 'operator:>', 'word:l',
      'word:m', 'operator:~', 'word:n', 'eof:',
    ]);
  });

  it('keeps issue keys, relative dates, custom field refs and wildcards as single words', () => {
    expect(kinds('SUP-12 -1d 4w cf[10010] 10010 1.5 foo*')).toEqual([
      'word:SUP-12', 'word:-1d', 'word:4w', 'word:cf[10010]', 'word:10010', 'word:1.5', 'word:foo*', 'eof:',
    ]);
  });

  it('lexes symbolic logical operators as punctuation', () => {
    expect(kinds('a=1 && b=2 || !c=3 & d=4 | e=5')).toEqual([
      'word:a', 'operator:=', 'word:1', 'punct:&&', 'word:b', 'operator:=', 'word:2', 'punct:||', 'punct:!',
      'word:c', 'operator:=', 'word:3', 'punct:&', 'word:d', 'operator:=', 'word:4', 'punct:|', 'word:e',
      'operator:=', 'word:5', 'eof:',
    ]);
  });

  it('decodes double- and single-quoted strings with escapes', () => {
    const [double, single] = tokenize(String.raw`"say \"hi\" \\ \n\t\r\ \u0041" 'it\'s "fine"'`);
    expect(double).toMatchObject({ kind: 'string', value: 'say "hi" \\ \n\t\r A', text: String.raw`"say \"hi\" \\ \n\t\r\ \u0041"` });
    expect(single).toMatchObject({ kind: 'string', value: `it's "fine"` });
  });

  it('records 1-based line and character positions across lines', () => {
    const tokens = tokenize('project = SUP\n  AND status = "Done"\r\nORDER BY key');
    expect(tokens.map((token) => [token.text, token.position.line, token.position.character])).toEqual([
      ['project', 1, 1], ['=', 1, 9], ['SUP', 1, 11], ['AND', 2, 3], ['status', 2, 7], ['=', 2, 14], ['"Done"', 2, 16],
      ['ORDER', 3, 1], ['BY', 3, 7], ['key', 3, 10], ['', 3, 13],
    ]);
  });

  it('returns only eof for blank input', () => {
    expect(kinds('  \n\t ')).toEqual(['eof:']);
  });

  it('rejects an unterminated string at its opening quote', () => {
    expect(() => tokenize("a = 'abc")).toThrow(
      "Error in the JQL Query: The quoted string 'abc' has not been completed. (line 1, character 5)",
    );
    expect(() => tokenize('a = "ends with backslash\\')).toThrow(/quoted string 'ends with backslash\\' has not been completed/);
  });

  it('rejects illegal escapes at the backslash', () => {
    expect(() => tokenize(String.raw`x ~ "a\qb"`)).toThrow(
      String.raw`Error in the JQL Query: '\q' is an illegal JQL escape sequence. The valid escape sequences are \', \", \t, \n, \r, \\, '\ ' and \uXXXX. (line 1, character 7)`,
    );
    expect(() => tokenize(String.raw`x ~ "\u12G4"`)).toThrow(String.raw`'\u12G4' is an illegal JQL escape sequence`);
  });

  it('attaches the position to the error', () => {
    try {
      tokenize('a = b\n  c = "open');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(JqlError);
      expect((error as JqlError).position).toEqual({ line: 2, character: 7 });
    }
  });
});
