/** Every KVS record whose key starts with a prefix, following cursors: Forge pages may be short and still continue. */
import { kvs, WhereConditions } from '@forge/kvs';

/** `limit` stops after that many records (a sweep reads a bounded share of a backlog per run). */
export async function allWithPrefix(prefix: string, limit = Infinity): Promise<Array<{ key: string; value: unknown }>> {
  const out: Array<{ key: string; value: unknown }> = [];
  let cursor: string | undefined;
  do {
    let query = kvs.query().where('key', WhereConditions.beginsWith(prefix)).limit(Math.min(100, limit - out.length));
    if (cursor) query = query.cursor(cursor);
    const page = await query.getMany<unknown>();
    out.push(...page.results.map((r) => ({ key: r.key, value: r.value })));
    cursor = page.nextCursor;
  } while (cursor && out.length < limit);
  return out;
}
