import { describe, expect, it } from 'vitest';
import { CTX, NOW, search } from './test-fixtures';

// Fixture issues: SUP-1, SUP-2, SUP-10, OPS-3 (moved from SUP-3); NOW is 2024-02-15 12:30:45 UTC.

describe("'string' fields", () => {
  it('= and != match any alias case-insensitively; != skips EMPTY', () => {
    expect(search('status = Done')).toEqual(['SUP-2', 'OPS-3']);
    expect(search('status = dOnE')).toEqual(['SUP-2', 'OPS-3']);
    expect(search('status = 3')).toEqual(['SUP-2', 'OPS-3']);
    expect(search('status = "In Progress"')).toEqual(['SUP-10']);
    expect(search("status = 'to do'")).toEqual(['SUP-1']);
    expect(search('status != Done')).toEqual(['SUP-1', 'SUP-10']);
    expect(search('project = support')).toEqual(['SUP-1', 'SUP-2', 'SUP-10']);
    expect(search('project = 10001')).toEqual(['OPS-3']);
    expect(search('type = bug')).toEqual(['SUP-1', 'SUP-10']);
  });

  it('matches users by account id, display name or email', () => {
    expect(search('assignee = acc-alice')).toEqual(['SUP-1', 'OPS-3']);
    expect(search('assignee = "bob roe"')).toEqual(['SUP-10']);
    expect(search('assignee = "alice@example.com"')).toEqual(['SUP-1', 'OPS-3']);
    expect(search('assignee != acc-alice')).toEqual(['SUP-10']);
  });

  it('in and not in, with EMPTY as a list member', () => {
    expect(search('status in ("To Do", 2)')).toEqual(['SUP-1', 'SUP-10']);
    expect(search('status not in (Done)')).toEqual(['SUP-1', 'SUP-10']);
    expect(search('assignee in (acc-bob, EMPTY)')).toEqual(['SUP-2', 'SUP-10']);
    expect(search('assignee not in (acc-bob, EMPTY)')).toEqual(['SUP-1', 'OPS-3']);
    expect(search('assignee not in (acc-bob)')).toEqual(['SUP-1', 'OPS-3']);
  });

  it('is EMPTY, is not EMPTY, = EMPTY, != EMPTY and null', () => {
    expect(search('assignee is EMPTY')).toEqual(['SUP-2']);
    expect(search('assignee is null')).toEqual(['SUP-2']);
    expect(search('assignee = EMPTY')).toEqual(['SUP-2']);
    expect(search('assignee is not EMPTY')).toEqual(['SUP-1', 'SUP-10', 'OPS-3']);
    expect(search('assignee != null')).toEqual(['SUP-1', 'SUP-10', 'OPS-3']);
  });

  it('treats multi-valued fields as sets', () => {
    expect(search('labels = urgent')).toEqual(['SUP-1', 'OPS-3']);
    expect(search('labels != urgent')).toEqual(['SUP-10']);
    expect(search('labels in (backend, frontend)')).toEqual(['SUP-1', 'SUP-10']);
    expect(search('labels not in (backend)')).toEqual(['SUP-10', 'OPS-3']);
    expect(search('labels is EMPTY')).toEqual(['SUP-2']);
  });

  it('resolves currentUser(), and matches nothing for anonymous callers', () => {
    expect(search('assignee = currentUser()')).toEqual(['SUP-1', 'OPS-3']);
    expect(search('assignee in (currentUser(), acc-bob)')).toEqual(['SUP-1', 'SUP-10', 'OPS-3']);
    expect(search('assignee in currentUser()')).toEqual(['SUP-1', 'OPS-3']);
    expect(search('assignee = currentUser()', { now: NOW })).toEqual([]);
    expect(search('assignee != currentUser()', { now: NOW })).toEqual(['SUP-1', 'SUP-10', 'OPS-3']);
  });
});

