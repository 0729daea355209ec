/** Default metadata a new emulated site starts with, shaped like a fresh Jira Cloud site with a few custom fields. */
import type { CustomFieldKind, IssueTypeRecord, LinkTypeRecord, PriorityRecord, StatusCategoryKey } from './types';

export const DEFAULT_PRIORITIES: PriorityRecord[] = [
  { id: '1', name: 'Highest', color: '#d04437' },
  { id: '2', name: 'High', color: '#f15c75' },
  { id: '3', name: 'Medium', color: '#f79232' },
  { id: '4', name: 'Low', color: '#707070' },
  { id: '5', name: 'Lowest', color: '#999999' },
];
export const DEFAULT_PRIORITY_ID = '3';

export const DEFAULT_LINK_TYPES: LinkTypeRecord[] = [
  { id: '10000', name: 'Blocks', inward: 'is blocked by', outward: 'blocks' },
  { id: '10001', name: 'Cloners', inward: 'is cloned by', outward: 'clones' },
  { id: '10002', name: 'Duplicate', inward: 'is duplicated by', outward: 'duplicates' },
  { id: '10003', name: 'Relates', inward: 'relates to', outward: 'relates to' },
];

export const DEFAULT_ISSUE_TYPES: Omit<IssueTypeRecord, 'id'>[] = [
  { name: 'Task', description: 'A small, distinct piece of work.', subtask: false, hierarchyLevel: 0 },
  { name: 'Bug', description: 'A problem or error.', subtask: false, hierarchyLevel: 0 },
  { name: 'Story', description: 'A user story.', subtask: false, hierarchyLevel: 0 },
  { name: 'Epic', description: 'A big user story that needs to be broken down.', subtask: false, hierarchyLevel: 1 },
  { name: 'Sub-task', description: 'A small piece of work that is part of a larger task.', subtask: true, hierarchyLevel: -1 },
  { name: 'Support request', description: 'A request from a customer.', subtask: false, hierarchyLevel: 0 },
];

export interface WorkflowTemplate {
  name: string;
  statuses: { name: string; category: StatusCategoryKey }[];
  /** Transitions by status name; `from: []` is a global transition. */
  transitions: { name: string; from: string[]; to: string }[];
}

export const WORKFLOW_TEMPLATES = {
  software: {
    name: 'Software Simplified Workflow',
    statuses: [
      { name: 'To Do', category: 'new' },
      { name: 'In Progress', category: 'indeterminate' },
      { name: 'In Review', category: 'indeterminate' },
      { name: 'Done', category: 'done' },
    ],
    transitions: [
      { name: 'Start progress', from: ['To Do'], to: 'In Progress' },
      { name: 'Request review', from: ['In Progress'], to: 'In Review' },
      { name: 'Approve', from: ['In Review'], to: 'Done' },
      { name: 'Back to progress', from: ['In Review'], to: 'In Progress' },
      { name: 'Stop progress', from: ['In Progress'], to: 'To Do' },
      { name: 'Reopen', from: ['Done'], to: 'To Do' },
    ],
  },
  service: {
    name: 'Service Desk Workflow',
    statuses: [
      { name: 'Open', category: 'new' },
      { name: 'In Progress', category: 'indeterminate' },
      { name: 'Waiting for customer', category: 'indeterminate' },
      { name: 'Resolved', category: 'done' },
      { name: 'Closed', category: 'done' },
    ],
    transitions: [
      { name: 'Start work', from: ['Open'], to: 'In Progress' },
      { name: 'Wait for customer', from: ['In Progress'], to: 'Waiting for customer' },
      { name: 'Customer replied', from: ['Waiting for customer'], to: 'In Progress' },
      { name: 'Resolve', from: ['In Progress', 'Waiting for customer'], to: 'Resolved' },
      { name: 'Close', from: ['Resolved'], to: 'Closed' },
      { name: 'Reopen', from: ['Resolved', 'Closed'], to: 'Open' },
    ],
  },
} as const satisfies Record<string, WorkflowTemplate>;
export type WorkflowTemplateName = keyof typeof WORKFLOW_TEMPLATES;

export interface CustomFieldSeed {
  name: string;
  kind: CustomFieldKind;
  description: string;
  options?: string[];
}

/** Custom fields every emulated site has; their ids differ per site, as on real sites. */
export const DEFAULT_CUSTOM_FIELDS: CustomFieldSeed[] = [
  { name: 'Story Points', kind: 'float', description: 'Estimate in points.' },
  { name: 'Customer', kind: 'textfield', description: 'Customer organisation.' },
  { name: 'Root cause', kind: 'textarea', description: 'Analysis of the cause.' },
  { name: 'Start date', kind: 'datepicker', description: 'Planned start.' },
  { name: 'Escalated at', kind: 'datetime', description: 'When the issue was escalated.' },
  { name: 'Severity', kind: 'select', description: 'Impact on the customer.', options: ['Critical', 'Major', 'Minor'] },
  { name: 'Platforms', kind: 'multiselect', description: 'Affected platforms.', options: ['Web', 'iOS', 'Android', 'Desktop'] },
  { name: 'Team lead', kind: 'userpicker', description: 'Accountable lead.' },
  { name: 'Tags', kind: 'labels', description: 'Free tags.' },
  { name: 'Reference URL', kind: 'url', description: 'Link to an external reference.' },
];
