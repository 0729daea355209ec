/** Public API of the emulator's JQL engine: parse, compile, then match and sort issues. */
export type {
  JqlClause,
  JqlEmptyOperand,
  JqlFieldRef,
  JqlFunctionOperand,
  JqlListItem,
  JqlListOperand,
  JqlNode,
  JqlOperand,
  JqlOperator,
  JqlOrderBy,
  JqlPosition,
  JqlQuery,
  JqlValueOperand,
} from './ast';
export { compileJql } from './compile';
export { JqlError } from './errors';
export { parseJql } from './parser';
export type {
  CompiledJql,
  JqlContext,
  JqlFieldDef,
  JqlFieldType,
  JqlIssueView,
  JqlRestrictions,
  JqlScalar,
  JqlSchema,
  JqlValue,
} from './types';
