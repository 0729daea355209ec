/** JqlError and every user-facing message, worded like Jira's so the emulator can return them verbatim. */
import type { JqlOperator, JqlPosition } from './ast';

/** A JQL syntax or validation error; `message` is what Jira would put in `errorMessages`. */
export class JqlError extends Error {
  /** Where the offending token starts, for syntax errors that point at one. */
  readonly position: JqlPosition | undefined;

  constructor(message: string, position?: JqlPosition) {
    super(message);
    this.name = 'JqlError';
    this.position = position;
  }
}

/** A syntax error; Jira appends the position only when the culprit is a token rather than the end of input. */
export function syntaxError(detail: string, position?: JqlPosition): JqlError {
  const where = position ? ` (line ${position.line}, character ${position.character})` : '';
  return new JqlError(`Error in the JQL Query: ${detail}${where}`, position);
}

/** `Field 'foo' does not exist ...`. */
export function unknownFieldError(name: string): JqlError {
  return new JqlError(`Field '${name}' does not exist or you do not have permission to view it.`);
}

/** The operator cannot be used with the field's type. */
export function unsupportedOperatorError(operator: JqlOperator, field: string): JqlError {
  return new JqlError(`The operator '${operator}' is not supported by the '${field}' field.`);
}

/** A list after `=`, a single value after `in`, or EMPTY after `>` and the like. */
export function unsupportedOperandError(operator: JqlOperator, what: string, field: string): JqlError {
  return new JqlError(`Operator '${operator}' does not support ${what} for field '${field}'.`);
}

/** A date literal in none of the accepted formats. */
export function invalidDateError(value: string, field: string): JqlError {
  return new JqlError(
    `Date value '${value}' for field '${field}' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', ` +
      `'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.`,
  );
}

/** A literal that is not a number for a number or id field. */
export function invalidNumberError(value: string, field: string): JqlError {
  return new JqlError(`The value '${value}' for field '${field}' is not a valid number.`);
}

/** A literal that is not shaped like an issue key. */
export function invalidIssueKeyError(value: string, field: string): JqlError {
  return new JqlError(`The issue key '${value}' for field '${field}' is invalid.`);
}

/** `Unable to find JQL function 'foo()'.` */
export function unknownFunctionError(call: string): JqlError {
  return new JqlError(`Unable to find JQL function '${call}'.`);
}

/** Wrong number of function arguments. */
export function functionArityError(name: string, min: number, max: number, got: number): JqlError {
  const expected = min === max ? `'${min}'` : `between '${min}' and '${max}'`;
  return new JqlError(`Function '${name}' expected ${expected} arguments but received '${got}'.`);
}

/** A date function's increment argument is malformed. */
export function invalidIncrementError(name: string): JqlError {
  return new JqlError(
    `Duration for function '${name}' should have the format (+/-)n(y|M|w|d|h|m), e.g. -1M for one month earlier.`,
  );
}

/** A function whose result type does not fit the field, e.g. `status = now()`. */
export function functionNotForFieldError(name: string, field: string): JqlError {
  return new JqlError(`A value provided by the function '${name}' is invalid for the field '${field}'.`);
}

/** `summary ~ ""` and the like. */
export function emptyTextQueryError(field: string): JqlError {
  return new JqlError(`The field '${field}' does not support searching for an empty string.`);
}

/** `summary ~ "*foo"`: Jira refuses leading wildcards. */
export function leadingWildcardError(query: string, field: string): JqlError {
  return new JqlError(
    `The text query '${query}' for field '${field}' is not allowed to start with wildcard character '*' or '?'.`,
  );
}

/** ORDER BY on a field that cannot be sorted. */
export function notSortableError(field: string): JqlError {
  return new JqlError(`Field '${field}' does not support sorting.`);
}

/** The same field twice in ORDER BY. */
export function duplicateSortError(field: string): JqlError {
  return new JqlError(`The sort field '${field}' is referenced multiple times in the JQL sort.`);
}
