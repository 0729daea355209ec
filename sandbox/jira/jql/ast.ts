/** The syntax tree `parseJql` produces; positions point into the original query text. */

/** 1-based line and character of a token in the query, as Jira reports them. */
export interface JqlPosition {
  line: number;
  character: number;
}

/** A clause operator in canonical (lower-case) spelling. */
export type JqlOperator = '=' | '!=' | '~' | '!~' | '>' | '>=' | '<' | '<=' | 'in' | 'not in' | 'is' | 'is not';

/** A field reference exactly as written (quotes removed); resolved against the schema at compile time. */
export interface JqlFieldRef {
  name: string;
  quoted: boolean;
  position: JqlPosition;
}

/** A literal value: a bare word such as `SUP-12` or `-1d`, or a quoted string with escapes decoded. */
export interface JqlValueOperand {
  kind: 'value';
  value: string;
  quoted: boolean;
  /** Source text including quotes, for error messages. */
  raw: string;
  position: JqlPosition;
}

/** `EMPTY` or `null`. */
export interface JqlEmptyOperand {
  kind: 'empty';
  raw: string;
  position: JqlPosition;
}

/** A function call such as `now()` or `startOfDay(-1)`; arguments are kept as decoded strings. */
export interface JqlFunctionOperand {
  kind: 'function';
  name: string;
  args: string[];
  raw: string;
  position: JqlPosition;
}

/** Anything that may appear inside a list. */
export type JqlListItem = JqlValueOperand | JqlEmptyOperand | JqlFunctionOperand;

/** A parenthesised list, e.g. `(a, "b c", 3)`. */
export interface JqlListOperand {
  kind: 'list';
  items: JqlListItem[];
  position: JqlPosition;
}

/** The right-hand side of a clause. */
export type JqlOperand = JqlListItem | JqlListOperand;

/** `field OP operand`. */
export interface JqlClause {
  kind: 'clause';
  field: JqlFieldRef;
  operator: JqlOperator;
  operand: JqlOperand;
}

/** Boolean structure of the WHERE part; `and`/`or` hold two or more children. */
export type JqlNode =
  | JqlClause
  | { kind: 'and'; children: JqlNode[] }
  | { kind: 'or'; children: JqlNode[] }
  | { kind: 'not'; child: JqlNode };

/** One `ORDER BY` key; `field` is the name as written (quotes removed). */
export interface JqlOrderBy {
  field: string;
  direction: 'ASC' | 'DESC';
}

/** A parsed query; `where` is null when the query has no conditions (matches everything). */
export interface JqlQuery {
  where: JqlNode | null;
  orderBy: JqlOrderBy[];
}
