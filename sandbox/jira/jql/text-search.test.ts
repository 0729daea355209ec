import { describe, expect, it } from 'vitest';
import { compileTextQuery, textWords } from './text-search';

const TEXT = 'The Login page crashes on submit; see NullPointerException in auth_service (v2.1).';
const matches = (query: string, text = TEXT): boolean => compileTextQuery(query, 'summary')(text);

describe('textWords', () => {
  it('lower-cases and splits on anything but letters, digits and underscores', () => {
    expect(textWords('Héllo, WORLD! auth_service v2.1')).toEqual(['héllo', 'world', 'auth_service', 'v2', '1']);
    expect(textWords('  ')).toEqual([]);
  });
});

describe('compileTextQuery', () => {
  it('matches single words case-insensitively and as whole words', () => {
    expect(matches('login')).toBe(true);
    expect(matches('LOGIN')).toBe(true);
    expect(matches('log')).toBe(false);
    expect(matches('nullpointerexception')).toBe(true);
    expect(matches('auth_service')).toBe(true);
  });

  it('requires every word, in any order', () => {
    expect(matches('submit login')).toBe(true);
    expect(matches('login logout')).toBe(false);
  });

  it('treats a trailing * as a prefix match and ? as one character', () => {
    expect(matches('crash*')).toBe(true);
    expect(matches('Null*')).toBe(true);
    expect(matches('crashes*')).toBe(true);
    expect(matches('crashed*')).toBe(false);
    expect(matches('cr*es')).toBe(true);
    expect(matches('pag?')).toBe(true);
    expect(matches('pa?')).toBe(false);
  });

  it('matches quoted phrases contiguously', () => {
    expect(matches('"login page"')).toBe(true);
    expect(matches('"page login"')).toBe(false);
    expect(matches('"login crashes"')).toBe(false);
    expect(matches('"crashes on submit" auth*')).toBe(true);
    expect(matches('"page cr*"')).toBe(true);
    expect(matches('"unterminated page')).toBe(false);
  });

  it('treats punctuation inside a term as a phrase boundary like an analyzer would', () => {
    expect(matches('auth_service')).toBe(true);
    expect(matches('v2.1')).toBe(true);
    expect(matches('dark-mode', 'Colours in dark-mode look washed out')).toBe(true);
    expect(matches('dark-mode', 'Dark colours; mode unknown')).toBe(false);
  });

  it('excludes terms prefixed with -', () => {
    expect(matches('login -logout')).toBe(true);
    expect(matches('login -submit')).toBe(false);
  });

  it('does not match empty text', () => {
    expect(matches('login', '')).toBe(false);
  });

  it('rejects queries without words', () => {
    expect(() => compileTextQuery('', 'summary')).toThrow("The field 'summary' does not support searching for an empty string.");
    expect(() => compileTextQuery('  !. ; ', 'summary')).toThrow(/does not support searching for an empty string/);
    expect(() => compileTextQuery('-login', 'Summary')).toThrow("The field 'Summary' does not support searching for an empty string.");
  });

  it('rejects leading wildcards', () => {
    expect(() => compileTextQuery('*ogin', 'summary')).toThrow(
      "The text query '*ogin' for field 'summary' is not allowed to start with wildcard character '*' or '?'.",
    );
  });
});
