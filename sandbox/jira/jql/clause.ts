/** Compiles one `field OP operand` clause into a predicate, enforcing Jira's operator/type/operand rules. */
import type { JqlClause, JqlListItem, JqlOperand, JqlOperator } from './ast';
import { dateCodec, DATE_GRANULARITY, issueKeyCodec, numberCodec, stringCodec, type ValueCodec } from './codecs';
import { functionNotForFieldError, unsupportedOperandError, unsupportedOperatorError } from './errors';
import type { FieldResolver, ResolvedField } from './fields';
import { evaluateFunction } from './functions';
import { compileTextQuery } from './text-search';
import type { JqlContext, JqlFieldType, JqlIssueView } from './types';

/** A compiled condition over one issue. */
export type IssuePredicate = (issue: JqlIssueView) => boolean;

const EQUALITY: readonly JqlOperator[] = ['=', '!=', 'in', 'not in', 'is', 'is not'];
const ORDERING: readonly JqlOperator[] = ['>', '>=', '<', '<='];
const TEXT_MATCH: readonly JqlOperator[] = ['~', '!~'];
const OPERATORS_BY_TYPE: Readonly<Record<JqlFieldType, readonly JqlOperator[]>> = {
  string: EQUALITY,
  text: [...EQUALITY, ...TEXT_MATCH],
  number: [...EQUALITY, ...ORDERING],
  date: [...EQUALITY, ...ORDERING],
  datetime: [...EQUALITY, ...ORDERING],
  issuekey: [...EQUALITY, ...ORDERING],
  id: [...EQUALITY, ...ORDERING],
};
const LIST_OPERATORS: readonly JqlOperator[] = ['in', 'not in'];
const EMPTY_OPERATORS: readonly JqlOperator[] = EQUALITY;
// NOT is pushed down to the clause like Jira's De Morgan rewrite, so `NOT a = 1` behaves exactly like `a != 1`.
const NEGATED: Readonly<Record<JqlOperator, JqlOperator>> = {
  '=': '!=', '!=': '=', in: 'not in', 'not in': 'in', is: 'is not', 'is not': 'is',
  '~': '!~', '!~': '~', '>': '<=', '<=': '>', '<': '>=', '>=': '<',
};
const POSITIVE: readonly JqlOperator[] = ['=', 'in', 'is'];

/** Validates `clause` and compiles it, negated when it sits under an odd number of NOTs. Throws JqlError. */
export function compileClause(clause: JqlClause, negated: boolean, resolve: FieldResolver, ctx: JqlContext): IssuePredicate {
  const field = resolve(clause.field.name);
  validate(field, clause.operator, clause.operand);
  const operator = negated ? NEGATED[clause.operator] : clause.operator;
  if (operator === '~' || operator === '!~') return textPredicate(field, operator, clause.operand);
  switch (field.type) {
    case 'string':
    case 'text':
      return codecPredicate(stringCodec(), field, operator, clause.operand, ctx);
    case 'number':
    case 'id':
      return codecPredicate(numberCodec(), field, operator, clause.operand, ctx);
    case 'date':
    case 'datetime':
      return codecPredicate(dateCodec(DATE_GRANULARITY[field.type], ctx.now), field, operator, clause.operand, ctx);
    case 'issuekey':
      return codecPredicate(issueKeyCodec(), field, operator, clause.operand, ctx);
  }
}

function validate(field: ResolvedField, operator: JqlOperator, operand: JqlOperand): void {
  const allowed = field.pseudo ? TEXT_MATCH : OPERATORS_BY_TYPE[field.type];
  if (!allowed.includes(operator)) throw unsupportedOperatorError(operator, field.name);
  const isList = LIST_OPERATORS.includes(operator);
  if (operand.kind === 'list' && !isList) {
    throw unsupportedOperandError(operator, `the list value '(${operand.items.map((item) => item.raw).join(', ')})'`, field.name);
  }
  if (isList && operand.kind !== 'list' && operand.kind !== 'function') {
    throw unsupportedOperandError(operator, `the non-list value '${operand.raw}'`, field.name);
  }
  const items = operand.kind === 'list' ? operand.items : [operand];
  if (items.some((item) => item.kind === 'empty') && !EMPTY_OPERATORS.includes(operator)) {
    throw unsupportedOperandError(operator, 'searching for EMPTY values', field.name);
  }
}

function textPredicate(field: ResolvedField, operator: '~' | '!~', operand: JqlOperand): IssuePredicate {
  if (operand.kind === 'function') throw functionNotForFieldError(operand.name, field.name);
  // validate() has ruled out lists and EMPTY for `~`, so this is a single value.
  const query = operand.kind === 'value' ? operand.value : '';
  const matches = compileTextQuery(query, field.name);
  return (issue) => {
    const values = field.values(issue);
    const found = values.some((value) => matches(value instanceof Date ? value.toISOString() : String(value)));
    // Negative operators never match an EMPTY field in Jira.
    return operator === '~' ? found : values.length > 0 && !found;
  };
}

interface Needles<T> {
  /** EMPTY was among the operands. */
  empty: boolean;
  values: T[];
}

function codecPredicate<T>(
  codec: ValueCodec<T>,
  field: ResolvedField,
  operator: JqlOperator,
  operand: JqlOperand,
  ctx: JqlContext,
): IssuePredicate {
  const needles = resolveNeedles(codec, field, operand, ctx);
  const convert = (issue: JqlIssueView): { present: boolean; values: T[] } => {
    const raw = field.values(issue);
    return { present: raw.length > 0, values: raw.map((value) => codec.fromIssue(value)).filter((value) => value !== undefined) };
  };
  if (EQUALITY.includes(operator)) {
    const positive = POSITIVE.includes(operator);
    return (issue) => {
      const { present, values } = convert(issue);
      const hit = values.some((value) => needles.values.some((needle) => codec.equals(value, needle)));
      // Negative operators never match an EMPTY field in Jira: `assignee != bob` skips unassigned issues.
      return positive ? hit || (needles.empty && !present) : present && !hit;
    };
  }
  const needle = needles.values[0];
  const accepts = orderingTest(operator);
  return (issue) => {
    if (needle === undefined) return false;
    return convert(issue).values.some((value) => {
      const order = codec.compare(value, needle);
      return order !== undefined && accepts(order);
    });
  };
}

function resolveNeedles<T>(codec: ValueCodec<T>, field: ResolvedField, operand: JqlOperand, ctx: JqlContext): Needles<T> {
  const items: readonly JqlListItem[] = operand.kind === 'list' ? operand.items : [operand];
  const needles: Needles<T> = { empty: false, values: [] };
  for (const item of items) {
    if (item.kind === 'empty') needles.empty = true;
    else if (item.kind === 'value') needles.values.push(codec.literal(item.value, field.name));
    else {
      const result = evaluateFunction(item, ctx);
      if (result.kind === 'instant') {
        if (!codec.fromInstant) throw functionNotForFieldError(item.name, field.name);
        needles.values.push(codec.fromInstant(result.ms));
      } else {
        if (!codec.fromUser) throw functionNotForFieldError(item.name, field.name);
        // Anonymous callers have no current user, so the function contributes no value.
        if (result.accountId !== undefined) needles.values.push(codec.fromUser(result.accountId));
      }
    }
  }
  return needles;
}

function orderingTest(operator: JqlOperator): (order: number) => boolean {
  switch (operator) {
    case '>':
      return (order) => order > 0;
    case '>=':
      return (order) => order >= 0;
    case '<':
      return (order) => order < 0;
    default:
      return (order) => order <= 0;
  }
}
