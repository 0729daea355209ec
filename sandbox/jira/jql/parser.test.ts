import { describe, expect, it } from 'vitest';
import type { JqlNode, JqlOperand } from './ast';
import { JqlError } from './errors';
import { parseJql } from './parser';

/** Compact rendering of a tree so precedence is easy to read in assertions. */
function show(node: JqlNode | null): string {
  if (!node) return '<all>';
  switch (node.kind) {
    case 'clause':
      return `${node.field.name} ${node.operator} ${showOperand(node.operand)}`;
    case 'not':
      return `NOT(${show(node.child)})`;
    case 'and':
    case 'or':
      return `${node.kind.toUpperCase()}[${node.children.map(show).join(' | ')}]`;
  }
}

function showOperand(operand: JqlOperand): string {
  switch (operand.kind) {
    case 'value':
      return operand.quoted ? JSON.stringify(operand.value) : operand.value;
    case 'empty':
      return 'EMPTY';
    case 'function':
      return `${operand.name}(${operand.args.join(',')})`;
    case 'list':
      return `(${operand.items.map(showOperand).join(', ')})`;
  }
}

const where = (jql: string): string => show(parseJql(jql).where);

function messageOf(jql: string): string {
  try {
    parseJql(jql);
  } catch (error) {
    if (error instanceof JqlError) return error.message;
    throw error;
  }
  throw new Error(`expected ${jql} to fail`);
}

describe('parseJql: structure', () => {
  it('treats blank queries as matching everything', () => {
    expect(parseJql('')).toEqual({ where: null, orderBy: [] });
    expect(parseJql('   \n ')).toEqual({ where: null, orderBy: [] });
  });

  it('parses a clause with positions', () => {
    expect(parseJql('project = SUP').where).toEqual({
      kind: 'clause',
      field: { name: 'project', quoted: false, position: { line: 1, character: 1 } },
      operator: '=',
      operand: { kind: 'value', value: 'SUP', quoted: false, raw: 'SUP', position: { line: 1, character: 11 } },
    });
  });

  it('parses every operator', () => {
    const cases: [string, string][] = [
      ['a = 1', 'a = 1'], ['a != 1', 'a != 1'], ['a ~ x', 'a ~ x'], ['a !~ x', 'a !~ x'], ['a > 1', 'a > 1'],
      ['a >= 1', 'a >= 1'], ['a < 1', 'a < 1'], ['a <= 1', 'a <= 1'], ['a in (1, 2)', 'a in (1, 2)'],
      ['a not in (1)', 'a not in (1)'], ['a is EMPTY', 'a is EMPTY'], ['a is not EMPTY', 'a is not EMPTY'],
      ['a is null', 'a is EMPTY'], ['a is not null', 'a is not EMPTY'], ['a = EMPTY', 'a = EMPTY'], ['a != null', 'a != EMPTY'],
    ];
    for (const [jql, expected] of cases) expect(where(jql), jql).toBe(expected);
  });

  it('accepts keywords in any case', () => {
    expect(where('a IN (1) and b NOT IN (2) Or NoT c Is NoT Empty')).toBe('OR[AND[a in (1) | b not in (2)] | NOT(c is not EMPTY)]');
    expect(parseJql('a = 1 oRdEr By b dEsC').orderBy).toEqual([{ field: 'b', direction: 'DESC' }]);
  });

  it('binds NOT tighter than AND, and AND tighter than OR', () => {
    expect(where('a = 1 OR b = 2 AND c = 3')).toBe('OR[a = 1 | AND[b = 2 | c = 3]]');
    expect(where('a = 1 AND b = 2 OR c = 3')).toBe('OR[AND[a = 1 | b = 2] | c = 3]');
    expect(where('NOT a = 1 AND b = 2')).toBe('AND[NOT(a = 1) | b = 2]');
    expect(where('NOT a = 1 OR NOT b = 2 AND c = 3')).toBe('OR[NOT(a = 1) | AND[NOT(b = 2) | c = 3]]');
    expect(where('NOT NOT a = 1')).toBe('NOT(NOT(a = 1))');
  });

  it('flattens chains of one operator and respects parentheses', () => {
    expect(where('a = 1 AND b = 2 AND c = 3')).toBe('AND[a = 1 | b = 2 | c = 3]');
    expect(where('(a = 1 OR b = 2) AND c = 3')).toBe('AND[OR[a = 1 | b = 2] | c = 3]');
    expect(where('NOT (a = 1 OR b = 2)')).toBe('NOT(OR[a = 1 | b = 2])');
    expect(where('((a = 1))')).toBe('a = 1');
    expect(where('a = 1 AND (b = 2 AND c = 3)')).toBe('AND[a = 1 | AND[b = 2 | c = 3]]');
  });

  it('accepts the symbolic forms of AND, OR and NOT', () => {
    expect(where('a = 1 && b = 2 || !c = 3')).toBe('OR[AND[a = 1 | b = 2] | NOT(c = 3)]');
    expect(where('a = 1 & b = 2 | c = 3')).toBe('OR[AND[a = 1 | b = 2] | c = 3]');
  });

  it('parses values: bare words, quoted strings, numbers, lists, functions, EMPTY', () => {
    expect(where('key = SUP-12')).toBe('key = SUP-12');
    expect(where('cf[10010] = 10010')).toBe('cf[10010] = 10010');
    expect(where(`summary ~ 'it\\'s'`)).toBe(`summary ~ "it's"`);
    expect(where('labels in (a, "b c", 3, EMPTY, currentUser())')).toBe('labels in (a, "b c", 3, EMPTY, currentUser())');
    expect(where('updated > startOfDay(-1)')).toBe('updated > startOfDay(-1)');
    expect(where('updated > endOfDay("+1d", x)')).toBe('updated > endOfDay(+1d,x)');
    expect(where('updated < now ( )')).toBe('updated < now()');
    expect(where('created >= -2w')).toBe('created >= -2w');
  });

  it('keeps quoting information and raw text of values', () => {
    const clause = parseJql('summary ~ "\\"exact phrase\\""').where;
    expect(clause).toMatchObject({ operand: { kind: 'value', value: '"exact phrase"', quoted: true, raw: '"\\"exact phrase\\""' } });
    const fn = parseJql('assignee = currentUser()').where;
    expect(fn).toMatchObject({ operand: { kind: 'function', name: 'currentUser', args: [], raw: 'currentUser()' } });
  });

  it('accepts quoted and custom field names', () => {
    expect(parseJql('"Story Points" > 3').where).toMatchObject({ field: { name: 'Story Points', quoted: true } });
    expect(parseJql("'cf[10010]' = 1").where).toMatchObject({ field: { name: 'cf[10010]', quoted: true } });
  });

  it('lets reserved words be used as values when quoted', () => {
    expect(where('labels = "and" OR labels = \'order\'')).toBe('OR[labels = "and" | labels = "order"]');
  });

  it('parses ORDER BY with default and explicit directions', () => {
    expect(parseJql('project = SUP ORDER BY priority DESC, "Story Points", key asc')).toMatchObject({
      orderBy: [
        { field: 'priority', direction: 'DESC' },
        { field: 'Story Points', direction: 'ASC' },
        { field: 'key', direction: 'ASC' },
      ],
    });
  });

  it('accepts ORDER BY alone', () => {
    expect(parseJql('ORDER BY created DESC')).toEqual({ where: null, orderBy: [{ field: 'created', direction: 'DESC' }] });
  });

  it('spans lines', () => {
    expect(where('project = SUP\nAND\n  status = Done')).toBe('AND[project = SUP | status = Done]');
  });
});

