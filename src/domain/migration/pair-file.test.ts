import { describe, expect, it } from 'vitest';
import type { Pair } from '../../ports/pairs';
import {
  PAIRS_FORMAT, pairListCsvHead, pairListCsvRows, pairListFileName, pairListJsonEntries, pairListJsonHead, pairListJsonTail, parsePairFile,
  type PairListMeta,
} from './pair-file';
import type { PairClaim } from './types';

const sync = { localProjectKey: 'SUP', partnerProjectKey: 'DEV' };

const pair = (n: number, change: Partial<Pair> = {}): Pair => ({
  connectionId: 'conn-1',
  localIssueId: String(10_000 + n),
  localIssueKey: `SUP-${n}`,
  partnerIssueId: String(20_000 + n),
  partnerIssueKey: `DEV-${n + 100}`,
  firstSyncAt: '2026-11-01T08:00:00.000Z',
  lastSentAt: '2026-11-20T10:00:00.000Z',
  lastReceivedAt: null,
  lastError: null,
  status: 'active',
  ...change,
});

const meta = (local = 'SUP', partner = 'DEV', total = 3): PairListMeta => ({
  exportedAt: '2026-11-21T09:30:00.000Z',
  sync: { id: 'conn-1', local: { projectKey: local }, partner: { site: 'beta', projectKey: partner } },
  total,
});

/** A Lockstep JSON export written the way the download streams it: head, chunks, tail. */
const jsonFile = (pairs: Pair[], m = meta(), chunk = 2): string => {
  let out = pairListJsonHead(m);
  for (let i = 0; i < pairs.length; i += chunk) out += pairListJsonEntries(pairs.slice(i, i + chunk), i === 0);
  return out + pairListJsonTail();
};

const claims = (text: string) => {
  const result = parsePairFile(text, sync);
  if (!result.ok) throw new Error(`unexpected problems: ${JSON.stringify(result.problems)}`);
  return result;
};
const problems = (text: string) => {
  const result = parsePairFile(text, sync);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
};
const keys = (list: PairClaim[]) => list.map((c) => `${c.localKey}>${c.partnerKey}`);

