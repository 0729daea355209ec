/** `POST /rest/api/3/changelog/bulkfetch`: the change histories of up to 1,000 issues, in pages. */
import { z } from 'zod';
import { ChangeItem } from '../domain/sync/changes';
import type { JiraTransport } from '../ports/jira';
import { post } from './bulk';
import { route } from './route';

export const CHANGELOG_BULK = 1000;

const History = z.object({
  id: z.string(),
  author: z.object({ accountId: z.string(), accountType: z.string().optional() }).nullable().optional(),
  created: z.string(),
  // The display texts too, as fromText/toText: a link's history names its type only there ("This issue blocks SUP-2").
  // (Read as unknown: an item without `toString` would otherwise read Object.prototype's function.)
  items: z.array(ChangeItem.extend({ fromString: z.unknown().optional(), toString: z.unknown().optional() }).transform(({ fromString, toString, ...item }) => ({
    ...item, fromText: typeof fromString === 'string' ? fromString : undefined, toText: typeof toString === 'string' ? toString : undefined,
  }))),
});
export type History = z.infer<typeof History>;
const Page = z.object({
  issueChangeLogs: z.array(z.object({ issueId: z.string(), changeHistories: z.array(History) })),
  nextPageToken: z.string().optional(),
});

/** Jira's limit on `fieldIds` in one changelog request. */
export const CHANGELOG_FIELDS = 10;

/**
 * Every history of these issues, by issue id; one request per page of 1,000 histories. With `fieldIds`
 * (at most 10), only the histories and items that touch those fields.
 */
export async function changelogs(jira: JiraTransport, issueIds: readonly string[], fieldIds?: readonly string[]): Promise<Map<string, History[]>> {
  const out = new Map<string, History[]>();
  if (fieldIds && (fieldIds.length === 0 || fieldIds.length > CHANGELOG_FIELDS)) throw new RangeError(`changelogs: between 1 and ${CHANGELOG_FIELDS} field ids, not ${fieldIds.length}`);
  for (let i = 0; i < issueIds.length; i += CHANGELOG_BULK) {
    let token: string | undefined;
    do {
      const body = { issueIdsOrKeys: issueIds.slice(i, i + CHANGELOG_BULK), maxResults: 1000, ...(fieldIds ? { fieldIds: [...fieldIds] } : {}), ...(token ? { nextPageToken: token } : {}) };
      const page = Page.parse(await post(jira, route`/rest/api/3/changelog/bulkfetch`, body));
      for (const log of page.issueChangeLogs) out.set(log.issueId, [...(out.get(log.issueId) ?? []), ...log.changeHistories]);
      token = page.nextPageToken;
    } while (token);
  }
  return out;
}
