/** The pure parts of crash-safe creates, and the intent protocol over the in-memory store and a fake Jira search. */
import { describe, expect, it } from 'vitest';
import { JiraError, SearchNotSettled } from '../../jira/errors';
import { MemoryIntents } from '../../ports/fakes/intents';
import { MemoryPairs } from '../../ports/fakes/pairs';
import type { JiraRequestInit, JiraResponse, JiraRoute, JiraTransport } from '../../ports/jira';
import {
  attachmentCandidates, beginCreate, CLOCK_SKEW_MS, commentCandidates, createdJql, createOrEnd, endCreate, findIssueCopies, LONGEST_INVOCATION_MS, originOf,
  originProperty, sameDoc, SEARCH_SETTLE_MS, searchWindow,
} from './intents';

const T0 = Date.UTC(2026, 10, 2, 9, 0, 0);
const APP = '557058:app';
const jiraTime = (ms: number) => new Date(ms).toISOString().replace('Z', '+0000');
const doc = (text: string) => ({ type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });

describe('search window and JQL', () => {
  it('reaches from before the earliest intent (clock skew) to the latest one plus a whole invocation', () => {
    expect(searchWindow([{ since: T0 }, { since: T0 + 1000 }])).toEqual({ from: T0 - CLOCK_SKEW_MS, to: T0 + 1000 + LONGEST_INVOCATION_MS + CLOCK_SKEW_MS });
    expect(createdJql('DEV', { from: 1.5, to: 9.5 })).toBe('project = "DEV" AND created >= 1 AND created <= 10 ORDER BY created ASC');
  });

  it("reads only this connection's origin property", () => {
    expect(originOf(originProperty('sup-dev', '10042').value, 'sup-dev')).toBe('10042');
    expect(originOf(originProperty('other', '10042').value, 'sup-dev')).toBeUndefined();
    expect(originOf(undefined, 'sup-dev')).toBeUndefined();
    expect(originOf({ connectionId: 'sup-dev' }, 'sup-dev')).toBeUndefined();
  });
});

describe('candidates of an interrupted comment or upload', () => {
  it('compares documents whatever the order of their keys', () => {
    expect(sameDoc({ type: 'doc', version: 1, content: [] }, { content: [], version: 1, type: 'doc' })).toBe(true);
    expect(sameDoc(doc('a'), doc('b'))).toBe(false);
  });

  it("takes the app's comments since the window with exactly the body, newest first as listed", () => {
    const comments = [
      { id: '9', created: jiraTime(T0 + 5_000), body: doc('Hello'), author: { accountId: APP } },
      { id: '8', created: jiraTime(T0 + 4_000), body: doc('Hello'), author: { accountId: 'someone' } },
      { id: '7', created: jiraTime(T0 + 3_000), body: doc('Other'), author: { accountId: APP } },
      { id: '6', created: jiraTime(T0 - 1_000), body: doc('Hello'), author: { accountId: APP } },
    ];
    expect(commentCandidates(comments, APP, doc('Hello'), T0)).toEqual(['9']);
  });

  it("takes the app's uploads since the window with the name (as an upload writes it) and size, newest first", () => {
    const list = [
      { id: '1', filename: 'a_b.png', size: 4, created: jiraTime(T0 + 1_000), author: { accountId: APP } },
      { id: '2', filename: 'a_b.png', size: 4, created: jiraTime(T0 + 2_000), author: { accountId: APP } },
      { id: '3', filename: 'a_b.png', size: 5, created: jiraTime(T0 + 2_000), author: { accountId: APP } },
      { id: '4', filename: 'a_b.png', size: 4, created: jiraTime(T0 + 2_000), author: { accountId: 'someone' } },
      { id: '5', filename: 'a_b.png', size: 4, created: jiraTime(T0 - 2_000), author: { accountId: APP } },
    ];
    expect(attachmentCandidates(list, APP, 'a"b.png', 4, T0)).toEqual(['2', '1']);
  });
});

describe('beginCreate', () => {
  const ref = { connectionId: 'sup-dev', kind: 'comment' as const, id: '10042' };

  it('writes the intent and asks for no recovery when none is left over; ending forgets it', async () => {
    const intents = new MemoryIntents();
    let asked = 0;
    expect(await beginCreate({ intents, now: () => T0 }, ref, async () => { asked++; return 'x'; })).toEqual({});
    expect(asked).toBe(0);
    await endCreate({ intents, now: () => T0 }, ref);
    expect(intents.size).toBe(0);
  });

  it('adopts what recovery finds after an attempt died, and keeps the intent until the record is stored', async () => {
    const intents = new MemoryIntents();
    await beginCreate({ intents, now: () => T0 }, ref, async () => undefined);
    const seen: number[] = [];
    expect(await beginCreate({ intents, now: () => T0 + 600_000 }, ref, async (left) => { seen.push(left.since); return '30001'; })).toEqual({ adopted: '30001' });
    expect(seen).toEqual([T0]);
    expect(intents.size).toBe(1);
  });

  it('ends the intent when Jira refuses the create (nothing was made), and keeps it when Jira may have made it', async () => {
    const intents = new MemoryIntents();
    const deps = { intents, now: () => T0 };
    await beginCreate(deps, ref, async () => undefined);
    await expect(createOrEnd(deps, ref, async () => { throw new JiraError(503, ['busy'], {}); })).rejects.toBeInstanceOf(JiraError);
    expect(intents.size).toBe(1);
    await expect(createOrEnd(deps, ref, async () => { throw new JiraError(400, [], { comment: 'Comment body can not be empty!' }); })).rejects.toBeInstanceOf(JiraError);
    expect(intents.size).toBe(0);
  });

  it('renews the intent from now when recovery finds nothing, so the next search looks at this attempt', async () => {
    const intents = new MemoryIntents();
    await beginCreate({ intents, now: () => T0 }, ref, async () => undefined);
    expect(await beginCreate({ intents, now: () => T0 + 600_000 }, ref, async () => undefined)).toEqual({});
    expect(await intents.list('sup-dev', 'comment')).toEqual([{ ...ref, since: T0 + 600_000 }]);
  });
});

