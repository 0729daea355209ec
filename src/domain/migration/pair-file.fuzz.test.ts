/**
 * Fuzzing the pair file reader (Lockstep JSON, Backbone's download, CSV): every file Lockstep writes reads
 * back as the same pairs; hostile files and mutations of valid ones give claims of this sync's projects
 * or a capped list of problems naming the line or entry, never an exception, in bounded time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  expectFileAnswer, expectLinear, fuzz, hostileText, limitFor, mutatedCsv, mutatedJson, PROPERTY_TIMEOUT_MS, timed,
} from '../../../test/support/fuzz';
import type { Pair } from '../../ports/pairs';
import { pairListCsvHead, pairListCsvRows, pairListJsonEntries, pairListJsonHead, pairListJsonTail, parsePairFile, type PairFileResult } from './pair-file';

const sync = { localProjectKey: 'SUP', partnerProjectKey: 'DEV' };
const swapped = { localProjectKey: 'DEV', partnerProjectKey: 'SUP' };

const pairArb = fc.record({
  n: fc.integer({ min: 1, max: 99_999 }), m: fc.integer({ min: 1, max: 99_999 }),
  localId: fc.stringMatching(/^[1-9]\d{0,17}$/), partnerId: fc.stringMatching(/^[1-9]\d{0,17}$/),
  status: fc.constantFrom('active' as const, 'error' as const, 'deleted' as const),
}).map(({ n, m, localId, partnerId, status }): Pair => ({
  connectionId: 'c-1', localIssueId: localId, localIssueKey: `SUP-${n}`, partnerIssueId: partnerId, partnerIssueKey: `DEV-${m}`,
  firstSyncAt: '2026-11-01T08:00:00.000Z', lastSentAt: null, lastReceivedAt: '2026-11-20T10:00:00.000Z', lastError: null, status,
}));
const pairsArb = fc.array(pairArb, { minLength: 1, maxLength: 40 });

function jsonFile(pairs: readonly Pair[], chunk: number, local = 'SUP', partner = 'DEV'): string {
  let out = pairListJsonHead({ exportedAt: '2026-11-21T09:30:00.000Z', sync: { id: 'c-1', local: { projectKey: local }, partner: { site: 'beta', projectKey: partner } }, total: pairs.length });
  for (let i = 0; i < pairs.length; i += chunk) out += pairListJsonEntries(pairs.slice(i, i + chunk), i === 0);
  return out + pairListJsonTail();
}
const csvFile = (pairs: readonly Pair[]) => pairListCsvHead() + pairListCsvRows(pairs);

const lockstepDoc = JSON.parse(jsonFile([
  { connectionId: 'c-1', localIssueId: '10001', localIssueKey: 'SUP-1', partnerIssueId: '20001', partnerIssueKey: 'DEV-7', firstSyncAt: '2026-11-01T08:00:00.000Z', lastSentAt: null, lastReceivedAt: null, lastError: null, status: 'active' },
  { connectionId: 'c-1', localIssueId: '10002', localIssueKey: 'SUP-2', partnerIssueId: '20002', partnerIssueKey: 'DEV-8', firstSyncAt: '2026-11-01T08:00:00.000Z', lastSentAt: null, lastReceivedAt: null, lastError: null, status: 'active' },
], 1)) as unknown;
const entry = (id: number, local: string, remote: string) => ({ id, connectorKey: 'abc', localIssueKey: local, remoteIssueKey: remote, firstSyncDate: 1_700_000_000_000, lastIncomingChange: null });
const backboneDoc = {
  firstConnector: [entry(1, 'SUP-1', 'DEV-7'), entry(2, 'SUP-2', 'DEV-8')],
  secondConnector: [entry(3, 'DEV-7', 'SUP-1'), entry(4, 'DEV-9', 'SUP-3')],
};
const csvRows = [['local_key', 'partner_key', 'local_id', 'partner_id'], ['SUP-1', 'DEV-7', '10001', '20001'], ['SUP-2', 'DEV-8', '10002', '20002'], ['sup-3', ' DEV-9 ', '', '']];
const positionalRows = [['SUP-1', 'DEV-7'], ['DEV-8', 'SUP-2']];

const anyFile = fc.oneof(
  { arbitrary: hostileText, weight: 3 },
  { arbitrary: mutatedJson(lockstepDoc), weight: 2 },
  { arbitrary: mutatedJson(backboneDoc), weight: 2 },
  { arbitrary: mutatedCsv(csvRows), weight: 2 },
  { arbitrary: mutatedCsv(positionalRows), weight: 1 },
);

const lineCount = (text: string) => text.split('\n').length;

/** What every answer must be: claims of this sync's projects, or problems a person can act on. */
function expectSound(result: PairFileResult, text: string): void {
  if (!expectFileAnswer(result) || !result.ok) return;
  expect(result.claims.length).toBeGreaterThan(0);
  // Checked in plain code, not one expect per claim: a grown file holds 100,000 of them.
  const lines = lineCount(text);
  const bad = result.claims.find((c) => !/^SUP-\d+$/.test(c.localKey) || !/^DEV-\d+$/.test(c.partnerKey)
    || (c.localId !== undefined && !/^\d{1,18}$/.test(c.localId)) || (c.partnerId !== undefined && !/^\d{1,18}$/.test(c.partnerId))
    || (c.line !== null && c.line > lines));
  expect(bad).toBeUndefined();
}

