/**
 * Fuzzing the migration requests one side asks the other over the partner channel (index, snapshot,
 * apply, pairs, create) and their answers, plus the partner's catalog and acknowledgement: each parses
 * into a value that can be kept and sent on (cloned, written as JSON) or is refused naming the problem.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sup } from '../../../test/support/fuzz-config';
import { expectNoPollution, expectPlainTree, fuzz, PROPERTY_TIMEOUT_MS, timed } from '../../../test/support/fuzz';
import { adfBody, changes, hostileLike } from '../../../test/support/fuzz-messages';
import { ProjectCatalog } from '../../domain/config/catalog';
import { describeIssues, PartnerAck } from '../../domain/notices';
import { Requests } from './partner';

const values = { summary: 'Login fails', description: { adf: adfBody }, labels: ['a'], customfield_1: 3, assignee: { user: { accountId: 'acc-1' } }, duedate: null };
const entry = { issueId: '20077', originKey: 'SUP-12', values, status: { id: '3', name: 'In Progress' } };

const cases = [
  { name: 'index ask', schema: Requests.index.ask, valid: { v: 1, cursor: 'abc', field: 'customfield_10050', bySyncFilter: true, updatedSince: 1_790_000_000_000 } },
  { name: 'index answer', schema: Requests.index.answer, valid: { issues: [{ id: '20077', key: 'DEV-7', value: 'ACME' }, { id: '20078', key: 'DEV-8', value: null }], cursor: 'next' } },
  { name: 'snapshot ask', schema: Requests.snapshot.ask, valid: { v: 1, issueIds: ['20077', '20078'], fields: ['summary'], anyDirection: false, status: true } },
  { name: 'snapshot answer', schema: Requests.snapshot.answer, valid: { issues: [{ id: '20077', key: 'DEV-7', originKey: 'SUP-12', values, status: { id: '3', name: 'Done' } }] } },
  { name: 'apply ask', schema: Requests.apply.ask, valid: { v: 1, entries: [entry], write: true, anyDirection: false } },
  { name: 'apply answer', schema: Requests.apply.answer, valid: { results: [{ issueId: '20077', key: 'DEV-7', differing: ['summary'], written: true }, { issueId: '20078', key: 'DEV-8', differing: [], written: false, error: 'gone' }] } },
  { name: 'pairs ask', schema: Requests.pairs.ask, valid: { v: 1, pairs: [{ localId: '10042', localKey: 'SUP-12', partnerId: '20077', partnerKey: 'DEV-7' }] } },
  { name: 'pairs answer', schema: Requests.pairs.answer, valid: { stored: 1 } },
  { name: 'create ask', schema: Requests.create.ask, valid: { v: 1, side: 'SUP<beta/DEV', items: [{ origin: { issueId: '10042', key: 'SUP-12' }, at: 1_790_000_000_000, change: changes.issue }] } },
  { name: 'create answer', schema: Requests.create.answer, valid: { results: [{ originId: '10042', issueId: '20077', key: 'DEV-7', existed: true }, { originId: '10043', error: 'refused' }] } },
  { name: 'partner catalog', schema: ProjectCatalog, valid: sup },
  { name: 'partner acknowledgement', schema: PartnerAck, valid: { accepted: '10042-3', duplicate: false } },
] as const;

describe('partner channel requests and answers under fuzzing', () => {
  it.each(cases)('a $name parses into a value that can be kept and sent on, or is refused naming the problem', ({ schema, valid }) => {
    expect(schema.safeParse(valid).success).toBe(true);
    fuzz(fc.property(hostileLike(valid), (raw) => {
      const parsed = timed(() => (schema as { safeParse: (v: unknown) => { success: boolean; data?: unknown; error?: unknown } }).safeParse(raw));
      expectNoPollution();
      if (!parsed.success) {
        expect(describeIssues(parsed.error as never)).toMatch(/\S/);
        return;
      }
      expectPlainTree(parsed.data);
      // Answers are stored in job texts and asks are answered with JSON: both must survive the trip.
      structuredClone(parsed.data);
      const text = timed(() => JSON.stringify(parsed.data));
      expect(JSON.stringify((schema as { parse: (v: unknown) => unknown }).parse(JSON.parse(text)))).toBe(text);
    }));
  }, PROPERTY_TIMEOUT_MS);
});