describe('parseJql: syntax errors', () => {
  const prefix = 'Error in the JQL Query: ';
  const operators =
    "The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.";

  it('reports a missing operator with the valid list and position', () => {
    expect(messageOf('project = SUP AND status foo')).toBe(`${prefix}Expecting operator but got 'foo'. ${operators} (line 1, character 26)`);
    expect(messageOf('project')).toBe(`${prefix}Expecting operator but got the end of the query. ${operators}`);
    expect(messageOf('status ! Done')).toBe(`${prefix}Expecting operator but got '!'. ${operators} (line 1, character 8)`);
  });

  it('reports a missing value', () => {
    expect(messageOf('project = ')).toBe(`${prefix}Expecting either a value, list or function but got the end of the query.`);
    expect(messageOf('project = )')).toBe(`${prefix}Expecting either a value, list or function but got ')'. (line 1, character 11)`);
    expect(messageOf('project = ,')).toBe(`${prefix}Expecting either a value, list or function but got ','. (line 1, character 11)`);
  });

  it('reports bad lists', () => {
    expect(messageOf('a in ()')).toBe(`${prefix}Expecting either a value or function but got ')'. (line 1, character 7)`);
    expect(messageOf('a in (1, (2))')).toBe(`${prefix}Expecting either a value or function but got '('. (line 1, character 10)`);
    expect(messageOf('a in (1 2)')).toBe(`${prefix}Expecting either ',' or ')' but got '2'. (line 1, character 9)`);
    expect(messageOf('a in (1,')).toBe(`${prefix}Expecting either a value or function but got the end of the query.`);
    expect(messageOf('a in (1')).toBe(`${prefix}Expecting either ',' or ')' but got the end of the query.`);
  });

  it('reports bad function calls', () => {
    expect(messageOf('a = now(')).toBe(`${prefix}Expecting a function argument but got the end of the query.`);
    expect(messageOf('a = now(1')).toBe(`${prefix}Expecting either ',' or ')' but got the end of the query.`);
    expect(messageOf('a = now(=)')).toBe(`${prefix}Expecting a function argument but got '='. (line 1, character 9)`);
  });

  it('reports unbalanced parentheses', () => {
    expect(messageOf('project = SUP and (status = Done')).toBe(`${prefix}Expecting ')' but got the end of the query.`);
    expect(messageOf('(a = 1 b = 2)')).toBe(`${prefix}Expecting ')' but got 'b'. (line 1, character 8)`);
    expect(messageOf('a = 1)')).toBe(`${prefix}Expecting either 'OR' or 'AND' but got ')'. (line 1, character 6)`);
    expect(messageOf('()')).toBe(`${prefix}Expecting a field name but got ')'. (line 1, character 2)`);
  });

  it('reports trailing garbage after a clause', () => {
    expect(messageOf('project = SUP status = Done')).toBe(`${prefix}Expecting either 'OR' or 'AND' but got 'status'. (line 1, character 15)`);
    expect(messageOf('a = "x y" z')).toBe(`${prefix}Expecting either 'OR' or 'AND' but got 'z'. (line 1, character 11)`);
  });

  it('reports missing field names', () => {
    expect(messageOf('project = SUP AND')).toBe(`${prefix}Expecting a field name but got the end of the query.`);
    expect(messageOf('= SUP')).toBe(`${prefix}Expecting a field name but got '='. (line 1, character 1)`);
    expect(messageOf('a = 1 AND OR b = 2')).toBe(`${prefix}Expecting a field name but got 'OR'. (line 1, character 11)`);
    expect(messageOf('NOT')).toBe(`${prefix}Expecting a field name but got the end of the query.`);
  });

  it('reports reserved words used as values', () => {
    expect(messageOf('status = and')).toBe(
      `${prefix}'and' is a reserved JQL word. You must surround it in quotation characters to use it in a query. (line 1, character 10)`,
    );
    expect(messageOf('labels in (a, ORDER)')).toMatch(/'ORDER' is a reserved JQL word.* \(line 1, character 15\)$/);
  });

  it('reports bad NOT IN and IS forms', () => {
    expect(messageOf('a not = 1')).toBe(`${prefix}Expecting 'IN' but got '='. (line 1, character 7)`);
    expect(messageOf('a is Done')).toBe(`${prefix}Expecting either 'NOT', 'EMPTY' or 'NULL' but got 'Done'. (line 1, character 6)`);
    expect(messageOf('a is not "EMPTY"')).toBe(`${prefix}Expecting either 'EMPTY' or 'NULL' but got '"EMPTY"'. (line 1, character 10)`);
    expect(messageOf('a is')).toBe(`${prefix}Expecting either 'NOT', 'EMPTY' or 'NULL' but got the end of the query.`);
  });

  it('reports bad ORDER BY clauses', () => {
    expect(messageOf('ORDER key')).toBe(`${prefix}Expecting 'BY' but got 'key'. (line 1, character 7)`);
    expect(messageOf('a = 1 ORDER BY')).toBe(`${prefix}Expecting a field name but got the end of the query.`);
    expect(messageOf('ORDER BY key,')).toBe(`${prefix}Expecting a field name but got the end of the query.`);
    expect(messageOf('ORDER BY key up')).toBe(`${prefix}Expecting either 'ASC', 'DESC', ',' or the end of the query but got 'up'. (line 1, character 14)`);
    expect(messageOf('ORDER BY key DESC created')).toBe(`${prefix}Expecting either ',' or the end of the query but got 'created'. (line 1, character 19)`);
  });

  it('reports unterminated strings and bad escapes from the lexer', () => {
    expect(messageOf("a = 'abc")).toBe(`${prefix}The quoted string 'abc' has not been completed. (line 1, character 5)`);
    expect(messageOf('a = 1 AND\n  summary ~ "oops')).toBe(`${prefix}The quoted string 'oops' has not been completed. (line 2, character 13)`);
  });

  it('positions errors on later lines', () => {
    expect(messageOf('project = SUP\n  AND status Done')).toBe(`${prefix}Expecting operator but got 'Done'. ${operators} (line 2, character 14)`);
  });
});
