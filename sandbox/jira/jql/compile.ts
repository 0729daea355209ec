/** Binds a parsed query to a schema and context: validates it and builds the matcher, comparator and restrictions. */
import type { JqlNode, JqlQuery } from './ast';
import { compileClause, type IssuePredicate } from './clause';
import { createFieldResolver, type FieldResolver } from './fields';
import { compileOrderBy } from './order-by';
import { extractRestrictions } from './restrictions';
import type { CompiledJql, JqlContext, JqlSchema } from './types';

/**
 * Compiles `query` for `schema` and `ctx`. Throws JqlError for unknown fields or functions, operators the
 * field's type does not support, and invalid dates, numbers or issue keys.
 */
export function compileJql(query: JqlQuery, schema: JqlSchema, ctx: JqlContext): CompiledJql {
  const resolve = createFieldResolver(schema);
  const matches: IssuePredicate = query.where ? compileNode(query.where, false, resolve, ctx) : () => true;
  const compare = compileOrderBy(query.orderBy, resolve);
  return { matches, compare, hasOrderBy: query.orderBy.length > 0, restrictions: extractRestrictions(query.where, resolve) };
}

/** Compiles a node, pushing `negated` down to the clauses (De Morgan) the way Jira rewrites NOT. */
function compileNode(node: JqlNode, negated: boolean, resolve: FieldResolver, ctx: JqlContext): IssuePredicate {
  switch (node.kind) {
    case 'clause':
      return compileClause(node, negated, resolve, ctx);
    case 'not':
      return compileNode(node.child, !negated, resolve, ctx);
    case 'and':
    case 'or': {
      const children = node.children.map((child) => compileNode(child, negated, resolve, ctx));
      // Under negation AND becomes OR and vice versa.
      const conjunctive = (node.kind === 'and') !== negated;
      return conjunctive
        ? (issue) => children.every((child) => child(issue))
        : (issue) => children.some((child) => child(issue));
    }
  }
}
