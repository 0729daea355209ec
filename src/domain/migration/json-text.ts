/**
 * JSON text as people upload it: parse errors say the line and column and what was expected, and the
 * line where each entry of a long list starts is known, so a problem with entry 12 names its line.
 * The error position comes from a small scanner of our own: V8's message wording differs by version.
 */
import type { FileProblem } from './problems';

export type JsonTextResult = { ok: true; value: unknown } | { ok: false; problem: FileProblem };

const BOM = 0xfeff;

/** The text without a leading byte order mark (editors on Windows add one; JSON.parse rejects it). */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === BOM ? text.slice(1) : text;
}

/** Parses JSON; a problem names the line and column of the first error and what would have been valid there. */
export function parseJsonText(text: string): JsonTextResult {
  const body = withoutBom(text);
  if (body.trim() === '') return { ok: false, problem: { at: 'file', message: 'The file is empty' } };
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (error) {
    return { ok: false, problem: syntaxProblem(body, error) };
  }
}

/** 1-based line and column of a UTF-16 offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function syntaxProblem(text: string, error: unknown): FileProblem {
  const fault = findSyntaxFault(text);
  if (!fault) return { at: 'file', message: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  if (fault.truncated) {
    // Point just after the last character written, not at trailing blank lines.
    const { line, column } = lineColumn(text, text.trimEnd().length);
    return { at: `line ${line}`, message: `The file ends early at line ${line}, column ${column}: it looks truncated (expected ${fault.expected})` };
  }
  const { line, column } = lineColumn(text, fault.offset);
  const hint = fault.hint ? `; ${fault.hint}` : '';
  return { at: `line ${line}, column ${column}`, message: `Not valid JSON: expected ${fault.expected}, found ${foundAt(text, fault.offset)}${hint}` };
}

interface SyntaxFault {
  offset: number;
  /** What would have been valid at `offset`, in words. */
  expected: string;
  /** The input stopped before the value was complete. */
  truncated: boolean;
  hint?: string;
}

