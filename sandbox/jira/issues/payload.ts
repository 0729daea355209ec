/** The `issue` object Forge puts in issue, comment and attachment events. */
import type { Site } from '../model/site';
import type { IssueRecord } from '../model/types';
import { renderIssue } from '../render/issue';

const EVENT_FIELDS = ['summary', 'issuetype', 'creator', 'created', 'project', 'reporter', 'assignee', 'updated', 'status', 'priority', 'labels', 'parent'];

export function issueEventPayload(site: Site, issue: IssueRecord): Record<string, unknown> {
  const bean = renderIssue(site, issue, { fields: { all: false, include: new Set(EVENT_FIELDS), exclude: new Set() }, expand: new Set(), properties: [] });
  return { id: bean['id'], key: bean['key'], fields: bean['fields'] };
}
