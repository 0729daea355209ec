/** The JQL functions the emulator supports: now(), currentUser(), startOfDay(), endOfDay(). */
import type { JqlFunctionOperand } from './ast';
import { applyIncrement, DURATION, startOfUtcDay } from './dates';
import { functionArityError, invalidIncrementError, unknownFunctionError } from './errors';
import type { JqlContext } from './types';

/** What a function evaluates to: an instant for date functions, an account for user functions. */
export type JqlFunctionResult = { kind: 'instant'; ms: number } | { kind: 'user'; accountId: string | undefined };

interface FunctionSpec {
  minArgs: number;
  maxArgs: number;
  evaluate(args: readonly string[], ctx: JqlContext, name: string): JqlFunctionResult;
}

const FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map<string, FunctionSpec>([
  ['now', { minArgs: 0, maxArgs: 0, evaluate: (_args, ctx) => ({ kind: 'instant', ms: ctx.now.getTime() }) }],
  ['currentuser', { minArgs: 0, maxArgs: 0, evaluate: (_args, ctx) => ({ kind: 'user', accountId: ctx.currentUserAccountId }) }],
  ['startofday', { minArgs: 0, maxArgs: 1, evaluate: (args, ctx, name) => dayBoundary(args, ctx, name, 0) }],
  // End of day is the last millisecond before the next midnight, as Jira defines it.
  ['endofday', { minArgs: 0, maxArgs: 1, evaluate: (args, ctx, name) => dayBoundary(args, ctx, name, DURATION.day - 1) }],
]);

/** Evaluates a function call against the context; throws JqlError for unknown functions or bad arguments. */
export function evaluateFunction(call: JqlFunctionOperand, ctx: JqlContext): JqlFunctionResult {
  const spec = FUNCTIONS.get(call.name.toLowerCase());
  if (!spec) throw unknownFunctionError(call.raw);
  if (call.args.length < spec.minArgs || call.args.length > spec.maxArgs) {
    throw functionArityError(call.name, spec.minArgs, spec.maxArgs, call.args.length);
  }
  return spec.evaluate(call.args, ctx, call.name);
}

function dayBoundary(args: readonly string[], ctx: JqlContext, name: string, offset: number): JqlFunctionResult {
  const boundary = startOfUtcDay(ctx.now.getTime()) + offset;
  const increment = args[0];
  if (increment === undefined) return { kind: 'instant', ms: boundary };
  const shifted = applyIncrement(boundary, increment, 'd');
  if (shifted === undefined) throw invalidIncrementError(name);
  return { kind: 'instant', ms: shifted };
}