/** The character (or word) at an error, as people would describe it. */
function foundAt(text: string, offset: number): string {
  const word = /^[A-Za-z_][\w]*/.exec(text.slice(offset, offset + 40));
  if (word) return `"${word[0]}"`;
  const c = text[offset] ?? '';
  if (c === '\n' || c === '\r') return 'a line break';
  if (c === '\t') return 'a tab';
  const code = c.charCodeAt(0);
  if (code < 0x20) return `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `"${c}"`;
}

const VALUE = 'a value (an object, array, text in double quotes, number, true, false or null)';
const KEY = 'a property name in double quotes';

type State = 'value' | 'valueOrClose' | 'keyOrClose' | 'key' | 'colon' | 'commaOrClose' | 'end';

const isWhitespace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;
const isDigit = (c: number) => c >= 48 && c <= 57;
const isHex = (c: number) => isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);

/** The first place `text` stops being JSON (RFC 8259), or null when it is JSON. Iterative: deep nesting cannot overflow. */
export function findSyntaxFault(text: string): SyntaxFault | null {
  const n = text.length;
  const stack: Array<'{' | '['> = [];
  let state: State = 'value';
  let afterComma = false;
  let i = 0;
  const fault = (offset: number, expected: string, hint?: string): SyntaxFault =>
    offset >= n ? { offset: n, expected, truncated: true } : { offset, expected, truncated: false, ...(hint ? { hint } : {}) };
  const closed = (): State => (stack.length === 0 ? 'end' : 'commaOrClose');

  for (;;) {
    while (i < n && isWhitespace(text.charCodeAt(i))) i += 1;
    if (i >= n) return state === 'end' ? null : fault(n, expectedIn(state, stack));
    const c = text.charCodeAt(i);
    switch (state) {
      case 'end':
        return fault(i, 'the end of the file after the top-level value');
      case 'colon':
        if (c !== 58) return fault(i, '":" after the property name');
        i += 1;
        afterComma = false;
        state = 'value';
        continue;
      case 'commaOrClose': {
        const top = stack[stack.length - 1]!;
        const close = top === '{' ? 125 : 93;
        if (c === 44) {
          i += 1;
          state = top === '{' ? 'key' : 'value';
          afterComma = true;
          continue;
        }
        if (c === close) {
          stack.pop();
          i += 1;
          state = closed();
          continue;
        }
        return fault(i, top === '{' ? '"," or "}"' : '"," or "]"');
      }
      case 'keyOrClose':
      case 'key': {
        if (c === 125 && state === 'keyOrClose') {
          stack.pop();
          i += 1;
          state = closed();
          continue;
        }
        if (c !== 34) {
          const hint = c === 125 ? 'JSON allows no comma before "}"' : c === 39 ? 'JSON uses double quotes' : undefined;
          return fault(i, state === 'keyOrClose' ? `${KEY} or "}"` : KEY, hint);
        }
        const end = scanString(text, i);
        if (typeof end !== 'number') return end;
        i = end;
        state = 'colon';
        continue;
      }
      case 'value':
      case 'valueOrClose': {
        if (c === 93 && state === 'valueOrClose') {
          stack.pop();
          i += 1;
          state = closed();
          continue;
        }
        const end = scanValueStart(text, i, stack);
        if (typeof end !== 'number') {
          if (c === 93 && afterComma) return fault(i, VALUE, 'JSON allows no comma before "]"');
          return end;
        }
        afterComma = false;
        if (c === 123) state = 'keyOrClose';
        else if (c === 91) state = 'valueOrClose';
        else state = closed();
        i = end;
        continue;
      }
    }
  }

  /** Opens a container (pushing it) or scans a scalar; returns the offset after what it read. */
  function scanValueStart(s: string, at: number, open: Array<'{' | '['>): number | SyntaxFault {
    const c = s.charCodeAt(at);
    if (c === 123 || c === 91) {
      open.push(c === 123 ? '{' : '[');
      return at + 1;
    }
    if (c === 34) return scanString(s, at);
    if (c === 45 || isDigit(c)) return scanNumber(s, at);
    for (const word of ['true', 'false', 'null']) {
      if (c !== word.charCodeAt(0)) continue;
      for (let k = 1; k < word.length; k += 1) {
        if (at + k >= n) return fault(n, `"${word}"`);
        if (s.charCodeAt(at + k) !== word.charCodeAt(k)) return fault(at, VALUE);
      }
      return at + word.length;
    }
    return fault(at, VALUE, c === 39 ? 'JSON uses double quotes' : undefined);
  }

  function scanString(s: string, start: number): number | SyntaxFault {
    const closing = () => {
      const { line, column } = lineColumn(s, start);
      return `the closing " of the text that starts at line ${line}, column ${column}`;
    };
    for (let j = start + 1; ; j += 1) {
      if (j >= n) return fault(n, closing());
      const c = s.charCodeAt(j);
      if (c === 34) return j + 1;
      if (c < 0x20) return fault(j, closing(), c === 10 || c === 13 ? 'a text cannot span lines (write \\n)' : 'control characters must be escaped');
      if (c !== 92) continue;
      j += 1;
      if (j >= n) return fault(n, 'an escaped character after "\\"');
      const e = s.charCodeAt(j);
      if (e === 117) {
        for (let k = 1; k <= 4; k += 1) {
          if (j + k >= n) return fault(n, 'four hex digits after "\\u"');
          if (!isHex(s.charCodeAt(j + k))) return fault(j + k, 'four hex digits after "\\u"');
        }
        j += 4;
      } else if (!'"\\/bfnrt'.includes(s[j]!)) {
        return fault(j, 'an escape such as \\n, \\t, \\" or \\\\ after the backslash');
      }
    }
  }

  function scanNumber(s: string, start: number): number | SyntaxFault {
    let j = start;
    if (s.charCodeAt(j) === 45) j += 1;
    const digits = (from: number): number | SyntaxFault => {
      if (from >= n) return fault(n, 'a digit');
      if (!isDigit(s.charCodeAt(from))) return fault(from, 'a digit');
      let k = from;
      while (k < n && isDigit(s.charCodeAt(k))) k += 1;
      return k;
    };
    if (j < n && s.charCodeAt(j) === 48) j += 1;
    else {
      const end = digits(j);
      if (typeof end !== 'number') return end;
      j = end;
    }
    if (j < n && s.charCodeAt(j) === 46) {
      const end = digits(j + 1);
      if (typeof end !== 'number') return end;
      j = end;
    }
    if (j < n && (s.charCodeAt(j) === 101 || s.charCodeAt(j) === 69)) {
      j += 1;
      if (j < n && (s.charCodeAt(j) === 43 || s.charCodeAt(j) === 45)) j += 1;
      const end = digits(j);
      if (typeof end !== 'number') return end;
      j = end;
    }
    return j;
  }
}

