/**
 * Structure-aware mutations for the fuzz suites: a valid JSON document or CSV table with fields dropped,
 * repeated, swapped, retyped, nested deep, grown long or given prototype keys, and text-level damage
 * (truncation, stray characters, BOM, CRLF, numbers JavaScript cannot hold). Deep values are copied and
 * written iteratively: JSON.stringify and structuredClone overflow on them.
 */
import fc, { type Arbitrary } from 'fast-check';
import { hostileChar, POLLUTED } from './fuzz-text';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Values that are the wrong type, or the right type at an edge, anywhere. */
export const oddValue: Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    null, true, false, 0, -0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, 4294967296, 1e-320,
    '', ' ', '0', '-1', 'NaN', 'Infinity', 'null', 'undefined', 'SUP-1', 'sup-1', 'SUP-0', 'SUP-01', 'DEV-1', 'ABC-1', '10001', '٣', '1e3',
    '2026-11-21T09:30:00.000Z', '2026-02-30T25:61:00Z', '\u0000', '\uD800', '\uFEFF', 'a"b', 'a,b', 'a\nb', 'a\r\nb',
    [], {}, [[]], [{}], { [POLLUTED]: true },
  ),
  fc.jsonValue({ maxDepth: 3 }) as Arbitrary<Json>,
  fc.string({ unit: hostileChar, maxLength: 30 }),
  fc.integer({ min: 1, max: 60_000 }).map((n) => 'x'.repeat(n)),
);

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

export type JsonMutation =
  | { op: 'drop'; at: number }
  | { op: 'duplicate'; at: number }
  | { op: 'swap'; at: number; other: number }
  | { op: 'replace'; at: number; value: Json }
  | { op: 'nest'; at: number; depth: number; array: boolean }
  | { op: 'proto'; at: number; key: (typeof PROTO_KEYS)[number] }
  | { op: 'rename'; at: number; key: string }
  | { op: 'grow'; at: number; times: number };

export const jsonMutation: Arbitrary<JsonMutation> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('drop' as const), at: fc.nat() }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('duplicate' as const), at: fc.nat() }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: oddValue }), weight: 9 },
  { arbitrary: fc.record({ op: fc.constant('nest' as const), at: fc.nat(), depth: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 5 }), weight: 6 }, { arbitrary: fc.integer({ min: 1_000, max: 12_000 }), weight: 1 }), array: fc.boolean() }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('proto' as const), at: fc.nat(), key: fc.constantFrom(...PROTO_KEYS) }), weight: 3 },
  { arbitrary: fc.record({ op: fc.constant('rename' as const), at: fc.nat(), key: fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(...PROTO_KEYS, 'format', 'version', 'pairs', 'local', 'partner', 'key', 'id')) }), weight: 3 },
  // Grown and deeply nested documents cost milliseconds each: a few in a hundred find what they find.
  { arbitrary: fc.record({ op: fc.constant('grow' as const), at: fc.nat(), times: fc.integer({ min: 2, max: 3_000 }) }), weight: 1 },
);

/** Marks a key to be written twice; JSON.stringify escapes U+0001, so the marker is found in the text. */
const DUP = '\u0001dup:';
const DUP_IN_TEXT = '\\u0001dup:';

interface Slot {
  parent: Json[] | { [key: string]: Json };
  key: string | number;
}

/** Every place in `root` that holds a value (the root itself has no slot), breadth first. */
function slotsOf(root: Json): Slot[] {
  const out: Slot[] = [];
  const queue: Json[] = [root];
  for (let i = 0; i < queue.length && out.length < 5_000; i++) {
    const v = queue[i]!;
    if (v === null || typeof v !== 'object') continue;
    if (Array.isArray(v)) v.forEach((item, k) => { out.push({ parent: v, key: k }); queue.push(item); });
    else for (const k of Object.keys(v)) { out.push({ parent: v, key: k }); queue.push(v[k]!); }
  }
  return out;
}

const get = (s: Slot): Json => (s.parent as Record<string | number, Json>)[s.key]!;
/** Sets an own property even for `__proto__` (an assignment would change the prototype instead). */
const put = (obj: object, key: string | number, value: Json) => Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });

function nest(value: Json, depth: number, array: boolean): Json {
  let v = value;
  for (let i = 0; i < depth; i++) v = array ? [v] : { a: v };
  return v;
}

