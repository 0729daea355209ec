/**
 * Valid partner messages of every kind, and the mix of hostile values the message fuzz suites feed each
 * schema: mutations of a valid one (most), hostile JSON text parsed (some), and odd values (a few).
 */
import fc, { type Arbitrary } from 'fast-check';
import type { AdfDoc, Change } from '../../src/domain/sync/message';
import { hostileText, mutatedValue, oddValue } from './fuzz';

export const adfBody: AdfDoc = { type: 'doc', version: 1, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Hi' }] }] };
const dana = { accountId: 'acc-dana', email: 'dana@example.com', displayName: 'Dana' };

/** One valid change of every kind the receiver knows. */
export const changes: Record<Change['kind'], Change> = {
  issue: {
    kind: 'issue', create: true, issueType: { id: '10002', name: 'Task' },
    fields: { summary: 'Login fails', description: { adf: adfBody }, priority: 'High', labels: ['sso'], customfield_20011: 5, assignee: { user: dana }, duedate: null },
    status: { id: '3', name: 'In Progress' }, parentTargetId: '20001',
  },
  comment: { kind: 'comment', commentId: '10500', author: dana, created: '2026-09-21T08:00:00.000Z', body: adfBody },
  attachment: { kind: 'attachment', attachmentId: '10600', filename: 'trace.log', mimeType: 'text/plain', size: 4, author: null, created: '2026-09-21T08:00:00.000+02:00', contentBase64: 'dGVzdA==' },
  link: { kind: 'link', linkId: '10700', typeName: 'Blocks', inwardTargetId: '20077', outwardTargetId: '20078' },
  'link-deleted': { kind: 'link-deleted', typeName: 'Blocks', inwardTargetId: '20077', outwardTargetId: '20078' },
  'issue-deleted': { kind: 'issue-deleted', objectId: '10042' },
  'comment-deleted': { kind: 'comment-deleted', objectId: '10500' },
  'attachment-deleted': { kind: 'attachment-deleted', objectId: '10600' },
  paired: { kind: 'paired' },
  skipped: { kind: 'skipped' },
};

/** A valid sync message for connection `connectionId` carrying `change`. */
export const syncMessage = (change: Change, connectionId = 'sup-dev', seq = 3) => ({
  v: 1, type: 'sync', messageId: `10042-${seq}`, connectionId,
  origin: { side: 'DEV<alpha/SUP', issueId: '10042', issueKey: 'SUP-12' }, seq,
  target: { issueId: '20077', issueKey: 'DEV-7' }, at: 1_790_000_000_000, change,
});

const sam = { accountId: 'acc-sam', emailAddress: 'sam@example.com', displayName: 'Sam' };
/** Product events of each kind capture reads, as Forge delivers them. */
export const validEvents = [
  {
    eventType: 'avi:jira:updated:issue', atlassianId: 'acc-sam',
    issue: { id: '10042', key: 'SUP-12', fields: { summary: 'Login fails', issuetype: { id: '10002', name: 'Task' }, status: { id: '1', name: 'Open' }, updated: '2026-11-02T09:30:00.000+0000', project: { key: 'SUP' }, description: adfBody } },
    changelog: { id: '90001', items: [{ fieldId: 'summary', field: 'summary', from: null, to: 'Login fails' }, { field: 'status', from: '1', to: '3' }] },
  },
  {
    eventType: 'avi:jira:commented:issue', issue: { id: '10042', key: 'SUP-12', fields: { project: { key: 'SUP' } } },
    comment: { id: '10500', author: sam, body: adfBody, created: '2026-11-02T09:40:00.000+0000', updated: '2026-11-02T09:40:00.000+0000', visibility: { type: 'role', value: 'Administrators' } },
  },
  {
    eventType: 'avi:jira:created:attachment', issue: { id: '10042', key: 'SUP-12', fields: { project: { key: 'SUP' } } },
    attachment: { id: 10601, filename: 'screen.png', mimeType: 'image/png', size: 20_000, author: sam, created: '2026-11-02T09:45:00.000+0000' },
  },
  { eventType: 'avi:jira:created:issuelink', issueLink: { id: 10800, sourceIssueId: 10042, destinationIssueId: '10043', issueLinkType: { id: '10000', name: 'Blocks' } } },
  { eventType: 'avi:jira:deleted:issue', issue: { id: '10042', key: 'SUP-12' } },
];

/** Hostile JSON text as a web trigger would parse it; unparseable text stands as the string itself. */
export const hostileJsonValue: Arbitrary<unknown> = hostileText.map((t) => {
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return t;
  }
});

/** What a schema for inbound `valid` values is fuzzed with. */
export function hostileLike(...valid: unknown[]): Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: fc.oneof(...valid.map((v) => mutatedValue(v))), weight: 6 },
    { arbitrary: hostileJsonValue, weight: 2 },
    { arbitrary: oddValue, weight: 1 },
  );
}
