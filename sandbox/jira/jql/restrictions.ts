/** Derives candidate narrowing (keys, ids, projects) from the top-level conjunction of a WHERE clause. */
import type { JqlClause, JqlNode } from './ast';
import type { FieldResolver } from './fields';
import { formatIssueKey, parseIssueKey } from './issue-keys';
import type { JqlRestrictions } from './types';

type RestrictionKind = keyof JqlRestrictions;

// By canonical id, not type, so an issuekey-typed `parent` never narrows; 'issuekey' is the field catalog's id for keys.
const KIND_BY_FIELD_ID: Readonly<Record<string, RestrictionKind>> = {
  key: 'keys',
  issuekey: 'keys',
  id: 'ids',
  project: 'projects',
};

/**
 * Collects `key`, `id` and `project` restrictions from `=`/`in` clauses that every match must satisfy;
 * several clauses on one kind intersect (case-insensitively). Clauses under OR or NOT are ignored.
 */
export function extractRestrictions(where: JqlNode | null, resolve: FieldResolver): JqlRestrictions {
  const restrictions: JqlRestrictions = {};
  if (!where) return restrictions;
  for (const clause of conjuncts(where)) {
    const kind = KIND_BY_FIELD_ID[resolve(clause.field.name).id];
    const values = kind ? literalValues(clause) : undefined;
    if (!kind || !values) continue;
    const normalized = kind === 'keys' ? values.map(canonicalKey) : values;
    const existing = restrictions[kind];
    restrictions[kind] = existing ? intersect(existing, normalized) : dedupe(normalized);
  }
  return restrictions;
}

function conjuncts(node: JqlNode): JqlClause[] {
  if (node.kind === 'clause') return [node];
  if (node.kind === 'and') return node.children.flatMap(conjuncts);
  return [];
}

/** The literal values of a `=`/`in` clause, or undefined when it uses EMPTY, functions or another operator. */
function literalValues(clause: JqlClause): string[] | undefined {
  if (clause.operator !== '=' && clause.operator !== 'in') return undefined;
  const items = clause.operand.kind === 'list' ? clause.operand.items : [clause.operand];
  const values: string[] = [];
  for (const item of items) {
    if (item.kind !== 'value') return undefined;
    values.push(item.value);
  }
  return values;
}

function canonicalKey(value: string): string {
  const key = parseIssueKey(value);
  return key ? formatIssueKey(key) : value.toUpperCase();
}

function dedupe(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const folded = value.toLowerCase();
    if (seen.has(folded)) return false;
    seen.add(folded);
    return true;
  });
}

function intersect(current: readonly string[], next: readonly string[]): string[] {
  const allowed = new Set(next.map((value) => value.toLowerCase()));
  return current.filter((value) => allowed.has(value.toLowerCase()));
}
