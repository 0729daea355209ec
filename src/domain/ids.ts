/** Branded ids: a site id can never be passed where an issue id is expected. */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type SiteId = Brand<string, 'SiteId'>;
export type ProjectId = Brand<string, 'ProjectId'>;
export type ProjectKey = Brand<string, 'ProjectKey'>;
export type IssueId = Brand<string, 'IssueId'>;
export type IssueKey = Brand<string, 'IssueKey'>;
export type AccountId = Brand<string, 'AccountId'>;
export type ConnectionId = Brand<string, 'ConnectionId'>;

const PROJECT_KEY = /^[A-Z][A-Z0-9_]{1,9}$/;
const ISSUE_KEY = /^[A-Z][A-Z0-9_]{1,9}-[1-9]\d*$/;
const NUMERIC_ID = /^\d{1,18}$/;

/** Parses a project key, or returns undefined: keys come from users and browsers. */
export function parseProjectKey(value: string): ProjectKey | undefined {
  return PROJECT_KEY.test(value) ? (value as ProjectKey) : undefined;
}

export function parseIssueKey(value: string): IssueKey | undefined {
  return ISSUE_KEY.test(value) ? (value as IssueKey) : undefined;
}

export function parseIssueId(value: string): IssueId | undefined {
  return NUMERIC_ID.test(value) ? (value as IssueId) : undefined;
}

export const asAccountId = (value: string): AccountId => value as AccountId;
export const asSiteId = (value: string): SiteId => value as SiteId;
export const asConnectionId = (value: string): ConnectionId => value as ConnectionId;
