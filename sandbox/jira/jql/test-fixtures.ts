/** Shared schema, issues and helpers for the JQL engine's unit tests. */
import { compileJql } from './compile';
import { JqlError } from './errors';
import { parseJql } from './parser';
import type { JqlContext, JqlIssueView, JqlSchema, JqlValue } from './types';

/** Thursday 2024-02-15 12:30:45 UTC. */
export const NOW = new Date('2024-02-15T12:30:45Z');
/** A signed-in caller (alice) at NOW. */
export const CTX: JqlContext = { now: NOW, currentUserAccountId: 'acc-alice' };

/** A small schema with one field of every type, aliases, a custom field and an unsortable text field. */
export const SCHEMA: JqlSchema = {
  fields: [
    { id: 'key', names: ['key', 'issuekey', 'issue'], type: 'issuekey' },
    { id: 'id', names: ['id'], type: 'id' },
    { id: 'project', names: ['project'], type: 'string' },
    { id: 'status', names: ['status'], type: 'string' },
    { id: 'issuetype', names: ['issuetype', 'type'], type: 'string' },
    { id: 'assignee', names: ['assignee'], type: 'string' },
    { id: 'labels', names: ['labels'], type: 'string' },
    { id: 'summary', names: ['summary'], type: 'text' },
    { id: 'description', names: ['description'], type: 'text', orderable: false },
    { id: 'created', names: ['created', 'createdDate'], type: 'datetime' },
    { id: 'updated', names: ['updated', 'updatedDate'], type: 'datetime' },
    { id: 'duedate', names: ['due', 'duedate'], type: 'date' },
    { id: 'customfield_10010', names: ['Story Points'], type: 'number' },
    { id: 'parent', names: ['parent'], type: 'issuekey' },
  ],
};

type SortOverrides = Record<string, string | number | Date | null>;

/** An issue view over plain field values; sort values default to the first value of the field. */
export function view(values: Record<string, JqlValue>, sortValues: SortOverrides = {}): JqlIssueView {
  return {
    get: (id) => values[id],
    sortValue: (id) => {
      if (id in sortValues) return sortValues[id] ?? null;
      const value = values[id];
      if (value === undefined || value === null) return null;
      return typeof value === 'object' && !(value instanceof Date) ? (value[0] ?? null) : value;
    },
  };
}

const user = (accountId: string, name: string): string[] => [accountId, name, `${name.split(' ')[0]?.toLowerCase()}@example.com`];

/** Four issues; OPS-3 was moved from SUP-3 and keeps the old key as an alias. */
export const ISSUES: Record<string, JqlIssueView> = {
  'SUP-1': view({
    key: ['SUP-1'], id: '10001', project: ['10000', 'SUP', 'Support'], status: ['1', 'To Do'], issuetype: ['10001', 'Bug'],
    assignee: user('acc-alice', 'Alice Doe'), labels: ['urgent', 'backend'],
    summary: 'Login page crashes on submit', description: 'The login page throws a NullPointerException when the form is submitted.',
    created: new Date('2024-02-15T10:00:00Z'), updated: new Date('2024-02-15T12:00:00Z'), duedate: '2024-02-20',
    customfield_10010: 5, parent: 'SUP-100',
  }),
  'SUP-2': view({
    key: ['SUP-2'], id: '10002', project: ['10000', 'SUP', 'Support'], status: ['3', 'Done'], issuetype: ['10002', 'Task'],
    assignee: null, labels: [],
    summary: 'Export to CSV is slow', description: null,
    created: new Date('2024-02-01T09:00:00Z'), updated: '2024-02-10T08:00:00.000+0000', duedate: null,
    customfield_10010: 3, parent: null,
  }),
  'SUP-10': view({
    key: ['SUP-10'], id: '10010', project: ['10000', 'SUP', 'Support'], status: ['2', 'In Progress'], issuetype: ['10001', 'Bug'],
    assignee: user('acc-bob', 'Bob Roe'), labels: ['frontend'],
    summary: 'Dark mode colours wrong', description: 'Colours in dark-mode look washed out; see the login page too.',
    created: new Date('2024-01-15T00:00:00Z'), updated: new Date('2024-02-14T12:30:00Z'), duedate: '2024-02-15',
    customfield_10010: undefined, parent: 'SUP-100',
  }),
  'OPS-3': view({
    key: ['OPS-3', 'SUP-3'], id: 10003, project: ['10001', 'OPS', 'Operations'], status: ['3', 'Done'], issuetype: ['10002', 'Task'],
    assignee: user('acc-alice', 'Alice Doe'), labels: ['urgent'],
    summary: 'Rotate database credentials', description: 'Quarterly rotation of the production database password',
    created: new Date('2023-12-31T23:59:00Z'), updated: new Date('2024-02-15T12:30:00Z'), duedate: new Date('2024-03-01T00:00:00Z'),
    customfield_10010: 8, parent: 'OPS-1',
  }),
};

/** Keys (the map keys of ISSUES) of the issues that `jql` matches, in fixture order. */
export function search(jql: string, ctx: JqlContext = CTX): string[] {
  const compiled = compileJql(parseJql(jql), SCHEMA, ctx);
  return Object.entries(ISSUES).filter(([, issue]) => compiled.matches(issue)).map(([key]) => key);
}

/** The JqlError message thrown while parsing and compiling `jql`; fails the test when nothing is thrown. */
export function errorOf(jql: string, ctx: JqlContext = CTX): string {
  try {
    compileJql(parseJql(jql), SCHEMA, ctx);
  } catch (error) {
    if (error instanceof JqlError) return error.message;
    throw error;
  }
  throw new Error(`expected ${JSON.stringify(jql)} to be rejected`);
}
