/** Jira issue keys as files write them: `SUP-12`, upper case; lower case is accepted and raised. */
const ISSUE_KEY = /^([A-Z][A-Z0-9_]*)-(\d+)$/;

/** The key in canonical form and its project, or null when `raw` is not an issue key. */
export function parseIssueKey(raw: string): { key: string; project: string } | null {
  // Most keys are canonical already: test before allocating a trimmed, upper-cased copy.
  let key = raw;
  if (!ISSUE_KEY.test(key)) {
    key = raw.trim().toUpperCase();
    if (!ISSUE_KEY.test(key)) return null;
  }
  return { key, project: key.slice(0, key.lastIndexOf('-')) };
}

/** The project of a key, or null when it is not one (cheap: orientation checks call it per row). */
export function projectOfKey(raw: unknown): string | null {
  return typeof raw === 'string' ? parseIssueKey(raw)?.project ?? null : null;
}

/** Issue ids are decimal numbers, as the pair store keeps them. */
export const ISSUE_ID = /^\d{1,18}$/;
