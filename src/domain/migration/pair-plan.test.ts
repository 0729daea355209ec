import { describe, expect, it } from 'vitest';
import { indexIssues, matchByField, matchByKey, MAX_COMBINATIONS_PER_VALUE, planPairs } from './pair-plan';
import type { ExistingPair, IndexedIssue, PairClaim } from './types';

const names = { local: 'SUP', partner: 'DEV' };

/** Issue n of a project: key `<project>-n`, id `<base + n>`. */
const sup = (n: number, base = 10_000): IndexedIssue => ({ id: String(base + n), key: `SUP-${n}` });
const dev = (n: number, base = 20_000): IndexedIssue => ({ id: String(base + n), key: `DEV-${n}` });
const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

const local = indexIssues(range(20).map((n) => sup(n)));
const partner = indexIssues(range(20).map((n) => dev(n)));

/** A file claim on `line`, keys only unless ids are given. */
const claim = (line: number, localKey: string, partnerKey: string, ids: { localId?: string; partnerId?: string } = {}): PairClaim => ({
  line, source: `line ${line}`, localKey, partnerKey, ...ids,
});
const pairOf = (l: IndexedIssue, p: IndexedIssue): ExistingPair => ({ localId: l.id, localKey: l.key, partnerId: p.id, partnerKey: p.key });

