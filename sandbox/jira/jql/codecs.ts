/** Per-type conversion of query literals and stored values into comparable form. */
import { DURATION, parseDateLiteral, toEpochMillis } from './dates';
import { invalidDateError, invalidIssueKeyError, invalidNumberError } from './errors';
import { compareIssueKeys, parseIssueKey, type IssueKey } from './issue-keys';
import type { JqlScalar } from './types';

/** How one field type reads literals and stored values, and compares them. */
export interface ValueCodec<T> {
  /** Converts a literal from the query; throws JqlError naming `field` when it is invalid for the type. */
  literal(text: string, field: string): T;
  /** Converts one stored value or alias; undefined when it cannot take part in comparisons. */
  fromIssue(value: JqlScalar): T | undefined;
  /** Accepts the result of a date function (absent: date functions are not allowed for the type). */
  fromInstant?: (ms: number) => T;
  /** Accepts the result of a user function (absent: user functions are not allowed for the type). */
  fromUser?: (accountId: string) => T;
  equals(a: T, b: T): boolean;
  /** Ordering for `<`, `>` and friends; undefined when the two are not comparable (keys of different projects). */
  compare(a: T, b: T): number | undefined;
}

/** Strings and text compared whole and case-insensitively; users are matched by any alias. */
export function stringCodec(): ValueCodec<string> {
  return {
    literal: (text) => text.toLowerCase(),
    fromIssue: (value) => (value instanceof Date ? value.toISOString() : String(value)).toLowerCase(),
    fromUser: (accountId) => accountId.toLowerCase(),
    equals: (a, b) => a === b,
    compare: () => undefined,
  };
}

/** Numbers and issue ids, compared numerically. */
export function numberCodec(): ValueCodec<number> {
  return {
    literal: (text, field) => {
      const value = readNumber(text);
      if (value === undefined) throw invalidNumberError(text, field);
      return value;
    },
    fromIssue: (value) => (value instanceof Date ? undefined : readNumber(value)),
    equals: (a, b) => a === b,
    compare: (a, b) => Math.sign(a - b),
  };
}

/** Dates truncated to `granularity` ms (a minute for datetime, a day for date) before comparing, as Jira indexes them. */
export function dateCodec(granularity: number, now: Date): ValueCodec<number> {
  const truncate = (ms: number): number => Math.floor(ms / granularity);
  return {
    literal: (text, field) => {
      const ms = parseDateLiteral(text, now);
      if (ms === undefined) throw invalidDateError(text, field);
      return truncate(ms);
    },
    fromIssue: (value) => {
      const ms = toEpochMillis(value);
      return ms === undefined ? undefined : truncate(ms);
    },
    fromInstant: truncate,
    equals: (a, b) => a === b,
    compare: (a, b) => Math.sign(a - b),
  };
}

/** Granularity used by `dateCodec` for each date type. */
export const DATE_GRANULARITY = { date: DURATION.day, datetime: DURATION.minute } as const;

/** Issue keys: equal by project and number, ordered only within one project. */
export function issueKeyCodec(): ValueCodec<IssueKey> {
  return {
    literal: (text, field) => {
      const key = parseIssueKey(text);
      if (!key) throw invalidIssueKeyError(text, field);
      return key;
    },
    fromIssue: (value) => (typeof value === 'string' ? parseIssueKey(value) : undefined),
    equals: (a, b) => a.project === b.project && a.number === b.number,
    compare: (a, b) => (a.project === b.project ? compareIssueKeys(a, b) : undefined),
  };
}

function readNumber(value: string | number): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  const trimmed = value.trim();
  const parsed = Number(trimmed);
  return trimmed !== '' && Number.isFinite(parsed) ? parsed : undefined;
}
