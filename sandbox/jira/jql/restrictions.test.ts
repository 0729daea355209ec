import { describe, expect, it } from 'vitest';
import { compileJql, parseJql } from './index';
import { CTX, SCHEMA } from './test-fixtures';

const restrictions = (jql: string): unknown => compileJql(parseJql(jql), SCHEMA, CTX).restrictions;

describe('restrictions', () => {
  it('is empty without a WHERE clause or without narrowing clauses', () => {
    expect(restrictions('')).toEqual({});
    expect(restrictions('ORDER BY key')).toEqual({});
    expect(restrictions('status = Done')).toEqual({});
  });

  it('extracts keys from = and in, canonicalised', () => {
    expect(restrictions('key = sup-1')).toEqual({ keys: ['SUP-1'] });
    expect(restrictions('issuekey in (SUP-1, "sup-2", SUP-1)')).toEqual({ keys: ['SUP-1', 'SUP-2'] });
    expect(restrictions('issue = SUP-07')).toEqual({ keys: ['SUP-7'] });
  });

  it('extracts ids and projects as written', () => {
    expect(restrictions('id in (10001, 10002)')).toEqual({ ids: ['10001', '10002'] });
    expect(restrictions('project = "Support"')).toEqual({ projects: ['Support'] });
    expect(restrictions('project in (SUP, 10001, ops)')).toEqual({ projects: ['SUP', '10001', 'ops'] });
  });

  it('combines kinds and ignores other conjuncts', () => {
    expect(restrictions('project = SUP AND status = Done AND key in (SUP-1, SUP-2) ORDER BY key')).toEqual({
      projects: ['SUP'],
      keys: ['SUP-1', 'SUP-2'],
    });
  });

  it('descends into nested conjunctions', () => {
    expect(restrictions('(project = SUP AND (id = 10001 AND status = Done))')).toEqual({ projects: ['SUP'], ids: ['10001'] });
  });

  it('intersects repeated kinds, possibly to nothing', () => {
    expect(restrictions('key in (SUP-1, SUP-2) AND key in (sup-2, SUP-3)')).toEqual({ keys: ['SUP-2'] });
    expect(restrictions('project = SUP AND project = OPS')).toEqual({ projects: [] });
    expect(restrictions('project in (SUP, OPS) AND project = sup')).toEqual({ projects: ['SUP'] });
  });

  it('ignores clauses under OR or NOT and non-equality operators', () => {
    expect(restrictions('key = SUP-1 OR key = SUP-2')).toEqual({});
    expect(restrictions('NOT key = SUP-1')).toEqual({});
    expect(restrictions('project = SUP AND (key = SUP-1 OR status = Done)')).toEqual({ projects: ['SUP'] });
    expect(restrictions('key != SUP-1 AND key not in (SUP-2) AND key > SUP-3 AND id >= 10')).toEqual({});
  });

  it('ignores clauses whose operands are not plain literals', () => {
    expect(restrictions('project in (SUP, EMPTY)')).toEqual({});
    expect(restrictions('project is EMPTY')).toEqual({});
    expect(restrictions('project = currentUser()')).toEqual({});
  });

  it('ignores other issuekey-typed fields', () => {
    expect(restrictions('parent = SUP-100')).toEqual({});
  });

  it('recognises the catalog spelling of the key field', () => {
    const schema = { fields: [{ id: 'issuekey', names: ['key', 'issuekey', 'issue'], type: 'issuekey' as const }] };
    expect(compileJql(parseJql('key = SUP-1'), schema, CTX).restrictions).toEqual({ keys: ['SUP-1'] });
  });
});
