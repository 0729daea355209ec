/** Hostile text for the fuzz suites: every kind of character that breaks parsers, deep nesting, long values, decoded bytes. */
import fc, { type Arbitrary } from 'fast-check';

/** The name every pollution payload sets: it must never show up on a prototype. */
export const POLLUTED = 'lockstepPolluted';

/** Characters that break parsers: BOM, NUL, lone surrogates, every line break, quotes, delimiters, brackets, escapes. */
const HOSTILE = [
  '\uFEFF', '\u0000', '\uD800', '\uDC00', '\uDBFF\uDFFF', '\r', '\n', '\r\n', '\t', '\u2028', '\u0085', '\u000B', ' ',
  '"', "'", '`', ',', ';', '\\', '\\"', '\\u', '\\u00', '{', '}', '[', ']', ':', '#', '-', '.', '+', 'e', 'E',
  '0', '1', '9', 'A', 'S', 'U', 'P', 'D', 'E', 'V', 'x', 'é', '💥', 'true', 'null', '__proto__', 'constructor',
];
export const hostileChar: Arbitrary<string> = fc.constantFrom(...HOSTILE);

/** Deep nesting, written iteratively: a parser that recurses on it overflows the stack. */
export const deepNesting: Arbitrary<string> = fc.record({
  depth: fc.oneof({ arbitrary: fc.integer({ min: 500, max: 10_000 }), weight: 4 }, { arbitrary: fc.integer({ min: 10_000, max: 100_000 }), weight: 1 }),
  open: fc.constantFrom('[', '{"a":', '[{"k":', '{"__proto__":'),
  closed: fc.boolean(),
}).map(({ depth, open, closed }) => {
  const close = open === '[' ? ']' : open === '[{"k":' ? '}]' : '}';
  return open.repeat(depth) + (closed ? `1${close.repeat(depth)}` : '');
});

/** A very long value: one character many times, or a long JSON string. */
export const longText: Arbitrary<string> = fc.record({ n: fc.oneof({ arbitrary: fc.integer({ min: 5_000, max: 50_000 }), weight: 4 }, { arbitrary: fc.integer({ min: 50_000, max: 400_000 }), weight: 1 }), c: hostileChar, quoted: fc.boolean() })
  .map(({ n, c, quoted }) => (quoted ? JSON.stringify(c.repeat(Math.ceil(n / c.length))) : c.repeat(Math.ceil(n / c.length))));

/** Bytes as a browser would hand them over after decoding as UTF-8 (invalid sequences become U+FFFD) or Latin-1. */
export const decodedBytes: Arbitrary<string> = fc.tuple(fc.uint8Array({ maxLength: 400 }), fc.boolean())
  .map(([bytes, utf8]) => (utf8 ? new TextDecoder('utf-8').decode(bytes) : Buffer.from(bytes).toString('latin1')));

/** Any text at all, weighted towards what breaks parsers. */
export const hostileText: Arbitrary<string> = fc.oneof(
  { arbitrary: fc.string({ unit: 'binary', maxLength: 300 }), weight: 30 },
  { arbitrary: fc.string({ unit: hostileChar, maxLength: 400 }), weight: 50 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 100 }), weight: 10 },
  { arbitrary: decodedBytes, weight: 20 },
  { arbitrary: fc.jsonValue({ maxDepth: 6 }).map((v) => JSON.stringify(v) ?? 'null'), weight: 30 },
  // Large inputs are few (about 3 in 100 cases): each costs milliseconds, and 10,000 cases must stay quick.
  { arbitrary: deepNesting, weight: 3 },
  { arbitrary: longText, weight: 3 },
);