describe('planPairs', () => {
  it('pairs two unpaired issues, with their current ids', () => {
    const plan = planPairs([claim(2, 'SUP-3', 'DEV-3')], local, partner, [], names);
    expect(plan.rows).toEqual([{
      line: 2, source: 'line 2', category: 'pair', localKey: 'SUP-3', partnerKey: 'DEV-3', localId: '10003', partnerId: '20003', reason: 'will pair SUP-3 with DEV-3',
    }]);
    expect(plan.counts).toEqual({ pair: 1, paired: 0, 'missing-local': 0, 'missing-partner': 0, conflict: 0 });
  });

  it('reports a pair that already exists exactly so as paired', () => {
    const plan = planPairs([claim(2, 'SUP-3', 'DEV-3')], local, partner, [pairOf(sup(3), dev(3))], names);
    expect(plan.rows[0]).toMatchObject({ category: 'paired', reason: 'SUP-3 is already paired with DEV-3' });
  });

  it('names the missing key, its project and the line', () => {
    const plan = planPairs([
      claim(2, 'SUP-99', 'DEV-3'),
      claim(3, 'SUP-3', 'DEV-99'),
      claim(4, 'SUP-98', 'DEV-98'),
    ], local, partner, [], names);
    expect(plan.rows.map((r) => [r.category, r.localId, r.partnerId, r.reason])).toEqual([
      ['missing-local', null, '20003', 'SUP-99 does not exist in SUP (line 2)'],
      ['missing-partner', '10003', null, 'DEV-99 does not exist in DEV (line 3)'],
      ['missing-local', null, null, 'SUP-98 does not exist in SUP, nor DEV-98 in DEV (line 4)'],
    ]);
    expect(plan.counts).toMatchObject({ 'missing-local': 2, 'missing-partner': 1 });
  });

  it('finds by id an issue whose key changed, and says so', () => {
    const plan = planPairs([claim(2, 'SUP-77', 'DEV-4', { localId: '10004', partnerId: '20004' })], local, partner, [], names);
    expect(plan.rows[0]).toMatchObject({
      category: 'pair', localKey: 'SUP-77', localId: '10004', partnerId: '20004', reason: 'will pair SUP-4 with DEV-4 (SUP-77 is now SUP-4)',
    });
  });

  it('trusts the key over the id: after a migration the id may belong to nothing, or to another issue', () => {
    const plan = planPairs([claim(2, 'SUP-5', 'DEV-5', { localId: '10006', partnerId: '99999' })], local, partner, [], names);
    expect(plan.rows[0]).toMatchObject({ category: 'pair', localId: '10005', partnerId: '20005' });
  });

  it('reports an exact repeat as a duplicate and leaves the first claim alone', () => {
    const plan = planPairs([
      claim(2, 'SUP-3', 'DEV-3'),
      claim(5, 'SUP-3', 'DEV-3'),
      // The same pair again, one side named by a stale key but a current id.
      claim(6, 'SUP-70', 'DEV-3', { localId: '10003' }),
    ], local, partner, [], names);
    expect(plan.rows.map((r) => [r.category, r.reason])).toEqual([
      ['pair', 'will pair SUP-3 with DEV-3'],
      ['conflict', 'duplicate of line 2'],
      ['conflict', 'duplicate of line 2'],
    ]);
  });

  it('marks both claims when a local issue is claimed with two partners', () => {
    const plan = planPairs([claim(9, 'SUP-3', 'DEV-4'), claim(12, 'SUP-3', 'DEV-5'), claim(13, 'SUP-6', 'DEV-6')], local, partner, [], names);
    expect(plan.rows.map((r) => [r.category, r.reason])).toEqual([
      ['conflict', 'SUP-3 is also claimed by line 12 (with DEV-5)'],
      ['conflict', 'SUP-3 is also claimed by line 9 (with DEV-4)'],
      ['pair', 'will pair SUP-6 with DEV-6'],
    ]);
    expect(plan.counts).toMatchObject({ conflict: 2, pair: 1 });
  });

  it('marks both claims when a partner issue is claimed with two local issues, and a third against both sides', () => {
    const plan = planPairs([
      claim(2, 'SUP-1', 'DEV-1'),
      claim(3, 'SUP-2', 'DEV-1'),
      claim(4, 'SUP-1', 'DEV-2'),
    ], local, partner, [], names);
    expect(plan.rows.map((r) => [r.category, r.reason])).toEqual([
      ['conflict', 'DEV-1 is also claimed by line 3 (with SUP-2)'],
      ['conflict', 'DEV-1 is also claimed by line 2 (with SUP-1)'],
      ['conflict', 'SUP-1 is also claimed by line 2 (with DEV-1)'],
    ]);
  });

  it('marks an earlier claim that was already paired as a conflict too: which one is right is the admin\'s call', () => {
    const plan = planPairs([claim(2, 'SUP-3', 'DEV-3'), claim(3, 'SUP-3', 'DEV-9')], local, partner, [pairOf(sup(3), dev(3))], names);
    expect(plan.rows.map((r) => r.category)).toEqual(['conflict', 'conflict']);
    expect(plan.counts.paired).toBe(0);
  });

  it('reports an issue already paired with another, on either side, by its current key', () => {
    const existing = [pairOf(sup(3), dev(9)), pairOf(sup(8), dev(4)), { ...pairOf(sup(11), dev(12)), partnerKey: 'DEV-OLD' }];
    const plan = planPairs([claim(12, 'SUP-3', 'DEV-10'), claim(13, 'SUP-5', 'DEV-4'), claim(14, 'SUP-8', 'DEV-9'), claim(15, 'SUP-11', 'DEV-13')], local, partner, existing, names);
    expect(plan.rows.map((r) => [r.category, r.reason])).toEqual([
      ['conflict', 'SUP-3 is already paired with DEV-9'],
      ['conflict', 'DEV-4 is already paired with SUP-8'],
      ['conflict', 'SUP-8 is already paired with DEV-4; DEV-9 is already paired with SUP-3'],
      ['conflict', 'SUP-11 is already paired with DEV-12'],
    ]);
  });

  it('rewrites a pair recorded under ids that no longer exist when its keys name the same issues', () => {
    const staleLocal: ExistingPair = { localId: '555', localKey: 'SUP-3', partnerId: '20003', partnerKey: 'DEV-3' };
    const staleOther: ExistingPair = { localId: '556', localKey: 'SUP-77', partnerId: '20004', partnerKey: 'DEV-4' };
    const plan = planPairs([claim(2, 'SUP-3', 'DEV-3'), claim(3, 'SUP-4', 'DEV-4')], local, partner, [staleLocal, staleOther], names);
    expect(plan.rows.map((r) => [r.category, r.reason])).toEqual([
      ['pair', 'will pair SUP-3 with DEV-3 (replaces the pair recorded under old ids)'],
      ['conflict', 'DEV-4 is already paired with SUP-77'],
    ]);
  });

  it('counts every category, keeping file order', () => {
    const plan = planPairs([
      claim(1, 'SUP-1', 'DEV-1'), // pair
      claim(2, 'SUP-2', 'DEV-2'), // paired
      claim(3, 'SUP-99', 'DEV-3'), // missing-local
      claim(4, 'SUP-4', 'DEV-99'), // missing-partner
      claim(5, 'SUP-1', 'DEV-1'), // conflict (duplicate)
    ], local, partner, [pairOf(sup(2), dev(2))], names);
    expect(plan.rows.map((r) => r.line)).toEqual([1, 2, 3, 4, 5]);
    expect(plan.counts).toEqual({ pair: 1, paired: 1, 'missing-local': 1, 'missing-partner': 1, conflict: 1 });
  });

  it('plans the migration case: every local id changed, keys kept, claims carrying the old ids → all pair', () => {
    const n = 100_000;
    const migrated = indexIssues(range(n).map((i) => sup(i, 7_000_000)));
    const partnerSide = indexIssues(range(n).map((i) => dev(i)));
    const claims = range(n).map((i) => claim(i + 1, `SUP-${i}`, `DEV-${i}`, { localId: sup(i).id, partnerId: dev(i).id }));
    const plan = planPairs(claims, migrated, partnerSide, [], names);
    expect(plan.counts).toEqual({ pair: n, paired: 0, 'missing-local': 0, 'missing-partner': 0, conflict: 0 });
    expect(plan.rows.every((r, i) => r.localId === String(7_000_000 + i + 1) && r.partnerId === String(20_000 + i + 1))).toBe(true);
    expect(plan.rows[41]!.reason).toBe('will pair SUP-42 with DEV-42');
  });

  it('plans 100,000 claims against 100,000 existing pairs', () => {
    const n = 100_000;
    const l = indexIssues(range(2 * n).map((i) => sup(i, 1_000_000)));
    const p = indexIssues(range(2 * n).map((i) => dev(i, 3_000_000)));
    const existing = range(n).map((i) => pairOf(sup(i, 1_000_000), dev(i, 3_000_000)));
    const claims: PairClaim[] = [];
    const add = (localKey: string, partnerKey: string) => claims.push(claim(claims.length + 1, localKey, partnerKey));
    for (let i = 1; i <= 40_000; i++) add(`SUP-${i}`, `DEV-${i}`); // paired
    for (let i = n + 1; i <= n + 40_000; i++) add(`SUP-${i}`, `DEV-${i}`); // pair
    for (let i = 1; i <= 10_000; i++) add(`SUP-${5 * n + i}`, `DEV-${n + 50_000 + i}`); // missing-local
    for (let i = 1; i <= 5_000; i++) add(`SUP-${n + 60_000 + i}`, `DEV-${40_000 + i}`); // conflict: partner already paired
    for (let i = 1; i <= 5_000; i++) add(`SUP-${n + i}`, `DEV-${n + i}`); // conflict: duplicates of pair claims
    expect(claims).toHaveLength(n);
    const plan = planPairs(claims, l, p, existing, names);
    expect(plan.counts).toEqual({ pair: 40_000, paired: 40_000, 'missing-local': 10_000, 'missing-partner': 0, conflict: 10_000 });
    expect(plan.rows[0]).toMatchObject({ category: 'paired', localId: '1000001', partnerId: '3000001' });
    expect(plan.rows[40_000]).toMatchObject({ category: 'pair', reason: `will pair SUP-${n + 1} with DEV-${n + 1}` });
    expect(plan.rows[80_000]).toMatchObject({ category: 'missing-local', reason: `SUP-${5 * n + 1} does not exist in SUP (line 80001)` });
    expect(plan.rows[90_000]).toMatchObject({ category: 'conflict', reason: `DEV-40001 is already paired with SUP-40001` });
    expect(plan.rows[95_000]).toMatchObject({ category: 'conflict', reason: 'duplicate of line 40001' });
  });
});