function expectedIn(state: State, stack: ReadonlyArray<'{' | '['>): string {
  const top = stack[stack.length - 1];
  switch (state) {
    case 'value': return VALUE;
    case 'valueOrClose': return `${VALUE} or "]"`;
    case 'keyOrClose': return `${KEY} or "}"`;
    case 'key': return KEY;
    case 'colon': return '":" after the property name';
    case 'commaOrClose': return top === '{' ? '"," or "}"' : '"," or "]"';
    case 'end': return 'the end of the file';
  }
}

/**
 * The 1-based line on which each element of the array at `arrayPath` (property names from the top-level
 * object, e.g. `['pairs']`) starts. One linear pass over valid JSON (call it after parsing succeeded);
 * when a property occurs twice the last one counts, as in JSON.parse. Empty when there is no such array.
 */
export function elementLines(text: string, arrayPath: readonly string[]): number[] {
  return elementLinesOf(text, [arrayPath])[0]!;
}

const NONE: readonly number[] = [];

/** `elementLines` for several arrays in the same pass (Backbone's two blocks): one list per path. */
export function elementLinesOf(text: string, arrayPaths: ReadonlyArray<readonly string[]>): number[][] {
  const n = text.length;
  const result: number[][] = arrayPaths.map(() => []);
  // Per open container: is it an object, which paths it may still lead to, and which path's array it is (-1: none).
  const isObject: boolean[] = [];
  const leadsTo: Array<readonly number[]> = [];
  const targetOf: number[] = [];
  let key: string | null = null;
  let expectingKey = false;
  let target = -1;
  let awaitingElement = false;
  let line = 1;

  for (let i = 0; i < n; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      line += 1;
      continue;
    }
    if (c === 32 || c === 9 || c === 13 || c === 58 || c === BOM) continue;
    const depth = isObject.length;
    if (c === 44) {
      if (isObject[depth - 1]) expectingKey = true;
      else if (target >= 0) awaitingElement = true;
      continue;
    }
    if (c === 125 || c === 93) {
      isObject.pop();
      leadsTo.pop();
      targetOf.pop();
      target = targetOf.length === 0 ? -1 : targetOf[targetOf.length - 1]!;
      awaitingElement = false;
      expectingKey = false;
      continue;
    }
    if (expectingKey) {
      const end = stringEnd(text, i);
      const raw = text.slice(i + 1, end);
      key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
      expectingKey = false;
      i = end;
      continue;
    }
    // A value starts here.
    if (target >= 0 && awaitingElement) {
      result[target]!.push(line);
      awaitingElement = false;
    }
    if (c === 123 || c === 91) {
      let leads: readonly number[];
      if (depth === 0) leads = arrayPaths.map((_, p) => p);
      else if (!isObject[depth - 1]) leads = NONE;
      else leads = leadsTo[depth - 1]!.filter((p) => arrayPaths[p]![depth - 1] === key);
      const reached = c === 91 ? leads.find((p) => arrayPaths[p]!.length === depth) ?? -1 : -1;
      isObject.push(c === 123);
      leadsTo.push(leads);
      targetOf.push(reached);
      target = reached;
      if (reached >= 0) {
        result[reached] = [];
        awaitingElement = true;
      }
      expectingKey = c === 123;
      continue;
    }
    if (c === 34) {
      i = stringEnd(text, i);
      continue;
    }
    // Numbers, true, false, null: skip to the next delimiter.
    while (i + 1 < n && !',]} \t\r\n'.includes(text[i + 1]!)) i += 1;
  }
  return result;
}

/** Offset of the quote closing the string that opens at `start`. */
function stringEnd(text: string, start: number): number {
  let from = start + 1;
  for (;;) {
    const q = text.indexOf('"', from);
    if (q === -1) return text.length;
    let backslashes = 0;
    while (text.charCodeAt(q - 1 - backslashes) === 92) backslashes += 1;
    if (backslashes % 2 === 0) return q;
    from = q + 1;
  }
}
