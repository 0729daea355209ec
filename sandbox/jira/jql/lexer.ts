/** Splits JQL text into tokens, decoding quoted strings and recording Jira-style positions. */
import type { JqlPosition } from './ast';
import { syntaxError } from './errors';

/** Token category; keywords stay `word` because JQL keywords are only reserved in some positions. */
export type TokenKind = 'word' | 'string' | 'operator' | 'punct' | 'eof';

/** One lexical token. */
export interface Token {
  kind: TokenKind;
  /** Source text, quotes included; '' for eof. */
  text: string;
  /** Decoded value: string contents without quotes and escapes, otherwise the source text. */
  value: string;
  position: JqlPosition;
}

// Longest first so `!=` wins over `!` and `<=` over `<`.
const OPERATORS = ['!=', '!~', '<=', '>=', '=', '~', '<', '>'];
const PUNCTUATION = ['&&', '||', '(', ')', ',', '&', '|', '!'];
// Characters that end a bare word: whitespace, quotes and everything that starts an operator or punctuation.
const WORD_END = /[\s"'(),=!~<>&|]/;
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = { '"': '"', "'": "'", '\\': '\\', n: '\n', t: '\t', r: '\r', ' ': ' ' };

/** Tokenizes `source`; the result always ends with an `eof` token. Throws JqlError on bad strings. */
export function tokenize(source: string): Token[] {
  const locate = positionFinder(source);
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source.charAt(i);
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    const position = locate(i);
    if (ch === '"' || ch === "'") {
      const { value, end } = readQuoted(source, i, locate);
      tokens.push({ kind: 'string', text: source.slice(i, end), value, position });
      i = end;
      continue;
    }
    const symbol = matchSymbol(source, i);
    if (symbol) {
      tokens.push({ kind: symbol.kind, text: symbol.text, value: symbol.text, position });
      i += symbol.text.length;
      continue;
    }
    let end = i + 1;
    while (end < source.length && !WORD_END.test(source.charAt(end))) end += 1;
    const text = source.slice(i, end);
    tokens.push({ kind: 'word', text, value: text, position });
    i = end;
  }
  tokens.push({ kind: 'eof', text: '', value: '', position: locate(source.length) });
  return tokens;
}

function matchSymbol(source: string, at: number): { kind: 'operator' | 'punct'; text: string } | undefined {
  const operator = OPERATORS.find((op) => source.startsWith(op, at));
  if (operator) return { kind: 'operator', text: operator };
  const punct = PUNCTUATION.find((p) => source.startsWith(p, at));
  return punct ? { kind: 'punct', text: punct } : undefined;
}

type Locate = (index: number) => JqlPosition;

function readQuoted(source: string, start: number, locate: Locate): { value: string; end: number } {
  const quote = source.charAt(start);
  let value = '';
  let i = start + 1;
  while (i < source.length) {
    const ch = source.charAt(i);
    if (ch === quote) return { value, end: i + 1 };
    if (ch === '\\' && i + 1 < source.length) {
      const escape = decodeEscape(source, i, locate);
      value += escape.char;
      i += escape.length;
      continue;
    }
    value += ch;
    i += 1;
  }
  throw syntaxError(`The quoted string '${source.slice(start + 1)}' has not been completed.`, locate(start));
}

function decodeEscape(source: string, at: number, locate: Locate): { char: string; length: number } {
  const next = source.charAt(at + 1);
  const simple = SIMPLE_ESCAPES[next];
  if (simple !== undefined) return { char: simple, length: 2 };
  const hex = source.slice(at + 2, at + 6);
  if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(hex)) return { char: String.fromCharCode(parseInt(hex, 16)), length: 6 };
  const shown = next === 'u' ? `\\u${hex}` : `\\${next}`;
  throw syntaxError(
    `'${shown}' is an illegal JQL escape sequence. The valid escape sequences are \\', \\", \\t, \\n, \\r, \\\\, '\\ ' and \\uXXXX.`,
    locate(at),
  );
}

/** Maps a string index to a 1-based line/character pair. */
function positionFinder(source: string): Locate {
  const lineStarts = [0];
  for (let i = 0; i < source.length; i += 1) if (source.charAt(i) === '\n') lineStarts.push(i + 1);
  return (index) => {
    let line = lineStarts.length - 1;
    while (line > 0 && (lineStarts[line] ?? 0) > index) line -= 1;
    return { line: line + 1, character: index - (lineStarts[line] ?? 0) + 1 };
  };
}