describe('pair list JSON export', () => {
  const pairs = [pair(1), pair(2, { lastReceivedAt: '2026-11-20T11:00:00.000Z', status: 'error' }), pair(3)];
  const text = jsonFile(pairs);

  it('is one JSON document with one pair per line, whatever the chunks', () => {
    const doc = JSON.parse(text);
    expect(doc).toMatchObject({ format: PAIRS_FORMAT, version: 1, exportedAt: '2026-11-21T09:30:00.000Z', total: 3, sync: meta().sync });
    expect(doc.pairs[1]).toEqual({
      local: { id: '10002', key: 'SUP-2' }, partner: { id: '20002', key: 'DEV-102' },
      firstSyncAt: '2026-11-01T08:00:00.000Z', lastSentAt: '2026-11-20T10:00:00.000Z', lastReceivedAt: '2026-11-20T11:00:00.000Z', status: 'error',
    });
    expect(text.split('\n').filter((l) => l.startsWith('    {"local":{'))).toHaveLength(3);
    expect(jsonFile(pairs, meta(), 1)).toBe(text);
    expect(JSON.parse(jsonFile([], meta('SUP', 'DEV', 0))).pairs).toEqual([]);
  });

  it('reads back as claims that name each entry and its line', () => {
    const result = claims(text);
    expect(result.format).toBe('lockstep');
    expect(result.claims[0]).toEqual({ line: 8, source: 'pairs[0] (line 8)', localKey: 'SUP-1', partnerKey: 'DEV-101', localId: '10001', partnerId: '20001' });
    expect(result.claims.map((c) => c.line)).toEqual([8, 9, 10]);
  });

  it("turns the partner side's download around", () => {
    const theirs = jsonFile([pair(1, { localIssueKey: 'DEV-101', localIssueId: '20001', partnerIssueKey: 'SUP-1', partnerIssueId: '10001' })], meta('DEV', 'SUP', 1));
    expect(claims(theirs).claims).toEqual([{ line: 8, source: 'pairs[0] (line 8)', localKey: 'SUP-1', partnerKey: 'DEV-101', localId: '10001', partnerId: '20001' }]);
  });

  it('refuses a list of other projects as a whole', () => {
    expect(problems(jsonFile(pairs, meta('ABC', 'DEF')))).toEqual([{ at: 'sync', message: 'This pair list is for ABC ↔ DEF; this sync pairs SUP with DEV' }]);
    expect(problems(jsonFile(pairs, meta('SUP', 'OPS')))).toEqual([{ at: 'sync', message: 'This pair list is for SUP ↔ OPS; this sync pairs SUP with DEV' }]);
  });

  it('refuses another version', () => {
    expect(problems(text.replace('"version": 1', '"version": 2'))).toEqual([{ at: 'version', message: 'this file is version 2; this Lockstep reads version 1' }]);
  });

  it('says where a truncated file stops', () => {
    const cut = text.slice(0, text.indexOf('SUP-3'));
    expect(problems(cut)).toEqual([{ at: 'line 10', message: 'The file ends early at line 10, column 35: it looks truncated (expected the closing " of the text that starts at line 10, column 34)' }]);
  });

  it('names the entry and line of a bad key', () => {
    const bad = jsonFile([pair(1), pair(2, { partnerIssueKey: 'XYZ-3' }), pair(3, { localIssueKey: 'not a key' }), pair(4, { localIssueKey: 'DEV-9' })]);
    expect(problems(bad)).toEqual([
      { at: 'pairs[1] (line 9)', message: 'XYZ-3 is not an issue of SUP or DEV' },
      { at: 'pairs[2] (line 10)', message: 'local.key is "not a key", not an issue key; expected a key such as SUP-12' },
      { at: 'pairs[3] (line 11)', message: 'local.key holds DEV-9, an issue of DEV; expected an issue of SUP' },
    ]);
  });

  it('emits duplicate pairs and twice-claimed issues: the preview reports them', () => {
    expect(keys(claims(jsonFile([pair(1), pair(1), pair(2, { localIssueKey: 'SUP-1' })])).claims)).toEqual(['SUP-1>DEV-101', 'SUP-1>DEV-101', 'SUP-1>DEV-102']);
  });

  it('reads 100,000 pairs', () => {
    const many = Array.from({ length: 100_000 }, (_, i) => pair(i + 1));
    const result = claims(jsonFile(many, meta('SUP', 'DEV', many.length), 5000));
    expect(result.claims).toHaveLength(100_000);
    expect(result.claims[99_999]).toEqual({ line: 100_007, source: 'pairs[99999] (line 100007)', localKey: 'SUP-100000', partnerKey: 'DEV-100100', localId: '110000', partnerId: '120000' });
  });
});

describe('Backbone synchronized issues', () => {
  const entry = (id: number, local: string, remote: string) => ({
    id, connectorKey: 'abc', localIssueKey: local, remoteIssueKey: remote,
    firstSyncDate: 1_700_000_000_000, lastOutgoingChange: 1_700_000_100_000, lastChangeSeen: 1_700_000_100_000,
    outgoingMessageSequenceId: 4, lastIncomingChange: null, somethingNew: true,
  });
  const file = (first: unknown[], second?: unknown[]) => {
    const block = (list: unknown[]) => `[\n${list.map((e) => `    ${JSON.stringify(e)}`).join(',\n')}\n  ]`;
    return `{\n  "firstConnector": ${block(first)}${second ? `,\n  "secondConnector": ${block(second)}` : ''}\n}\n`;
  };

  it('reads the local block as is and does not repeat the partner block\'s view of the same pairs', () => {
    const result = claims(file([entry(1, 'SUP-1', 'DEV-7'), entry(2, 'SUP-2', 'DEV-8')], [entry(3, 'DEV-7', 'SUP-1'), entry(4, 'DEV-8', 'SUP-2'), entry(5, 'DEV-9', 'SUP-3')]));
    expect(result.format).toBe('backbone');
    expect(result.claims).toEqual([
      { line: 3, source: 'firstConnector[0] (line 3)', localKey: 'SUP-1', partnerKey: 'DEV-7' },
      { line: 4, source: 'firstConnector[1] (line 4)', localKey: 'SUP-2', partnerKey: 'DEV-8' },
      { line: 9, source: 'secondConnector[2] (line 9)', localKey: 'SUP-3', partnerKey: 'DEV-9' },
    ]);
  });

  it('turns a block of the partner project around', () => {
    expect(keys(claims(file([entry(1, 'DEV-7', 'SUP-1')])).claims)).toEqual(['SUP-1>DEV-7']);
    expect(keys(claims(file([entry(1, 'DEV-7', 'SUP-1')], [entry(2, 'SUP-1', 'DEV-7')])).claims)).toEqual(['SUP-1>DEV-7']);
  });

  it('names the block, the entry and the line of each problem', () => {
    expect(problems(file([entry(1, 'SUP-1', 'DEV-7'), entry(2, 'SUP-2', 'XYZ-3'), { id: 3, localIssueKey: 'SUP-4' }, 'junk']))).toEqual([
      { at: 'firstConnector[1] (line 4)', message: 'XYZ-3 is not an issue of SUP or DEV' },
      { at: 'firstConnector[2] (line 5)', message: 'remoteIssueKey is empty; expected an issue key such as DEV-12' },
      { at: 'firstConnector[3] (line 6)', message: 'expected an object with "localIssueKey" and "remoteIssueKey", found "junk"' },
    ]);
  });
});