/** `doc` (not changed) with the mutations applied in order, each at a slot picked by its number. */
export function applyMutations(doc: Json, mutations: readonly JsonMutation[]): Json {
  const root: Json = cloneJson(doc);
  for (const m of mutations) {
    const slots = slotsOf(root);
    if (slots.length === 0) break;
    const s = slots[m.at % slots.length]!;
    const arr = Array.isArray(s.parent) ? s.parent : null;
    switch (m.op) {
      case 'drop':
        if (arr) arr.splice(s.key as number, 1);
        else delete (s.parent as Record<string, Json>)[s.key];
        break;
      case 'duplicate':
        if (arr) arr.splice(s.key as number, 0, cloneJson(get(s)));
        // Objects cannot hold a key twice: a marked copy becomes the repeated key in the text (mutatedJson).
        else put(s.parent, `${DUP}${s.key}`, cloneJson(get(s)));
        break;
      case 'swap': {
        const o = slots[m.other % slots.length]!;
        const a = get(s);
        const b = get(o);
        // A value swapped into its own descendant would make a cycle: swap only unrelated slots.
        if (contains(a, o.parent) || contains(b, s.parent)) break;
        put(s.parent, s.key, b);
        put(o.parent, o.key, a);
        break;
      }
      case 'replace':
        put(s.parent, s.key, cloneJson(m.value));
        break;
      case 'nest':
        put(s.parent, s.key, nest(get(s), m.depth, m.array));
        break;
      case 'proto': {
        const target = get(s);
        const obj = target !== null && typeof target === 'object' && !Array.isArray(target) ? target : (s.parent as Record<string, Json>);
        if (!Array.isArray(obj)) put(obj, m.key, { [POLLUTED]: 'yes', prototype: { [POLLUTED]: 'yes' } });
        break;
      }
      case 'rename':
        if (!arr) {
          const v = get(s);
          delete (s.parent as Record<string, Json>)[s.key];
          put(s.parent, m.key, v);
        }
        break;
      case 'grow': {
        // Grown to at most GROWN_MAX characters and nodes: large enough to be slow if anything is quadratic.
        const v = get(s);
        const times = Math.min(m.times, Math.floor(GROWN_MAX / sizeOf(v)));
        if (Array.isArray(v) && v.length > 0 && times > 1) {
          const grown: Json[] = [];
          for (let i = 0; i < times; i++) for (const item of cloneJson(v) as Json[]) grown.push(item);
          put(s.parent, s.key, grown);
        } else if (typeof v === 'string' && times > 1) put(s.parent, s.key, v.repeat(times));
        break;
      }
    }
  }
  return root;
}

const GROWN_MAX = 50_000;

/** Characters plus nodes of `value`, counted up to GROWN_MAX (at least 1). */
function sizeOf(value: Json): number {
  return shapeOf(value).size;
}

/** Size as sizeOf counts it, and nesting depth (both counted up to GROWN_MAX). */
function shapeOf(value: Json): { size: number; depth: number } {
  let size = 0;
  let depth = 0;
  const stack: Array<[Json, number]> = [[value, 1]];
  while (stack.length > 0 && size < GROWN_MAX) {
    const [v, d] = stack.pop()!;
    size += typeof v === 'string' ? v.length + 2 : 1;
    depth = Math.max(depth, d);
    if (v !== null && typeof v === 'object') for (const item of Array.isArray(v) ? v : Object.values(v)) stack.push([item, d + 1]);
  }
  return { size: Math.max(1, size), depth };
}

/** A deep copy that deep nesting cannot overflow (structuredClone recurses). */
export function cloneJson(value: Json): Json {
  const root: { v: Json } = { v: null };
  const stack: Array<{ from: Json; into: Record<string | number, Json>; key: string | number }> = [{ from: value, into: root as unknown as Record<string, Json>, key: 'v' }];
  while (stack.length > 0) {
    const { from, into, key } = stack.pop()!;
    if (from === null || typeof from !== 'object') { into[key] = from; continue; }
    const copy: Record<string | number, Json> = Array.isArray(from) ? ([] as unknown as Record<number, Json>) : {};
    put(into, key, copy as Json);
    for (const k of Object.keys(from)) stack.push({ from: (from as Record<string, Json>)[k]!, into: copy, key: Array.isArray(from) ? Number(k) : k });
  }
  return root.v;
}

/** JSON.stringify that deep nesting cannot overflow; `indent` as JSON.stringify takes it. */
export function stringifyJson(value: Json, indent: number | string = 0): string {
  try {
    return JSON.stringify(value, null, indent);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return stringifyDeep(value, indent);
  }
}

