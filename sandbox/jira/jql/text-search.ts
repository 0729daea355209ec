/** The `~` operator: case-insensitive word matching with trailing-wildcard terms and quoted phrases. */
import { emptyTextQueryError, leadingWildcardError } from './errors';

type WordMatcher = (word: string) => boolean;

/** One query term: words that must appear contiguously (a single word is a one-word phrase). */
interface TextTerm {
  words: WordMatcher[];
  /** `-term`: the term must not occur. */
  excluded: boolean;
}

const WORD = /[\p{L}\p{N}_]+/gu;
const QUERY_WORD = /[\p{L}\p{N}_*?]+/gu;

/** Splits text into lower-cased words the way the matcher sees them. */
export function textWords(text: string): string[] {
  return text.toLowerCase().match(WORD) ?? [];
}

/**
 * Compiles the right-hand side of `~` into a predicate over one text value: every term must occur as whole
 * words; `foo*` matches by prefix; `"a b"` (quotes inside the string) must occur contiguously; `-foo` excludes.
 * Throws JqlError for queries with no words or a leading wildcard.
 */
export function compileTextQuery(query: string, field: string): (text: string) => boolean {
  const terms = parseTerms(query, field);
  if (!terms.some((term) => !term.excluded)) throw emptyTextQueryError(field);
  return (text) => {
    const words = textWords(text);
    return terms.every((term) => containsSequence(words, term.words) !== term.excluded);
  };
}

function parseTerms(query: string, field: string): TextTerm[] {
  const terms: TextTerm[] = [];
  let i = 0;
  while (i < query.length) {
    const ch = query.charAt(i);
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    let chunk: string;
    let excluded = false;
    if (ch === '"') {
      const close = query.indexOf('"', i + 1);
      const end = close === -1 ? query.length : close;
      chunk = query.slice(i + 1, end);
      i = end + 1;
    } else {
      let end = i;
      while (end < query.length && !/\s/.test(query.charAt(end))) end += 1;
      chunk = query.slice(i, end);
      i = end;
      excluded = chunk.length > 1 && chunk.startsWith('-');
    }
    const words = (chunk.toLowerCase().match(QUERY_WORD) ?? []).map((word) => wordMatcher(word, query, field));
    if (words.length > 0) terms.push({ words, excluded });
  }
  return terms;
}

function wordMatcher(pattern: string, query: string, field: string): WordMatcher {
  if (!/[*?]/.test(pattern)) return (word) => word === pattern;
  if (/^[*?]/.test(pattern)) throw leadingWildcardError(query, field);
  const source = pattern.replace(/\*/g, '[\\p{L}\\p{N}_]*').replace(/\?/g, '[\\p{L}\\p{N}_]');
  const regex = new RegExp(`^${source}$`, 'u');
  return (word) => regex.test(word);
}

function containsSequence(words: readonly string[], sequence: readonly WordMatcher[]): boolean {
  for (let start = 0; start + sequence.length <= words.length; start += 1) {
    if (sequence.every((matches, offset) => matches(words[start + offset] ?? ''))) return true;
  }
  return false;
}
