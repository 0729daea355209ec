/** The contract between the JQL engine and the emulator: schema, issue view, context and compiled query. */

/** How a field is searched and sorted. */
export type JqlFieldType = 'string' | 'text' | 'number' | 'date' | 'datetime' | 'issuekey' | 'id';

/** One searchable field. */
export interface JqlFieldDef {
  /** Canonical id, e.g. 'status', 'customfield_10010'. */
  id: string;
  /** Names accepted in JQL, matched case-insensitively, e.g. ['issuetype', 'type'] or ['Story Points']. */
  names: readonly string[];
  type: JqlFieldType;
  /** Whether ORDER BY may use the field; default true. */
  orderable?: boolean;
}

/** The fields a query may reference. */
export interface JqlSchema {
  fields: readonly JqlFieldDef[];
}

/** A single stored value (or alias of one). */
export type JqlScalar = string | number | Date;

/** What `JqlIssueView.get` returns; null, undefined, '' and [] all mean EMPTY. */
export type JqlValue = string | number | Date | null | undefined | readonly (string | number)[];

/** How the emulator presents one issue to the evaluator. */
export interface JqlIssueView {
  /**
   * The value(s) of a field. For 'string' fields return every alias the value is known by (a status: [id, name];
   * a project: [id, key, name]; a user: [accountId, displayName, email]); equality matches any alias
   * case-insensitively. Multi-valued fields (labels, components) return all aliases of all values.
   */
  get(fieldId: string): JqlValue;
  /** Primary sort value for ORDER BY (e.g. status name, a Date, a number, the issue key). */
  sortValue(fieldId: string): string | number | Date | null;
}

/** Evaluation context: the clock and the caller, for relative dates and `currentUser()`. */
export interface JqlContext {
  now: Date;
  currentUserAccountId?: string;
}

/** Candidate narrowing derived from a top-level conjunction; absent members mean "not restricted". */
export interface JqlRestrictions {
  keys?: string[];
  ids?: string[];
  projects?: string[];
}

/** A query bound to a schema and context, ready to filter and sort issues. */
export interface CompiledJql {
  /** Whether the issue satisfies the WHERE clause (always true when there is none). */
  matches(issue: JqlIssueView): boolean;
  /** Comparator per ORDER BY; 0 when there is no ORDER BY or all keys tie. */
  compare(a: JqlIssueView, b: JqlIssueView): number;
  hasOrderBy: boolean;
  /**
   * If the WHERE clause is a conjunction containing `key =/in`, `id =/in` or `project =/in`, the keys
   * (upper-cased), ids and projects (as written) it is limited to; `[]` means nothing can match.
   */
  restrictions: JqlRestrictions;
}