describe("'text' fields", () => {
  it('~ matches words, prefixes and phrases', () => {
    expect(search('summary ~ login')).toEqual(['SUP-1']);
    expect(search('summary ~ "CRASH*"')).toEqual(['SUP-1']);
    expect(search('description ~ "login page"')).toEqual(['SUP-1', 'SUP-10']);
    expect(search('description ~ "\\"page throws\\""')).toEqual(['SUP-1']);
    expect(search('description ~ "\\"throws page\\""')).toEqual([]);
    expect(search('description ~ "login dark*"')).toEqual(['SUP-10']);
  });

  it('!~ negates and skips EMPTY values', () => {
    expect(search('summary !~ login')).toEqual(['SUP-2', 'SUP-10', 'OPS-3']);
    expect(search('description !~ login')).toEqual(['OPS-3']);
  });

  it('the text pseudo-field searches every text field', () => {
    expect(search('text ~ database')).toEqual(['OPS-3']);
    expect(search('text ~ login')).toEqual(['SUP-1', 'SUP-10']);
    expect(search('text ~ csv')).toEqual(['SUP-2']);
    expect(search('text !~ login')).toEqual(['SUP-2', 'OPS-3']);
  });

  it('= compares the whole value case-insensitively; is EMPTY works', () => {
    expect(search('summary = "export to csv is slow"')).toEqual(['SUP-2']);
    expect(search('summary = export')).toEqual([]);
    expect(search('description is EMPTY')).toEqual(['SUP-2']);
    expect(search('description in ("quarterly rotation of the production database password", EMPTY)')).toEqual(['SUP-2', 'OPS-3']);
  });
});

describe("'number' fields", () => {
  it('supports every comparison, by name and by cf[N]', () => {
    expect(search('"Story Points" = 5')).toEqual(['SUP-1']);
    expect(search('"story points" = "5"')).toEqual(['SUP-1']);
    expect(search('cf[10010] = 5.0')).toEqual(['SUP-1']);
    expect(search('cf[10010] != 5')).toEqual(['SUP-2', 'OPS-3']);
    expect(search('cf[10010] > 3')).toEqual(['SUP-1', 'OPS-3']);
    expect(search('cf[10010] >= 5')).toEqual(['SUP-1', 'OPS-3']);
    expect(search('cf[10010] < 5')).toEqual(['SUP-2']);
    expect(search('cf[10010] <= 5')).toEqual(['SUP-1', 'SUP-2']);
    expect(search('cf[10010] in (3, 8)')).toEqual(['SUP-2', 'OPS-3']);
    expect(search('cf[10010] not in (3)')).toEqual(['SUP-1', 'OPS-3']);
    expect(search('cf[10010] is EMPTY')).toEqual(['SUP-10']);
    expect(search('cf[10010] is not EMPTY')).toEqual(['SUP-1', 'SUP-2', 'OPS-3']);
    expect(search('cf[10010] > -1')).toEqual(['SUP-1', 'SUP-2', 'OPS-3']);
  });
});

describe("'id' fields", () => {
  it('compares numerically whether the view returns strings or numbers', () => {
    expect(search('id = 10001')).toEqual(['SUP-1']);
    expect(search('id = 10003')).toEqual(['OPS-3']);
    expect(search('id != 10001')).toEqual(['SUP-2', 'SUP-10', 'OPS-3']);
    expect(search('id > 10002')).toEqual(['SUP-10', 'OPS-3']);
    expect(search('id >= 10003')).toEqual(['SUP-10', 'OPS-3']);
    expect(search('id < 10003')).toEqual(['SUP-1', 'SUP-2']);
    expect(search('id <= 10002')).toEqual(['SUP-1', 'SUP-2']);
    expect(search('id in (10001, "10003")')).toEqual(['SUP-1', 'OPS-3']);
    expect(search('id not in (10001)')).toEqual(['SUP-2', 'SUP-10', 'OPS-3']);
    expect(search('id is EMPTY')).toEqual([]);
  });
});

describe("'issuekey' fields", () => {
  it('equality matches any key alias, case-insensitively', () => {
    expect(search('key = SUP-1')).toEqual(['SUP-1']);
    expect(search('key = sup-1')).toEqual(['SUP-1']);
    expect(search('issuekey = SUP-3')).toEqual(['OPS-3']);
    expect(search('issue in (SUP-1, OPS-3)')).toEqual(['SUP-1', 'OPS-3']);
    expect(search('key != SUP-1')).toEqual(['SUP-2', 'SUP-10', 'OPS-3']);
    expect(search('key not in (SUP-1, SUP-2)')).toEqual(['SUP-10', 'OPS-3']);
    expect(search('key is not EMPTY')).toEqual(['SUP-1', 'SUP-2', 'SUP-10', 'OPS-3']);
  });

  it('orders within a project by number', () => {
    expect(search('key > SUP-2')).toEqual(['SUP-10', 'OPS-3']);
    expect(search('key >= SUP-2 AND key < SUP-10')).toEqual(['SUP-2', 'OPS-3']);
    expect(search('key <= SUP-2')).toEqual(['SUP-1', 'SUP-2']);
    expect(search('key > OPS-1')).toEqual(['OPS-3']);
    expect(search('key < ABC-999')).toEqual([]);
  });

  it('works for other issuekey fields', () => {
    expect(search('parent = SUP-100')).toEqual(['SUP-1', 'SUP-10']);
    expect(search('parent is EMPTY')).toEqual(['SUP-2']);
    expect(search('parent > OPS-0')).toEqual(['OPS-3']);
  });
});