/** The iterative writer, for values too deep for JSON.stringify (slower: one step object per node). */
export function stringifyDeep(value: Json, indent: number | string = 0): string {
  const pad = typeof indent === 'number' ? ' '.repeat(indent) : indent;
  const out: string[] = [];
  type Step = { value: Json; depth: number } | { text: string };
  const stack: Step[] = [{ value, depth: 0 }];
  // Indentation stops growing at depth 40: deep nesting would otherwise make the text quadratic.
  const nl = (depth: number) => (pad ? `\n${pad.repeat(Math.min(depth, 40))}` : '');
  while (stack.length > 0) {
    const step = stack.pop()!;
    if ('text' in step) { out.push(step.text); continue; }
    const { value: v, depth } = step;
    if (v === null || typeof v !== 'object') { out.push(typeof v === 'number' && !Number.isFinite(v) ? 'null' : JSON.stringify(v)); continue; }
    const keys = Object.keys(v);
    const array = Array.isArray(v);
    if (keys.length === 0) { out.push(array ? '[]' : '{}'); continue; }
    // Pushed in reverse: the stack pops the opening first.
    const steps: Step[] = [{ text: array ? '[' : '{' }];
    keys.forEach((k, i) => {
      steps.push({ text: `${i > 0 ? ',' : ''}${nl(depth + 1)}${array ? '' : `${JSON.stringify(k)}:${pad ? ' ' : ''}`}` });
      steps.push({ value: (v as Record<string, Json>)[k]!, depth: depth + 1 });
    });
    steps.push({ text: `${nl(depth)}${array ? ']' : '}'}` });
    for (let i = steps.length - 1; i >= 0; i--) stack.push(steps[i]!);
  }
  return out.join('');
}

function contains(haystack: Json, needle: object): boolean {
  const stack: Json[] = [haystack];
  while (stack.length > 0) {
    const v = stack.pop()!;
    if (v === needle) return true;
    if (v !== null && typeof v === 'object') for (const item of Array.isArray(v) ? v : Object.values(v)) stack.push(item);
  }
  return false;
}

export type TextMutation =
  | { op: 'truncate'; at: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'delete'; at: number; length: number }
  | { op: 'bom' }
  | { op: 'crlf' }
  | { op: 'number'; at: number; text: string };

export const textMutation: Arbitrary<TextMutation> = fc.oneof(
  fc.record({ op: fc.constant('truncate' as const), at: fc.nat() }),
  { arbitrary: fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ unit: hostileChar, minLength: 1, maxLength: 4 }) }), weight: 3 },
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ op: fc.constant('bom' as const) }),
  fc.record({ op: fc.constant('crlf' as const) }),
  // Numbers JSON allows but JavaScript cannot hold exactly.
  fc.record({ op: fc.constant('number' as const), at: fc.nat(), text: fc.constantFrom('1e400', '-1e400', '-0', '123456789012345678901234567890', '1E-400', '0.0000000000000000000001') }),
);

/** `text` with the mutations applied in order. */
export function applyTextMutations(text: string, mutations: readonly TextMutation[]): string {
  let t = text;
  for (const m of mutations) {
    const at = t.length === 0 ? 0 : ('at' in m ? m.at % (t.length + 1) : 0);
    switch (m.op) {
      case 'truncate': t = t.slice(0, at); break;
      case 'insert': t = t.slice(0, at) + m.text + t.slice(at); break;
      case 'delete': t = t.slice(0, at) + t.slice(at + m.length); break;
      case 'bom': t = `\uFEFF${t}`; break;
      case 'crlf': t = t.replace(/\n/g, '\r\n'); break;
      case 'number': {
        // Replace the first number at or after `at`, if any.
        const re = /-?\d+(\.\d+)?([eE][+-]?\d+)?/g;
        re.lastIndex = at;
        const found = re.exec(t);
        if (found) t = t.slice(0, found.index) + m.text + t.slice(found.index + found[0].length);
        break;
      }
    }
  }
  return t;
}

/** JSON text made from `valid`: mutated in structure, then possibly in text (most cases stay parseable JSON). */
export function mutatedJson(valid: unknown): Arbitrary<string> {
  return fc.record({
    structure: fc.array(jsonMutation, { minLength: 0, maxLength: 4 }),
    text: fc.oneof({ arbitrary: fc.constant([] as TextMutation[]), weight: 3 }, { arbitrary: fc.array(textMutation, { minLength: 1, maxLength: 3 }), weight: 1 }),
    indent: fc.constantFrom(0, 2, '\t'),
  }).map(({ structure, text, indent }) => {
    const doc = applyMutations(valid as Json, structure);
    // Indenting a deep or grown document multiplies its size: such documents are written compact.
    const shape = shapeOf(doc);
    const pretty = stringifyJson(doc, shape.size < 20_000 && shape.depth < 50 ? indent : 0);
    return applyTextMutations(pretty.split(DUP_IN_TEXT).join(''), text);
  });
}

