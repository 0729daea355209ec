import { describe, expect, it } from 'vitest';
import type { JqlFunctionOperand } from './ast';
import { evaluateFunction } from './functions';

const NOW = new Date('2024-02-15T12:30:45Z');
const call = (name: string, ...args: string[]): JqlFunctionOperand => ({
  kind: 'function', name, args, raw: `${name}(${args.join(', ')})`, position: { line: 1, character: 1 },
});

describe('evaluateFunction', () => {
  it('evaluates now() to the context clock', () => {
    expect(evaluateFunction(call('now'), { now: NOW })).toEqual({ kind: 'instant', ms: NOW.getTime() });
  });

  it('evaluates currentUser(), with or without a caller', () => {
    expect(evaluateFunction(call('currentUser'), { now: NOW, currentUserAccountId: 'acc-1' })).toEqual({ kind: 'user', accountId: 'acc-1' });
    expect(evaluateFunction(call('currentUser'), { now: NOW })).toEqual({ kind: 'user', accountId: undefined });
  });

  it('evaluates day boundaries in UTC, with optional increments', () => {
    const at = (name: string, ...args: string[]): string => {
      const result = evaluateFunction(call(name, ...args), { now: NOW });
      return result.kind === 'instant' ? new Date(result.ms).toISOString() : 'not an instant';
    };
    expect(at('startOfDay')).toBe('2024-02-15T00:00:00.000Z');
    expect(at('endOfDay')).toBe('2024-02-15T23:59:59.999Z');
    expect(at('startOfDay', '-1')).toBe('2024-02-14T00:00:00.000Z');
    expect(at('endOfDay', '+1d')).toBe('2024-02-16T23:59:59.999Z');
    expect(at('startOfDay', '-1M')).toBe('2024-01-15T00:00:00.000Z');
    expect(at('startOfDay', '2h')).toBe('2024-02-15T02:00:00.000Z');
  });

  it('matches names case-insensitively', () => {
    expect(evaluateFunction(call('NOW'), { now: NOW }).kind).toBe('instant');
    expect(evaluateFunction(call('currentuser'), { now: NOW }).kind).toBe('user');
    expect(evaluateFunction(call('STARTOFDAY'), { now: NOW }).kind).toBe('instant');
  });

  it('rejects unknown functions, wrong arity and bad increments', () => {
    expect(() => evaluateFunction(call('membersOf', 'jira-users'), { now: NOW })).toThrow("Unable to find JQL function 'membersOf(jira-users)'.");
    expect(() => evaluateFunction(call('now', '1'), { now: NOW })).toThrow("Function 'now' expected '0' arguments but received '1'.");
    expect(() => evaluateFunction(call('endOfDay', '1', '2'), { now: NOW })).toThrow(
      "Function 'endOfDay' expected between '0' and '1' arguments but received '2'.",
    );
    expect(() => evaluateFunction(call('startOfDay', 'yesterday'), { now: NOW })).toThrow(
      "Duration for function 'startOfDay' should have the format (+/-)n(y|M|w|d|h|m), e.g. -1M for one month earlier.",
    );
  });
});