describe("'datetime' fields", () => {
  it('compares absolute dates as UTC instants', () => {
    expect(search('created >= "2024-02-01"')).toEqual(['SUP-1', 'SUP-2']);
    expect(search('created < 2024/01/15')).toEqual(['OPS-3']);
    expect(search('created <= "2024/01/15"')).toEqual(['SUP-10', 'OPS-3']);
    expect(search('created > "2024-02-15 09:59"')).toEqual(['SUP-1']);
  });

  it('= is an exact instant at minute granularity', () => {
    expect(search('created = "2024-02-01 09:00"')).toEqual(['SUP-2']);
    expect(search('created = "2024-02-01"')).toEqual([]);
    expect(search('created != "2024-02-01 09:00"')).toEqual(['SUP-1', 'SUP-10', 'OPS-3']);
    expect(search('created in ("2024-02-01 09:00", "2024-01-15")')).toEqual(['SUP-2', 'SUP-10']);
    expect(search('updated = "2024-02-10 08:00"')).toEqual(['SUP-2']);
    expect(search(`created = ${Date.UTC(2024, 1, 1, 9)}`)).toEqual(['SUP-2']);
  });

  it('resolves relative periods against ctx.now', () => {
    expect(search('updated >= -1d')).toEqual(['SUP-1', 'SUP-10', 'OPS-3']);
    expect(search('updated > -1d')).toEqual(['SUP-1', 'OPS-3']);
    expect(search('updated > "-30m"')).toEqual(['OPS-3']);
    expect(search('updated >= -30m')).toEqual(['SUP-1', 'OPS-3']);
    expect(search('updated >= -4h')).toEqual(['SUP-1', 'OPS-3']);
    expect(search('created < -3w')).toEqual(['SUP-10', 'OPS-3']);
    expect(search('created < "-5w 2d"')).toEqual(['OPS-3']);
    expect(search('created > 1d')).toEqual([]);
    expect(search('updated <= 1d')).toEqual(['SUP-1', 'SUP-2', 'SUP-10', 'OPS-3']);
    expect(search('updated >= -1d', { now: new Date('2024-02-16T12:00:00Z') })).toEqual(['SUP-1', 'OPS-3']);
  });

  it('uses now(), startOfDay() and endOfDay()', () => {
    expect(search('updated = now()')).toEqual(['OPS-3']);
    expect(search('updated > now()')).toEqual([]);
    expect(search('updated >= startOfDay()')).toEqual(['SUP-1', 'OPS-3']);
    expect(search('updated >= startOfDay(-1)')).toEqual(['SUP-1', 'SUP-10', 'OPS-3']);
    expect(search('updated <= endOfDay()')).toEqual(['SUP-1', 'SUP-2', 'SUP-10', 'OPS-3']);
    expect(search('created < startOfDay("-1M")')).toEqual(['OPS-3']);
  });

  it('EMPTY handling', () => {
    expect(search('created is EMPTY')).toEqual([]);
    expect(search('created is not EMPTY')).toHaveLength(4);
  });
});

describe("'date' fields", () => {
  it('compares whole UTC days', () => {
    expect(search('due = 2024-02-20')).toEqual(['SUP-1']);
    expect(search('due = "2024-02-20 15:00"')).toEqual(['SUP-1']);
    expect(search('duedate = "2024/02/15"')).toEqual(['SUP-10']);
    expect(search('due != 2024-02-20')).toEqual(['SUP-10', 'OPS-3']);
    expect(search('due <= now()')).toEqual(['SUP-10']);
    expect(search('due < now()')).toEqual([]);
    expect(search('due > now()')).toEqual(['SUP-1', 'OPS-3']);
    expect(search('due >= endOfDay()')).toEqual(['SUP-1', 'SUP-10', 'OPS-3']);
    expect(search('due <= 1w')).toEqual(['SUP-1', 'SUP-10']);
  });

  it('EMPTY handling', () => {
    expect(search('due is EMPTY')).toEqual(['SUP-2']);
    expect(search('due in (2024-03-01, EMPTY)')).toEqual(['SUP-2', 'OPS-3']);
    expect(search('due not in (2024-03-01)', CTX)).toEqual(['SUP-1', 'SUP-10']);
  });
});
