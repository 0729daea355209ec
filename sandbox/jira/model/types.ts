/** The emulator's internal records: what one Jira Cloud site stores. API shapes are rendered from these. */
import type { AdfDoc } from '../adf/types';

export const AccountType = { atlassian: 'atlassian', app: 'app' } as const;
export type AccountType = (typeof AccountType)[keyof typeof AccountType];

export interface UserRecord {
  accountId: string;
  accountType: AccountType;
  displayName: string;
  emailAddress: string | null;
  /** Basic-auth API token; apps authenticate with bearer tokens instead. */
  apiToken: string | null;
  active: boolean;
  timeZone: string;
  /** Global ADMINISTER (Jira admin). */
  siteAdmin: boolean;
}

export const StatusCategoryKey = { new: 'new', indeterminate: 'indeterminate', done: 'done' } as const;
export type StatusCategoryKey = (typeof StatusCategoryKey)[keyof typeof StatusCategoryKey];

export interface StatusRecord {
  id: string;
  name: string;
  category: StatusCategoryKey;
}

export interface TransitionRecord {
  id: string;
  name: string;
  /** Status ids this transition starts from; empty means global (from any status). */
  from: string[];
  to: string;
}

export interface WorkflowRecord {
  id: string;
  name: string;
  initialStatusId: string;
  statusIds: string[];
  transitions: TransitionRecord[];
}

export interface IssueTypeRecord {
  id: string;
  name: string;
  description: string;
  subtask: boolean;
  hierarchyLevel: number;
}

export interface PriorityRecord {
  id: string;
  name: string;
  color: string;
}

export interface ComponentRecord {
  id: string;
  projectId: string;
  name: string;
  description: string;
}

export interface VersionRecord {
  id: string;
  projectId: string;
  name: string;
  released: boolean;
  archived: boolean;
  releaseDate: string | null;
}

export interface LinkTypeRecord {
  id: string;
  name: string;
  inward: string;
  outward: string;
}

export const CustomFieldKind = {
  text: 'textfield',
  paragraph: 'textarea',
  number: 'float',
  date: 'datepicker',
  datetime: 'datetime',
  select: 'select',
  multiselect: 'multiselect',
  user: 'userpicker',
  labels: 'labels',
  url: 'url',
} as const;
export type CustomFieldKind = (typeof CustomFieldKind)[keyof typeof CustomFieldKind];

export interface OptionRecord {
  id: string;
  value: string;
  disabled: boolean;
}

export interface CustomFieldRecord {
  id: `customfield_${number}`;
  numericId: number;
  name: string;
  description: string;
  kind: CustomFieldKind;
  options: OptionRecord[];
}

export interface ProjectRecord {
  id: string;
  key: string;
  name: string;
  description: string;
  projectTypeKey: 'software' | 'service_desk' | 'business';
  leadAccountId: string;
  issueTypeIds: string[];
  workflowId: string;
  /** Users with Browse (and the usual member permissions); 'everyone' = every licensed user of the site. */
  members: Set<string> | 'everyone';
  admins: Set<string>;
  /** Next issue number for keys; never reused, as in Jira. */
  nextIssueNumber: number;
}

export interface CommentRecord {
  id: string;
  issueId: string;
  authorId: string;
  updateAuthorId: string;
  body: AdfDoc;
  created: number;
  updated: number;
  visibility: { type: 'group' | 'role'; value: string } | null;
}

export interface AttachmentRecord {
  id: string;
  issueId: string;
  filename: string;
  authorId: string;
  created: number;
  mimeType: string;
  content: Uint8Array;
}

export interface LinkRecord {
  id: string;
  typeId: string;
  /** The issue on the inward side ("is blocked by") and the outward side ("blocks"). */
  inwardIssueId: string;
  outwardIssueId: string;
}

export interface ChangeItem {
  field: string;
  fieldtype: 'jira' | 'custom';
  fieldId: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export interface ChangeHistoryRecord {
  id: string;
  authorId: string;
  created: number;
  items: ChangeItem[];
}

/** Stored field values, keyed by field id, in the emulator's canonical form (see fields/values.ts). */
export type StoredFields = Record<string, StoredValue>;
export type StoredValue =
  | null
  | string
  | number
  | string[]
  | AdfDoc;

export interface IssueRecord {
  id: string;
  key: string;
  projectId: string;
  issueTypeId: string;
  statusId: string;
  parentId: string | null;
  creatorId: string;
  created: number;
  updated: number;
  statusCategoryChanged: number;
  resolutionDate: number | null;
  fields: StoredFields;
  commentIds: string[];
  attachmentIds: string[];
  properties: Map<string, unknown>;
  changelog: ChangeHistoryRecord[];
}
