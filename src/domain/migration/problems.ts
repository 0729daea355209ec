/**
 * Problems found in an uploaded file: where (a path, a line) and what was expected, capped so a
 * badly wrong file gives a readable list rather than thousands of rows.
 */
import type { z } from 'zod';

export interface FileProblem {
  /** `file`, a dotted path (`config.fields.3.kind`), `line 7`, or `pairs[12] (line 14)`. */
  at: string;
  message: string;
}

/** Problems listed before the rest are summed up in one "… and N more". */
export const MAX_PROBLEMS = 20;

/** Collects problems, keeping the first MAX_PROBLEMS and counting the rest (a million bad rows stay cheap). */
export class ProblemList {
  private readonly kept: FileProblem[] = [];
  private dropped = 0;

  add(at: string, message: string): void {
    if (this.kept.length < MAX_PROBLEMS) this.kept.push({ at, message });
    else this.dropped += 1;
  }

  get size(): number {
    return this.kept.length + this.dropped;
  }

  /** The kept problems, plus "… and N more" when some were dropped. */
  list(): FileProblem[] {
    return this.dropped === 0 ? [...this.kept] : [...this.kept, { at: 'file', message: `… and ${this.dropped} more` }];
  }
}

export function capProblems(problems: readonly FileProblem[]): FileProblem[] {
  const list = new ProblemList();
  for (const p of problems) list.add(p.at, p.message);
  return list.list();
}

/** A JSON value in words, for "found …": `"magic"`, `the number 7`, `an array`, `nothing`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return value.length > 60 ? `"${value.slice(0, 57)}…"` : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value === 'number' ? 'the number' : ''} ${String(value)}`.trim();
  if (Array.isArray(value)) return 'an array';
  return 'an object';
}

const TYPE_NOUNS: Record<string, string> = {
  string: 'a text (in double quotes)', number: 'a number', int: 'a whole number', boolean: 'true or false',
  object: 'an object', array: 'an array', null: 'null', literal: 'a fixed value',
};

const quoted = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : String(v));

function oneOf(values: readonly unknown[]): string {
  const words = values.map(quoted);
  return words.length <= 1 ? (words[0] ?? 'nothing') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let at: unknown = input;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}

// Zod's own messages start like this; anything else is a message the schema wrote for people.
const isZodDefault = (message: string) => /^(Invalid|Too (big|small)|Expected|Unrecognized)/.test(message);

function sizeWords(issue: { origin?: unknown; minimum?: unknown; maximum?: unknown }, small: boolean): string {
  const n = Number(small ? issue.minimum : issue.maximum);
  const bound = small ? 'at least' : 'at most';
  switch (issue.origin) {
    case 'string': return small && n === 1 ? 'a non-empty text' : `a text of ${bound} ${n} characters`;
    case 'array': case 'set': return `${bound} ${n} ${n === 1 ? 'entry' : 'entries'}`;
    default: return `a number ${bound} ${n}`;
  }
}

/** One zod issue as "expected …, found …", naming the value the file actually holds. */
export function zodIssueMessage(issue: z.core.$ZodIssue, input: unknown): string {
  const found = describeValue(valueAt(input, issue.path));
  const custom = isZodDefault(issue.message) ? null : issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${TYPE_NOUNS[issue.expected] ?? issue.expected}, found ${found}`;
    case 'invalid_value':
      return `expected ${issue.values.length > 1 ? 'one of ' : ''}${oneOf(issue.values)}, found ${found}`;
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      return options ? `expected ${oneOf(options)}, found ${found}` : `expected ${custom ?? 'a valid entry'}, found ${found}`;
    }
    case 'invalid_format':
      if (custom) return `expected ${custom}, found ${found}`;
      return issue.format === 'datetime' ? `expected an ISO date-time such as 2026-11-21T09:30:00.000Z, found ${found}` : `expected text in ${issue.format} format, found ${found}`;
    case 'too_small':
    case 'too_big': {
      const words = sizeWords(issue, issue.code === 'too_small');
      return custom ? `expected ${words} (${custom})` : `expected ${words}`;
    }
    case 'unrecognized_keys':
      return `unexpected ${issue.keys.length > 1 ? 'properties' : 'property'} ${issue.keys.map(quoted).join(', ')}`;
    default:
      return issue.message;
  }
}

/** Each zod issue as a problem at its dotted path; `input` is what was parsed, `prefix` where it sits in the file. */
export function zodProblems(error: z.ZodError, input: unknown, prefix: readonly PropertyKey[] = []): FileProblem[] {
  return error.issues.map((issue) => {
    const path = [...prefix, ...issue.path].map(String).join('.');
    return { at: path || 'file', message: zodIssueMessage(issue, input) };
  });
}