/** The value made from `valid` by structural mutations only (for schemas fed parsed JSON, such as a web trigger's body). */
export function mutatedValue(valid: unknown): Arbitrary<unknown> {
  return fc.array(jsonMutation, { minLength: 1, maxLength: 4 }).map((ms) => applyMutations(valid as Json, ms));
}

// ---------------------------------------------------------------- CSV mutations

/** A cell's content that needs quoting, or breaks quoting. */
export const csvNasty: Arbitrary<string> = fc.oneof(
  fc.constantFrom('"', '""', '"a"b"', 'a,b', 'a;b', 'a\tb', 'a\nb', 'a\r\nb', '\r', ' padded ', '#comment', '=cmd()', '\uFEFF', '\u0000', '\uD800'),
  fc.string({ unit: hostileChar, maxLength: 12 }),
);

export type CsvMutation =
  | { op: 'cell'; row: number; col: number; value: string; quote: 'none' | 'proper' | 'open' }
  | { op: 'columns'; row: number; count: number }
  | { op: 'dropCell'; row: number; col: number }
  | { op: 'swapRows'; row: number; other: number }
  | { op: 'duplicateRow'; row: number; times: number }
  | { op: 'line'; row: number; text: string };

export const csvMutation: Arbitrary<CsvMutation> = fc.oneof(
  { arbitrary: fc.record({ op: fc.constant('cell' as const), row: fc.nat(), col: fc.nat(), value: csvNasty, quote: fc.constantFrom('none' as const, 'proper' as const, 'open' as const) }), weight: 4 },
  fc.record({ op: fc.constant('columns' as const), row: fc.nat(), count: fc.oneof(fc.integer({ min: 0, max: 10 }), fc.integer({ min: 1_000, max: 20_000 })) }),
  fc.record({ op: fc.constant('dropCell' as const), row: fc.nat(), col: fc.nat() }),
  fc.record({ op: fc.constant('swapRows' as const), row: fc.nat(), other: fc.nat() }),
  fc.record({ op: fc.constant('duplicateRow' as const), row: fc.nat(), times: fc.integer({ min: 1, max: 5_000 }) }),
  fc.record({ op: fc.constant('line' as const), row: fc.nat(), text: fc.constantFrom('', '#', '# a comment, with "quotes"', ',,,', ' \t ', '"', '\r') }),
);

/** Cells as written, already quoted where wanted; rows joined by `eol` with `delimiter`. */
export function csvText(rows: readonly string[][], delimiter: string, eol: string): string {
  return rows.map((r) => r.join(delimiter)).join(eol) + eol;
}

const quoteCell = (v: string, how: 'none' | 'proper' | 'open'): string =>
  how === 'none' ? v : how === 'proper' ? `"${v.replace(/"/g, '""')}"` : `"${v}`;

/** CSV text made from valid `rows` (a header first, if any): cells mutated, columns added or dropped, rows moved. */
export function mutatedCsv(rows: readonly string[][]): Arbitrary<string> {
  return fc.record({
    mutations: fc.array(csvMutation, { minLength: 0, maxLength: 4 }),
    delimiter: fc.constantFrom(',', ',', ';', '\t'),
    eol: fc.constantFrom('\n', '\r\n', '\r'),
    bom: fc.boolean(),
    tail: fc.array(textMutation, { maxLength: 1 }),
  }).map(({ mutations, delimiter, eol, bom, tail }) => {
    const out = rows.map((r) => [...r]);
    for (const m of mutations) {
      if (out.length === 0) break;
      const r = out[m.row % out.length]!;
      switch (m.op) {
        case 'cell': r[m.col % (r.length + 1)] = quoteCell(m.value, m.quote); break;
        case 'columns': for (let i = 0; i < m.count; i++) r.push(i % 2 ? '' : `c${i}`); break;
        case 'dropCell': r.splice(m.col % Math.max(1, r.length), 1); break;
        case 'swapRows': {
          const j = m.other % out.length;
          [out[m.row % out.length], out[j]] = [out[j]!, r];
          break;
        }
        // Grown to at most about 100,000 cells in all.
        case 'duplicateRow': for (let i = 0; i < Math.min(m.times, 100_000 / r.length) && out.length < 50_000; i++) out.push([...r]); break;
        case 'line': out.splice(m.row % out.length, 0, [m.text]); break;
      }
    }
    return applyTextMutations((bom ? '\uFEFF' : '') + csvText(out, delimiter, eol), tail);
  });
}

