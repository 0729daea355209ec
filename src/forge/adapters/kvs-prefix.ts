/** Every KVS record whose key starts with a prefix, following cursors: Forge pages may be short and still continue. */
import { kvs, WhereConditions } from '@forge/kvs';

export async function allWithPrefix(prefix: string): Promise<Array<{ key: string; value: unknown }>> {
  const out: Array<{ key: string; value: unknown }> = [];
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(100);
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany<unknown>();
    out.push(...page.results.map((r) => ({ key: r.key, value: r.value })));
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}
