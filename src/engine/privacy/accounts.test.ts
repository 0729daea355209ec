/** Finding accountIds in stored records and erasing them, record by record. */
import { describe, expect, it } from 'vitest';
import { parseSyncConfig } from '../../domain/config/parse';
import type { SyncConfig } from '../../domain/config/schema';
import type { AuditEntry } from '../../ports/health';
import { accountsIn, accountsOfAudit, accountsOfConfig, DELETED_ACCOUNT, deferredAt, isReportable } from './accounts';
import { eraseFromAuditEntry, eraseFromConfig, scrubText } from './erased-records';

const A = '5b10a2844c20165700ede21a';
const B = '557058:f58131cb-b67d-43c7-b30d-6b58d40bd077';
const C = '5b10a2844c20165700ede23c';

function config(users: unknown, fields: unknown[] = []): SyncConfig {
  const r = parseSyncConfig({
    version: 1, local: { projectKey: 'SUP' }, partner: { site: 'beta', projectKey: 'DEV' },
    issueTypes: [{ local: { id: '1', name: 'Task' }, partner: { id: '2', name: 'Task' } }], fields, users,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.config;
}

const entry = (actor: string, detail: string, action: AuditEntry['action'] = 'config.changed'): AuditEntry => ({ connectionId: 'c1', at: '2026-11-02T09:00:00.000Z', actor, action, target: 'SUP', detail });

describe('accounts held by a record', () => {
  it('reads a configuration: both sides of the user table, the default user, and defaults of user fields only', () => {
    const c = config({ strategy: 'table', table: [{ local: A, partner: B }], defaultUser: C }, [
      { kind: 'system', field: 'reporter', direction: 'both', default: A },
      { kind: 'system', field: 'priority', direction: 'both', default: 'Highest' },
      { kind: 'custom', type: 'text', local: { id: 'customfield_1', name: 'Code' }, partner: { id: 'customfield_2', name: 'Code' }, direction: 'both', default: '5b10a2844c20165700ede29z' },
    ]);
    expect(accountsOfConfig(c)).toEqual([A, B, C]);
  });

  it('reads an audit entry: the actor, and the accounts its configuration lines name, never a name that only looks like one', () => {
    const detail = `Users: added table row ${A} ↔ ${B}; Users: removed table row ${C} ↔ ${A}; Users: default user "${C}" → none; Field "Team" default value "Core" → "Platform"; Field "Reviewer" default value none → "${B}"`;
    expect(accountsOfAudit(entry('5b10a2844c20165700ede22b', detail))).toEqual(['5b10a2844c20165700ede22b', A, B, C]);
    expect(accountsOfAudit(entry('lockstep', `table row ${A} ↔ ${B}`, 'issue.updated'))).toEqual([]);
  });

  it('walks messages and raw events: user objects, the event actor, ADF and wiki mentions; never `unknown` or Lockstep itself', () => {
    const event = {
      atlassianId: A,
      issue: { fields: { assignee: { accountId: B, displayName: 'B' }, reporter: { accountId: 'unknown' }, description: { type: 'doc', version: 1, content: [{ type: 'mention', attrs: { id: C } }] } } },
      comment: { body: 'thanks [~accountid:5b10a2844c20165700ede22b]', author: { accountId: 'lockstep' } },
    };
    expect(accountsIn(event).sort()).toEqual([A, B, C, '5b10a2844c20165700ede22b'].sort());
  });

  it('walks a document nested far deeper than a stack could recurse', () => {
    let deep: unknown = { accountId: A };
    for (let i = 0; i < 100_000; i++) deep = { content: [deep] };
    expect(accountsIn(deep)).toEqual([A]);
  });

  it('tells ids from what is not one, and when a deferred event was put away', () => {
    expect([A, B, 'unknown', 'lockstep', DELETED_ACCOUNT, 'has space', '', 'x'.repeat(129)].map(isReportable)).toEqual([true, true, false, false, false, false, false, false]);
    expect(deferredAt('1793437200000-3f9k2')).toBe(1_793_437_200_000);
    expect(deferredAt('odd')).toBeUndefined();
  });
});

describe('erasing closed accounts', () => {
  const closed = new Set([A]);

  it('replaces an id only where it stands whole, never inside a longer one', () => {
    expect(scrubText(`row ${A} ↔ ${B}; "${A}" x${A} ${A}0 ${A}:9`, closed)).toBe(`row ${DELETED_ACCOUNT} ↔ ${B}; "${DELETED_ACCOUNT}" x${A} ${A}0 ${A}:9`);
  });

  it('takes rows naming the account on either side, the default user and user-field defaults out of a configuration', () => {
    const c = config({ strategy: 'table', table: [{ local: A, partner: B }, { local: C, partner: A }, { local: C, partner: B }], defaultUser: A }, [
      { kind: 'system', field: 'assignee', direction: 'both', default: A },
      { kind: 'custom', type: 'user', local: { id: 'customfield_1', name: 'Reviewer' }, partner: { id: 'customfield_2', name: 'Reviewer' }, direction: 'both', default: A },
      { kind: 'custom', type: 'text', local: { id: 'customfield_3', name: 'Code' }, partner: { id: 'customfield_4', name: 'Code' }, direction: 'both', default: A },
    ]);
    const erased = eraseFromConfig(c, closed)!;
    expect(erased.config.users).toEqual({ strategy: 'table', table: [{ local: C, partner: B }], defaultUser: null });
    expect(erased.config.fields.map((f) => f.default)).toEqual([null, null, A]);
    expect(erased.removed).toEqual(['2 user table rows', 'the default user', 'the default of field "Assignee"', 'the default of field "Reviewer"']);
    expect(eraseFromConfig(erased.config, closed)).toBeUndefined();
  });

  it('keeps an audit entry in place with the id replaced, and leaves one that does not name it alone', () => {
    expect(eraseFromAuditEntry(entry(A, `default user "${A}" → none`), closed)).toEqual(entry(DELETED_ACCOUNT, `default user "${DELETED_ACCOUNT}" → none`));
    expect(eraseFromAuditEntry(entry(B, 'fields: +priority'), closed)).toBeUndefined();
  });
});
