import { describe, expect, it } from 'vitest';
import { compileJql, parseJql } from './index';
import { CTX, ISSUES, SCHEMA, search } from './test-fixtures';

describe('compileJql: boolean structure', () => {
  it('matches everything without a WHERE clause', () => {
    expect(search('')).toEqual(['SUP-1', 'SUP-2', 'SUP-10', 'OPS-3']);
    expect(search('ORDER BY key')).toEqual(['SUP-1', 'SUP-2', 'SUP-10', 'OPS-3']);
  });

  it('combines clauses with AND and OR using Jira precedence', () => {
    expect(search('project = SUP AND status = Done')).toEqual(['SUP-2']);
    expect(search('project = SUP OR status = Done')).toEqual(['SUP-1', 'SUP-2', 'SUP-10', 'OPS-3']);
    expect(search('status = Done OR type = Bug AND assignee = acc-bob')).toEqual(['SUP-2', 'SUP-10', 'OPS-3']);
    expect(search('(status = Done OR type = Bug) AND assignee = acc-bob')).toEqual(['SUP-10']);
    expect(search('project = OPS && labels = urgent || key = SUP-2')).toEqual(['SUP-2', 'OPS-3']);
  });

  it('NOT binds tighter than AND', () => {
    expect(search('NOT status = Done AND type = Bug')).toEqual(['SUP-1', 'SUP-10']);
    expect(search('NOT (status = Done AND type = Task)')).toEqual(['SUP-1', 'SUP-10']);
    expect(search('NOT NOT status = Done')).toEqual(['SUP-2', 'OPS-3']);
    expect(search('!status = Done')).toEqual(['SUP-1', 'SUP-10']);
  });

  it('pushes NOT down like Jira, so negations never match EMPTY values', () => {
    expect(search('NOT assignee = acc-bob')).toEqual(['SUP-1', 'OPS-3']);
    expect(search('NOT (assignee = acc-bob OR status = Done)')).toEqual(['SUP-1']);
    expect(search('NOT assignee is EMPTY')).toEqual(['SUP-1', 'SUP-10', 'OPS-3']);
    expect(search('NOT assignee is not EMPTY')).toEqual(['SUP-2']);
    expect(search('NOT "Story Points" > 4')).toEqual(['SUP-2']);
    expect(search('NOT "Story Points" <= 4')).toEqual(['SUP-1', 'OPS-3']);
    expect(search('NOT summary ~ login')).toEqual(['SUP-2', 'SUP-10', 'OPS-3']);
    expect(search('NOT assignee in (acc-bob, EMPTY)')).toEqual(['SUP-1', 'OPS-3']);
    expect(search('assignee is EMPTY OR NOT assignee = acc-bob')).toEqual(['SUP-1', 'SUP-2', 'OPS-3']);
  });

  it('treats keywords, field names and function names case-insensitively', () => {
    expect(search('PROJECT = sup and STATUS Not In (done) oRdEr By KEY')).toEqual(['SUP-1', 'SUP-10']);
    expect(search('ASSIGNEE = CURRENTUSER()')).toEqual(['SUP-1', 'OPS-3']);
  });

  it('reports hasOrderBy and a neutral comparator without ORDER BY', () => {
    const plain = compileJql(parseJql('project = SUP'), SCHEMA, CTX);
    expect(plain.hasOrderBy).toBe(false);
    expect(plain.compare(ISSUES['SUP-1']!, ISSUES['SUP-2']!)).toBe(0);
    expect(compileJql(parseJql('ORDER BY key'), SCHEMA, CTX).hasOrderBy).toBe(true);
  });

  it('validates every clause, even ones that short-circuit', () => {
    expect(() => compileJql(parseJql('key = SUP-1 OR foo = 1'), SCHEMA, CTX)).toThrow(/Field 'foo' does not exist/);
  });

  it('can be reused for many issues', () => {
    const compiled = compileJql(parseJql('labels = urgent ORDER BY key DESC'), SCHEMA, CTX);
    const found = Object.values(ISSUES).filter((issue) => compiled.matches(issue)).sort(compiled.compare);
    expect(found.map((issue) => issue.sortValue('key'))).toEqual(['SUP-1', 'OPS-3']);
  });
});