describe('pair list CSV', () => {
  const pairs = [pair(1), pair(2, { lastError: 'x', status: 'error' })];
  const text = pairListCsvHead() + pairListCsvRows(pairs);

  it('is written with a header and one row per pair', () => {
    expect(text).toBe([
      'local_key,partner_key,local_id,partner_id,first_sync_at,last_sent_at,last_received_at,status',
      'SUP-1,DEV-101,10001,20001,2026-11-01T08:00:00.000Z,2026-11-20T10:00:00.000Z,,active',
      'SUP-2,DEV-102,10002,20002,2026-11-01T08:00:00.000Z,2026-11-20T10:00:00.000Z,,error',
      '',
    ].join('\n'));
    expect(pairListFileName('SUP', 'DEV', '2026-11-21T09:30:00.000Z', 'csv')).toBe('lockstep-pairs-SUP-DEV-2026-11-21.csv');
    expect(pairListFileName('SUP', 'DEV', new Date('2026-11-21T09:30:00.000Z'), 'json')).toBe('lockstep-pairs-SUP-DEV-2026-11-21.json');
  });

  it('quotes values that need it (RFC 4180)', () => {
    expect(pairListCsvRows([pair(1, { localIssueKey: 'SUP-1,"x"' })]).split(',')[0]).toBe('"SUP-1');
    expect(pairListCsvRows([pair(1, { localIssueKey: 'SUP-1,"x"' })])).toMatch(/^"SUP-1,""x""",DEV-101,/);
  });

  it('reads back its own export by column name, with ids', () => {
    const result = claims(text);
    expect(result.format).toBe('csv');
    expect(result.claims).toEqual([
      { line: 2, source: 'line 2', localKey: 'SUP-1', partnerKey: 'DEV-101', localId: '10001', partnerId: '20001' },
      { line: 3, source: 'line 3', localKey: 'SUP-2', partnerKey: 'DEV-102', localId: '10002', partnerId: '20002' },
    ]);
  });

  it("turns the partner side's download around", () => {
    const theirs = 'local_key,partner_key,local_id,partner_id\nDEV-7,SUP-1,20007,10001\n';
    expect(claims(theirs).claims).toEqual([{ line: 2, source: 'line 2', localKey: 'SUP-1', partnerKey: 'DEV-7', localId: '10001', partnerId: '20007' }]);
    expect(keys(claims('DEV-7;SUP-1\nDEV-8;SUP-2').claims)).toEqual(['SUP-1>DEV-7', 'SUP-2>DEV-8']);
  });

  it('takes named columns in any order, and the first two columns otherwise', () => {
    expect(keys(claims('note,partner_key,local_key\nhello,DEV-7,SUP-1\n').claims)).toEqual(['SUP-1>DEV-7']);
    expect(keys(claims('Support ticket,Dev bug\nSUP-1,DEV-7\n').claims)).toEqual(['SUP-1>DEV-7']);
    expect(keys(claims('SUP-1,DEV-7,anything else\nSUP-2,DEV-8').claims)).toEqual(['SUP-1>DEV-7', 'SUP-2>DEV-8']);
  });

  it('handles what spreadsheets and people write: BOM, CRLF, semicolons, quotes, blank lines, comments, lower case', () => {
    const file = '\ufeff# exported by hand\r\n"local_key";"partner_key"\r\n\r\n"SUP-1" ; DEV-7\r\n# SUP-2;DEV-8 is not ready\r\n ; \r\nsup-3;"DEV-9"\r\n';
    expect(claims(file).claims).toEqual([
      { line: 4, source: 'line 4', localKey: 'SUP-1', partnerKey: 'DEV-7' },
      { line: 7, source: 'line 7', localKey: 'SUP-3', partnerKey: 'DEV-9' },
    ]);
    expect(claims('local_key,partner_key,note\nSUP-1,DEV-7,"two\nlines, and ""quotes"""\nSUP-2,DEV-8,\n').claims.map((c) => c.line)).toEqual([2, 4]);
  });

  it('names the line and what was expected for each bad row', () => {
    const file = ['local_key,partner_key', 'SUP-1,DEV-7', 'SUP-2', 'SUP-3,', 'SUP-4,DEV 4', 'DEV-5,DEV-6', 'XYZ-3,DEV-9', 'DEV-10,SUP-11'].join('\n');
    expect(problems(file)).toEqual([
      { at: 'line 3', message: 'expected 2 columns, found 1: partner_key is missing' },
      { at: 'line 4', message: 'partner_key is empty; expected an issue key such as DEV-12' },
      { at: 'line 5', message: 'partner_key is "DEV 4", not an issue key; expected a key such as DEV-12' },
      { at: 'line 6', message: 'local_key holds DEV-5, an issue of DEV; expected an issue of SUP' },
      { at: 'line 7', message: 'XYZ-3 is not an issue of SUP or DEV' },
      { at: 'line 8', message: 'DEV-10 and SUP-11 are the wrong way round: local_key should hold the SUP issue and partner_key the DEV issue' },
    ]);
    expect(problems('SUP-1\nSUP-2,DEV-8')).toEqual([{ at: 'line 1', message: 'expected 2 columns, found 1: column 2 is missing' }]);
    expect(problems('local_key,partner_key,local_id\nSUP-1,DEV-7,abc')).toEqual([{ at: 'line 2', message: 'local_id is "abc", not an issue id; expected digits such as 10042' }]);
  });

  it('refuses a header with one key column, an unclosed quote, and a file with no pairs', () => {
    expect(problems('local_key,partner\nSUP-1,DEV-7')).toEqual([{ at: 'line 1', message: 'the header names local_key but no partner_key column; expected both' }]);
    expect(problems('SUP-1,DEV-7\n"SUP-2,DEV-8\nSUP-3,DEV-9')).toEqual([{ at: 'line 2', message: 'a quoted value starts here and is never closed (expected a closing ")' }]);
    expect(problems(pairListCsvHead())).toEqual([{ at: 'file', message: 'The file lists no pairs' }]);
  });

  it(`lists at most 20 problems and counts the rest`, () => {
    const file = Array.from({ length: 30 }, (_, i) => `SUP-${i + 1},XYZ-${i + 1}`).join('\n');
    const list = problems(file);
    expect(list).toHaveLength(21);
    expect(list[0]).toEqual({ at: 'line 1', message: 'XYZ-1 is not an issue of SUP or DEV' });
    expect(list[20]).toEqual({ at: 'file', message: '… and 10 more' });
  });

  it('reads 100,000 lines', () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => `SUP-${i + 1},DEV-${i + 1}`);
    const result = claims(`local_key,partner_key\n${rows.join('\n')}\n`);
    expect(result.claims).toHaveLength(100_000);
    expect(result.claims[99_999]).toEqual({ line: 100_001, source: 'line 100001', localKey: 'SUP-100000', partnerKey: 'DEV-100000' });
  });
});

describe('files that are not pair lists', () => {
  it('an empty file', () => {
    expect(problems('')).toEqual([{ at: 'file', message: 'The file is empty' }]);
    expect(problems('\ufeff \n')).toEqual([{ at: 'file', message: 'The file is empty' }]);
  });

  it('a configuration export', () => {
    expect(problems('{"format": "lockstep.sync-config", "version": 1}')).toEqual([{ at: 'format', message: 'This is a configuration export; upload it under "Import configuration"' }]);
  });

  it('other JSON', () => {
    expect(problems('{"issues": []}')[0]!.message).toBe(
      'This JSON file is not a pair list Lockstep knows (no "format" and no Backbone blocks): expected a Lockstep pair list ("format": "lockstep.pairs"), a Backbone list of synchronized issues ("firstConnector", "secondConnector") or a CSV file',
    );
    expect(problems('[["SUP-1", "DEV-7"]]')[0]!.message).toContain('(it holds an array)');
  });

  it('broken JSON', () => {
    expect(problems('{"format": "lockstep.pairs",, }')).toEqual([{ at: 'line 1, column 29', message: 'Not valid JSON: expected a property name in double quotes, found ","' }]);
  });
});
