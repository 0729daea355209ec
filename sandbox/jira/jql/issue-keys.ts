/** Issue keys as JQL compares them: project key (case-insensitive), then issue number. */

/** A parsed issue key; `project` is upper-cased. */
export interface IssueKey {
  project: string;
  number: number;
}

const ISSUE_KEY = /^([A-Za-z][A-Za-z0-9_]*)-(\d+)$/;

/** Parses `SUP-12` (any case, surrounding blanks ignored); undefined when the text is not a key. */
export function parseIssueKey(text: string): IssueKey | undefined {
  const match = ISSUE_KEY.exec(text.trim());
  if (!match?.[1] || !match[2]) return undefined;
  return { project: match[1].toUpperCase(), number: Number(match[2]) };
}

/** Canonical spelling, e.g. `SUP-12`. */
export function formatIssueKey(key: IssueKey): string {
  return `${key.project}-${key.number}`;
}

/** Orders by project key, then numerically by issue number. */
export function compareIssueKeys(a: IssueKey, b: IssueKey): number {
  if (a.project !== b.project) return a.project < b.project ? -1 : 1;
  return Math.sign(a.number - b.number);
}