describe('matchByKey', () => {
  it('claims every local issue whose key exists on the partner', () => {
    const claims = matchByKey(
      [{ id: '1', key: 'APP-1' }, { id: '2', key: 'APP-2' }, { id: '3', key: 'APP-3' }],
      [{ id: '91', key: 'APP-3' }, { id: '92', key: 'APP-1' }, { id: '93', key: 'APP-4' }],
    );
    expect(claims).toEqual([
      { line: null, source: 'same key', localKey: 'APP-1', partnerKey: 'APP-1', localId: '1', partnerId: '92' },
      { line: null, source: 'same key', localKey: 'APP-3', partnerKey: 'APP-3', localId: '3', partnerId: '91' },
    ]);
    const plan = planPairs(claims, indexIssues([{ id: '1', key: 'APP-1' }, { id: '3', key: 'APP-3' }]), indexIssues([{ id: '91', key: 'APP-3' }, { id: '92', key: 'APP-1' }]), [], { local: 'APP', partner: 'APP' });
    expect(plan.counts.pair).toBe(2);
  });
});

describe('matchByField', () => {
  it('pairs equal values, trimmed and case-insensitive; empty values match nothing', () => {
    const claims = matchByField(
      [{ ...sup(1), value: ' ACME ' }, { ...sup(2), value: '' }, { ...sup(3), value: null }, { ...sup(4), value: 'Globex' }, { ...sup(5), value: '   ' }, sup(6)],
      [{ ...dev(1), value: 'acme' }, { ...dev(2), value: '' }, { ...dev(3), value: null }, { ...dev(5), value: '  ' }, { ...dev(7), value: 'Initech' }],
      'Customer',
    );
    expect(claims).toEqual([{ line: null, source: 'Customer = "ACME"', localKey: 'SUP-1', partnerKey: 'DEV-1', localId: '10001', partnerId: '20001' }]);
  });

  it('claims every combination of a shared value, which the planner reports as conflicts', () => {
    const claims = matchByField(
      [{ ...sup(1), value: 'ACME' }, { ...sup(2), value: 'acme' }, { ...sup(3), value: 'Globex' }],
      [{ ...dev(1), value: 'Acme' }, { ...dev(3), value: 'globex' }],
      'Customer',
    );
    expect(claims.map((c) => [c.source, c.localKey, c.partnerKey])).toEqual([
      ['Customer = "ACME"', 'SUP-1', 'DEV-1'],
      ['Customer = "ACME"', 'SUP-2', 'DEV-1'],
      ['Customer = "Globex"', 'SUP-3', 'DEV-3'],
    ]);
    const plan = planPairs(claims, local, partner, [], names);
    expect(plan.rows.map((r) => [r.category, r.reason])).toEqual([
      ['conflict', 'DEV-1 is also claimed by Customer = "ACME" (with SUP-2)'],
      ['conflict', 'DEV-1 is also claimed by Customer = "ACME" (with SUP-1)'],
      ['pair', 'will pair SUP-3 with DEV-3'],
    ]);
  });

  it(`caps the combinations of one value at ${MAX_COMBINATIONS_PER_VALUE} and says so`, () => {
    const claims = matchByField(
      range(12).map((n) => ({ ...sup(n), value: 'ACME' })),
      range(10).map((n) => ({ ...dev(n), value: 'acme' })),
      'Customer',
    );
    expect(claims).toHaveLength(MAX_COMBINATIONS_PER_VALUE);
    expect(new Set(claims.map((c) => c.source))).toEqual(new Set(['Customer = "ACME" (first 50 of 120 combinations)']));
    const plan = planPairs(claims, local, partner, [], names);
    expect(plan.counts.conflict).toBe(MAX_COMBINATIONS_PER_VALUE);
  });
});
