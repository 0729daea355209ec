import { describe, expect, it } from 'vitest';
import { changes } from '../../../test/support/fuzz-messages';
import { messageIdOf, SyncMessage } from './message';

const message = (change: unknown, patch: Record<string, unknown> = {}): Record<string, unknown> => ({
  v: 1, type: 'sync', messageId: '10042-3', connectionId: 'sup-dev',
  origin: { side: 'SUP', issueId: '10042', issueKey: 'SUP-12' }, seq: 3,
  target: { issueId: '20077', issueKey: 'DEV-7' }, at: 1_790_000_000_000, change, ...patch,
});

/** Where the parser found problems, as dotted paths. */
function problems(value: unknown): string[] {
  const r = SyncMessage.safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
}

describe('SyncMessage', () => {
  it.each(Object.entries(changes))('accepts a valid %s message, unchanged', (_kind, change) => {
    const input = message(change);
    const r = SyncMessage.safeParse(input);
    expect(r.success ? r.data : r.error.issues).toEqual(input);
  });

  it('accepts a message without a target (the sender does not know the pair yet)', () => {
    const { target: _target, ...untargeted } = message(changes.paired);
    expect(SyncMessage.safeParse(untargeted).success).toBe(true);
  });

  it('refuses ids with characters outside letters, digits, - and _, or longer than 64', () => {
    expect(problems(message(changes.paired, { messageId: '10042/3' }))).toEqual(['messageId']);
    expect(problems(message(changes.paired, { connectionId: 'a'.repeat(65) }))).toEqual(['connectionId']);
    expect(problems(message(changes.paired, { connectionId: '' }))).toEqual(['connectionId']);
    expect(problems(message(changes.paired, { origin: { side: 'SUP', issueId: 'SUP-12', issueKey: 'SUP-12' } }))).toEqual(['origin.issueId']);
    expect(problems(message({ kind: 'comment-deleted', objectId: '10500; DROP' }))).toEqual(['change.objectId']);
  });

  it('refuses issue keys that are not a project key and a number', () => {
    for (const issueKey of ['sup-12', 'SUP-0', 'SUP12', 'S-1', 'SUP-', 'SUP-1 ']) {
      expect({ issueKey, at: problems(message(changes.paired, { origin: { side: 'SUP', issueId: '10042', issueKey } })) }).toEqual({ issueKey, at: ['origin.issueKey'] });
    }
    expect(problems(message(changes.paired, { target: { issueId: '20077', issueKey: 'dev-7' } }))).toEqual(['target.issueKey']);
  });

  it('refuses an unknown change kind, naming the kind', () => {
    expect(problems(message({ kind: 'worklog', id: '1' }))).toEqual(['change.kind']);
    expect(problems(message({}))).toEqual(['change.kind']);
  });

  it('names the path of a bad value deep inside a change', () => {
    expect(problems(message({ ...changes.issue, fields: { summary: { weird: true } } }))).toEqual(['change.fields.summary']);
    expect(problems(message({ ...changes.comment, created: 'yesterday' }))).toEqual(['change.created']);
    expect(problems(message({ ...changes.comment, body: { type: 'doc', version: 2, content: [] } }))).toEqual(['change.body.version']);
    expect(problems(message({ ...changes.attachment, size: -1 }))).toEqual(['change.size']);
  });

  it('refuses other versions, a zero sequence number and a negative time', () => {
    expect(problems(message(changes.paired, { v: 2 }))).toEqual(['v']);
    expect(problems(message(changes.paired, { seq: 0 }))).toEqual(['seq']);
    expect(problems(message(changes.paired, { seq: 1.5 }))).toEqual(['seq']);
    expect(problems(message(changes.paired, { at: -1 }))).toEqual(['at']);
  });
});

describe('messageIdOf', () => {
  it('is the origin issue id and the sequence number, a valid message id', () => {
    expect(messageIdOf('10042', 3)).toBe('10042-3');
    expect(problems(message(changes.paired, { messageId: messageIdOf('999999999999999999', 123456) }))).toEqual([]);
  });
});
