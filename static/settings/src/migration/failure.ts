/** The flag for an action that failed, like the other tabs show it (4xx: "Fix this: …", else generic). */
import { describeUiError, toUiError } from '../../../shared/errors';
import type { FlagInput } from '../../../shared/flags';

export function failureFlag(what: string, thrown: unknown): FlagInput {
  const error = toUiError(thrown);
  console.warn(`[lockstep] ${what} failed (${error.status}): ${error.message}`);
  return { appearance: 'error', title: `Could not ${what}.`, description: describeUiError(error).text };
}
