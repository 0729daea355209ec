/**
 * The condition language of entity queries and transactions: range conditions on an index and
 * `filters` `{ and | or: [{ property, condition, values }] }` on attributes.
 *
 * Forge does not document how conditions treat a missing attribute or a value of another type; this
 * follows the store it runs on (DynamoDB-like): comparisons between different types are false, a missing
 * attribute fails every condition except NOT_EXISTS, NOT_EQUAL_TO and NOT_CONTAINS.
 */
import { KvsError, badRequest } from './errors';
import type { FilterCondition, FilterItem, Filters } from './schemas';

type Scalar = string | number | boolean;

/** Code-point order for strings (UTF-8 byte order, as a byte-ordered store sorts), numeric for numbers, false < true. */
export function compareScalars(a: Scalar, b: Scalar): number {
  if (typeof a === 'string' && typeof b === 'string') return compareCodePoints(a, b);
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return typeRank(a) - typeRank(b);
}

function typeRank(value: Scalar): number {
  return typeof value === 'boolean' ? 0 : typeof value === 'number' ? 1 : 2;
}

function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const left = a[Symbol.iterator]();
  const right = b[Symbol.iterator]();
  for (;;) {
    const x = left.next();
    const y = right.next();
    if (x.done || y.done) return x.done ? (y.done ? 0 : -1) : 1;
    const diff = (x.value.codePointAt(0) ?? 0) - (y.value.codePointAt(0) ?? 0);
    if (diff !== 0) return diff;
  }
}

function isScalar(value: unknown): value is Scalar {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** Comparison that is only defined between values of the same type. */
function sameTypeCompare(value: unknown, operand: unknown): number | undefined {
  if (!isScalar(value) || !isScalar(operand) || typeof value !== typeof operand) return undefined;
  return compareScalars(value, operand);
}

/** Whether `value` (undefined = attribute missing) meets one condition with its operands. */
export function meets(condition: FilterCondition, operands: readonly unknown[], value: unknown): boolean {
  const [first, second] = operands;
  switch (condition) {
    case 'EXISTS':
      return value !== undefined;
    case 'NOT_EXISTS':
      return value === undefined;
    case 'EQUAL_TO':
      return value !== undefined && sameTypeCompare(value, first) === 0;
    case 'NOT_EQUAL_TO':
      return !(value !== undefined && sameTypeCompare(value, first) === 0);
    case 'BEGINS_WITH':
      return typeof value === 'string' && isScalar(first) && value.startsWith(String(first));
    case 'CONTAINS':
      return contains(value, first);
    case 'NOT_CONTAINS':
      return !contains(value, first);
    case 'BETWEEN': {
      const low = sameTypeCompare(value, first);
      const high = sameTypeCompare(value, second);
      return low !== undefined && high !== undefined && low >= 0 && high <= 0;
    }
    case 'GREATER_THAN':
      return (sameTypeCompare(value, first) ?? Number.NaN) > 0;
    case 'GREATER_THAN_EQUAL_TO':
      return (sameTypeCompare(value, first) ?? Number.NaN) >= 0;
    case 'LESS_THAN':
      return (sameTypeCompare(value, first) ?? Number.NaN) < 0;
    case 'LESS_THAN_EQUAL_TO':
      return (sameTypeCompare(value, first) ?? Number.NaN) <= 0;
  }
}

/** A substring of a string attribute, or an element of an array attribute (for `any` attributes). */
function contains(value: unknown, operand: unknown): boolean {
  if (typeof value === 'string') return isScalar(operand) && value.includes(String(operand));
  if (Array.isArray(value)) return value.some((element) => isScalar(element) && sameTypeCompare(element, operand) === 0);
  return false;
}

/** Refuses operands a condition cannot use ([errors] INSUFFICIENT_FILTER_VALUES for BETWEEN). */
export function checkOperands(condition: FilterCondition, operands: readonly unknown[], where: string): void {
  if (condition === 'BETWEEN' && operands.length < 2) {
    throw new KvsError(400, 'INSUFFICIENT_FILTER_VALUES', `${where}: the BETWEEN condition needs at least two values.`);
  }
  if (operands.length < 1) throw badRequest(`Provided request body is invalid: ${where}: condition ${condition} needs a value`);
}

/** A checked `filters` object: which operator, and its conditions. */
export interface CheckedFilters {
  operator: 'and' | 'or';
  items: readonly FilterItem[];
}

/** Checks the shape Forge requires of `filters` ([errors] EMPTY_FILTER_OPERATOR, INVALID_FILTER_OPERATORS_COMBINATION). */
export function checkFilters(filters: Filters, where: string): CheckedFilters {
  if (filters.and !== undefined && filters.or !== undefined) {
    throw new KvsError(400, 'INVALID_FILTER_OPERATORS_COMBINATION', `${where}: filter operators "and" and "or" cannot be present at the same level.`);
  }
  const operator = filters.or !== undefined ? 'or' : 'and';
  const items = filters[operator] ?? [];
  if (items.length === 0) throw new KvsError(400, 'EMPTY_FILTER_OPERATOR', `${where}: filter operators "and" and "or" cannot be empty.`);
  items.forEach((item, i) => checkOperands(item.condition, item.values, `${where}.${operator}[${i}]`));
  return { operator, items };
}

/** Whether an entity value (undefined = absent) meets checked filters. */
export function matchesFilters(filters: CheckedFilters, value: Readonly<Record<string, unknown>> | undefined): boolean {
  const test = (item: FilterItem): boolean => meets(item.condition, item.values, value?.[item.property]);
  return filters.operator === 'and' ? filters.items.every(test) : filters.items.some(test);
}