/** A project search that answers pages of two issues with their origin property, and records the JQL. */
class SearchJira implements JiraTransport {
  readonly jql: string[] = [];
  constructor(private readonly issues: Array<{ id: string; key: string; mark?: unknown }>) {}
  async requestJira(_route: JiraRoute, init?: JiraRequestInit): Promise<JiraResponse> {
    const body = JSON.parse(String(init?.body)) as { jql: string; nextPageToken?: string; properties: string[] };
    this.jql.push(body.jql);
    const at = Number(body.nextPageToken ?? 0);
    const page = this.issues.slice(at, at + 2).map((i) => ({ id: i.id, key: i.key, ...(i.mark ? { properties: { [body.properties[0]!]: i.mark } } : {}) }));
    return new Response(JSON.stringify({ issues: page, ...(at + 2 < this.issues.length ? { nextPageToken: String(at + 2) } : {}) }), { status: 200 });
  }
}

describe('findIssueCopies', () => {
  const intent = { connectionId: 'sup-dev', kind: 'issue' as const, id: '10042', since: T0 };
  const issues = [
    { id: '30100', key: 'DEV-100' },
    { id: '30101', key: 'DEV-101', mark: originProperty('other-sync', '10042').value },
    { id: '30102', key: 'DEV-102', mark: originProperty('sup-dev', '10042').value },
    { id: '30103', key: 'DEV-103', mark: originProperty('sup-dev', '10042').value },
    { id: '30104', key: 'DEV-104', mark: originProperty('sup-dev', '10043').value },
  ];

  it("finds the oldest copy of each origin the connection's property names, paging until all are found", async () => {
    const jira = new SearchJira(issues);
    const found = await findIssueCopies({ jira, now: () => T0 + 600_000, pairs: new MemoryPairs() }, 'DEV', 'sup-dev', new Set(['10042']), [intent]);
    expect([...found]).toEqual([['10042', { id: '30102', key: 'DEV-102' }]]);
    expect(jira.jql).toEqual([createdJql('DEV', searchWindow([intent])), createdJql('DEV', searchWindow([intent]))]);
  });

  it("answers nothing found once Jira's search has settled, and asks to look again while it may not have", async () => {
    const jira = new SearchJira(issues);
    expect((await findIssueCopies({ jira, now: () => T0 + SEARCH_SETTLE_MS, pairs: new MemoryPairs() }, 'DEV', 'sup-dev', new Set(['10099']), [intent])).size).toBe(0);
    await expect(findIssueCopies({ jira, now: () => T0 + SEARCH_SETTLE_MS - 1, pairs: new MemoryPairs() }, 'DEV', 'sup-dev', new Set(['10099']), [intent])).rejects.toBeInstanceOf(SearchNotSettled);
  });

  it('never adopts an issue paired with another partner issue: it takes the next copy, or none', async () => {
    const pairs = new MemoryPairs();
    const paired = (localIssueId: string, localIssueKey: string, partnerIssueId: string) => pairs.put({
      connectionId: 'sup-dev', localIssueId, localIssueKey, partnerIssueId, partnerIssueKey: `SUP-${partnerIssueId}`,
      firstSyncAt: '2026-11-02T09:00:00.000Z', lastSentAt: null, lastReceivedAt: null, lastError: null, status: 'active',
    });
    // DEV-102 carries 10042's mark, but a person's edit shared it and it was paired with another issue meanwhile.
    await paired('30102', 'DEV-102', '10077');
    const deps = { jira: new SearchJira(issues), now: () => T0 + 600_000, pairs };
    expect([...(await findIssueCopies(deps, 'DEV', 'sup-dev', new Set(['10042']), [intent]))]).toEqual([['10042', { id: '30103', key: 'DEV-103' }]]);
    await paired('30103', 'DEV-103', '10078');
    expect((await findIssueCopies(deps, 'DEV', 'sup-dev', new Set(['10042']), [intent])).size).toBe(0);
    // Paired with this very origin already (the pair was stored meanwhile): adopting it stores the same pair again.
    await paired('30103', 'DEV-103', '10042');
    expect([...(await findIssueCopies(deps, 'DEV', 'sup-dev', new Set(['10042']), [intent]))]).toEqual([['10042', { id: '30103', key: 'DEV-103' }]]);
  });
});
