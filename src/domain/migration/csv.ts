/**
 * CSV as spreadsheets write it (RFC 4180: quoted values may hold delimiters, quotes and line breaks),
 * plus what people add by hand: blank lines and `#` comment lines. Linear: one pass over the text.
 */

export interface CsvRecord {
  /** 1-based line where the record starts. */
  line: number;
  fields: string[];
}

export type CsvItem = CsvRecord | { line: number; unclosedQuote: true };

export type CsvDelimiter = ',' | ';' | '\t';

/** The delimiter of the first content line: whichever of `,` `;` tab occurs most outside quotes (`,` on a tie). */
export function detectDelimiter(text: string): CsvDelimiter {
  for (let start = 0, seen = 0; start < text.length && seen < 50; seen += 1) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end === -1 ? text.length : end).trim();
    start = end === -1 ? text.length : end + 1;
    if (line === '' || line.startsWith('#')) continue;
    const counts: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
    let quoted = false;
    for (const c of line) {
      if (c === '"') quoted = !quoted;
      else if (!quoted && (c === ',' || c === ';' || c === '\t')) counts[c] += 1;
    }
    if (counts[';'] > counts[','] && counts[';'] >= counts['\t']) return ';';
    if (counts['\t'] > counts[','] && counts['\t'] > counts[';']) return '\t';
    return ',';
  }
  return ',';
}

/** Every record of `text`, skipping blank and comment lines; values are trimmed unless quoted. */
export function* csvRecords(text: string, delimiter: CsvDelimiter): Generator<CsvItem> {
  const n = text.length;
  const d = delimiter.charCodeAt(0);
  let i = 0;
  let line = 1;
  while (i < n) {
    const start = line;
    // Skip leading spaces to recognise blank and comment lines.
    let j = i;
    while (j < n && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9) && text.charCodeAt(j) !== d) j += 1;
    const first = text.charCodeAt(j);
    if (j >= n || first === 10 || first === 13 || first === 35 /* # */) {
      const eol = text.indexOf('\n', j);
      if (eol === -1) return;
      i = eol + 1;
      line += 1;
      continue;
    }
    const fields: string[] = [];
    for (;;) {
      // One field starts at i.
      let k = i;
      while (k < n && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9) && text.charCodeAt(k) !== d) k += 1;
      if (text.charCodeAt(k) === 34) {
        let value = '';
        let from = k + 1;
        for (;;) {
          const q = text.indexOf('"', from);
          if (q === -1) {
            yield { line: start, unclosedQuote: true };
            return;
          }
          value += text.slice(from, q);
          if (text.charCodeAt(q + 1) === 34) {
            value += '"';
            from = q + 2;
            continue;
          }
          line += countNewlines(text, k, q);
          k = q + 1;
          break;
        }
        // Anything between the closing quote and the delimiter is kept, rather than lost silently.
        const rest = fieldEnd(text, k, d);
        fields.push(value + text.slice(k, rest).trim());
        k = rest;
      } else {
        const end = fieldEnd(text, k, d);
        fields.push(text.slice(k, end).trim());
        k = end;
      }
      if (k < n && text.charCodeAt(k) === d) {
        i = k + 1;
        continue;
      }
      // End of the record: a line break (\n or \r\n) or the end of the text.
      const eol = text.indexOf('\n', k);
      i = eol === -1 ? n : eol + 1;
      if (eol !== -1) line += 1;
      break;
    }
    if (fields.some((f) => f !== '')) yield { line: start, fields };
  }
}

/** Offset of the delimiter or line break ending an unquoted field (a \r before \n is not part of it). */
function fieldEnd(text: string, from: number, d: number): number {
  let k = from;
  while (k < text.length) {
    const c = text.charCodeAt(k);
    if (c === d || c === 10) break;
    if (c === 13 && (k + 1 === text.length || text.charCodeAt(k + 1) === 10)) break;
    k += 1;
  }
  return k;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count += 1;
  return count;
}

/** One value for a CSV file, quoted when it holds a delimiter, a quote, a line break or edge spaces. */
export function csvValue(value: string | null): string {
  if (value === null) return '';
  // A leading # is quoted too: unquoted, a row starting with it would read back as a comment line.
  return /[",;\t\r\n]|^\s|\s$|^#/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
