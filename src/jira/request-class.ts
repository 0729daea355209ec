/** Which per-second budget a Jira request draws on (method + route template) and which issue it writes, for pacing.ts. */
import type { JiraRequestInit } from '../ports/jira';

export type Method = NonNullable<JiraRequestInit['method']>;

export interface RequestClass {
  /** `METHOD template`: the key of the endpoint's burst budget. */
  endpoint: string;
  /** The issue a write targets (id or key as written in the path), for the per-issue budget. */
  issue: string | undefined;
}

/**
 * Whether a path segment is a value rather than a name. Jira's route names carry no digits (one
 * exception, `avatar2`) and are never all capitals; ids, issue keys, custom field ids and account ids
 * carry digits, project keys are capitals. Merging too much only makes a budget stricter, so err there.
 */
function isValueSegment(segment: string, previous: string | undefined): boolean {
  return /\d/.test(segment) || /^[A-Z][A-Z0-9_]+$/.test(segment) || previous === 'properties';
}

const ISSUE_REF = /^(\d+|[A-Z][A-Z0-9_]*-\d+)$/;

/** The endpoint and written issue of a request: query dropped, ids and keys replaced by `{id}`. */
export function classify(method: Method, path: string): RequestClass {
  const bare = path.split(/[?#]/, 1)[0] ?? '';
  const segments = bare.split('/');
  // `/rest/<api>/<version>/...`: the version is a name even though it is a number.
  const fixed = segments[1] === 'rest' ? 4 : 1;
  const template = segments.map((s, i) => (i >= fixed && isValueSegment(decode(s), decode(segments[i - 1] ?? '')) ? '{id}' : s)).join('/');
  const target = decode(segments[5] ?? '');
  const writesIssue = method !== 'GET' && segments[1] === 'rest' && segments[2] === 'api' && segments[4] === 'issue' && ISSUE_REF.test(target);
  return { endpoint: `${method} ${template}`, issue: writesIssue ? target : undefined };
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
