/** Client-side check of the key typed into "Pair with an existing issue". Pure: unit-tested. */

/** A Jira issue key: project key (a capital letter, then capitals, digits or underscores), a dash, a number. */
export const ISSUE_KEY_PATTERN = /^[A-Z][A-Z0-9_]+-\d+$/;

export type PartnerKeyCheck = { ok: true; key: string } | { ok: false; message: string };

/**
 * Trims and upper-cases what was typed ("dev-12 " → "DEV-12") and checks it is an issue key other than
 * the issue itself. The message is shown inline under the field.
 */
export function checkPartnerKey(input: string, ownKey: string): PartnerKeyCheck {
  const key = input.trim().toUpperCase();
  if (key === '') return { ok: false, message: 'Enter the key of the partner issue, such as DEV-12.' };
  if (!ISSUE_KEY_PATTERN.test(key)) return { ok: false, message: `“${input.trim()}” is not an issue key. Enter one such as DEV-12.` };
  if (key === ownKey.toUpperCase()) return { ok: false, message: 'An issue cannot be paired with itself. Enter the partner issue’s key.' };
  return { ok: true, key };
}