const expectedClaims = (pairs: readonly Pair[], swap = false) => pairs.map((p) => (swap
  ? { localKey: p.partnerIssueKey, partnerKey: p.localIssueKey, localId: p.partnerIssueId, partnerId: p.localIssueId }
  : { localKey: p.localIssueKey, partnerKey: p.partnerIssueKey, localId: p.localIssueId, partnerId: p.partnerIssueId }));
const claimed = (result: PairFileResult) => (result.ok ? result.claims.map(({ localKey, partnerKey, localId, partnerId }) => ({ localKey, partnerKey, localId, partnerId })) : result.problems);

describe('parsePairFile under fuzzing', () => {
  it('answers any file with claims of this sync or problems naming where, in bounded time', () => {
    fuzz(fc.property(anyFile, (text) => {
      expectSound(timed(() => parsePairFile(text, sync), limitFor(text.length)), text);
    }));
  }, PROPERTY_TIMEOUT_MS);

  it('reads back every pair list Lockstep writes, from either side, as JSON and as CSV', () => {
    fuzz(fc.property(pairsArb, fc.integer({ min: 1, max: 50 }), (pairs, chunk) => {
      expect(claimed(parsePairFile(jsonFile(pairs, chunk), sync))).toEqual(expectedClaims(pairs));
      expect(claimed(parsePairFile(csvFile(pairs), sync))).toEqual(expectedClaims(pairs));
      // The partner's own download, read on this side: every pair turned round.
      expect(claimed(parsePairFile(jsonFile(pairs, chunk), swapped))).toEqual(expectedClaims(pairs, true));
      expect(claimed(parsePairFile(csvFile(pairs), swapped))).toEqual(expectedClaims(pairs, true));
    }), 0.3);
  }, PROPERTY_TIMEOUT_MS);

  it('costs linear time in the number of rows, good or bad', () => {
    const read = (t: string) => parsePairFile(t, sync);
    expectLinear((n) => Array.from({ length: n }, (_, i) => `SUP-${i + 1},DEV-${i + 1}`).join('\n'), read, 5_000);
    expectLinear((n) => Array.from({ length: n }, (_, i) => `XYZ-${i + 1},nonsense`).join('\n'), read, 5_000);
    expectLinear((n) => `{"firstConnector":[${Array.from({ length: n }, (_, i) => `{"localIssueKey":"SUP-${i + 1}","remoteIssueKey":"DEV-${i % 50}"}`).join(',\n')}],"secondConnector":[${Array.from({ length: n }, (_, i) => `{"localIssueKey":"DEV-${i % 50}","remoteIssueKey":"SUP-${i + 1}"}`).join(',\n')}]}`, read, 2_000);
    expectLinear((n) => `{"format":"lockstep.pairs","version":1,"sync":{"local":{"projectKey":"SUP"},"partner":{"projectKey":"DEV"}},"pairs":[${'{"local":{"key":7}},\n'.repeat(n)}1]}`, read, 5_000);
  });
});
