/**
 * The naive way, for comparison in the same run: one issue at a time, read both sides, then write the
 * whole mapped state, no diff, no bulk. It honours 429s by waiting Retry-After (on the sandbox clock) and
 * tries again, as a careful but naive client would. Requests are made as sam so they are counted apart.
 */
import type { World } from './world';
import { restClient } from '../test/support/jira';

type Call = ReturnType<typeof restClient>;

/** One request, repeated after Retry-After while Jira answers 429. */
async function patient(world: World, call: Call, method: string, path: string, body?: unknown): Promise<any> {
  for (;;) {
    const reply = await call(method, path, body);
    if (reply.status !== 429) {
      if (reply.status >= 400) throw new Error(`naive ${method} ${path}: ${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`);
      return reply.body;
    }
    const seconds = Number(reply.headers.get('retry-after') ?? '1');
    await world.h.runtime.advance(Math.max(1, seconds) * 1000);
  }
}

const clients = (world: World) => ({
  alpha: restClient(world.h.emulator.fetch, world.h.emulator.site('alpha').baseUrl, 'sam'),
  beta: restClient(world.h.emulator.fetch, world.h.emulator.site('beta').baseUrl, 'sam'),
});

/** Field ids a naive copy reads and writes: the mapped system fields the benchmark uses. */
const FIELDS = ['summary', 'priority', 'labels'];

function writable(fields: Record<string, any>): Record<string, unknown> {
  return { summary: fields['summary'], priority: { name: fields['priority']?.name ?? 'Medium' }, labels: fields['labels'] ?? [] };
}

/** For each pair: GET the source, GET the target, PUT every mapped field on the target. */
export async function naiveCopy(world: World, pairs: ReadonlyArray<{ alpha: string; beta: string }>): Promise<void> {
  const { alpha, beta } = clients(world);
  for (const p of pairs) {
    const source = await patient(world, alpha, 'GET', `/rest/api/3/issue/${p.alpha}?fields=${FIELDS.join(',')}`);
    await patient(world, beta, 'GET', `/rest/api/3/issue/${p.beta}?fields=${FIELDS.join(',')}`);
    await patient(world, beta, 'PUT', `/rest/api/3/issue/${p.beta}`, { fields: writable(source.fields) });
  }
}

/** For each source issue: GET it, then create its copy on the other side with a single create. */
export async function naiveCreate(world: World, alphaKeys: readonly string[]): Promise<void> {
  const { alpha, beta } = clients(world);
  for (const key of alphaKeys) {
    const source = await patient(world, alpha, 'GET', `/rest/api/3/issue/${key}?fields=${FIELDS.join(',')}`);
    await patient(world, beta, 'POST', '/rest/api/3/issue', { fields: { project: { key: 'DEV' }, issuetype: { name: 'Task' }, ...writable(source.fields) } });
  }
}

/** For each row of a pair list: GET both issues to check they exist (the pairs themselves are stored without Jira). */
export async function naivePairCheck(world: World, rows: ReadonlyArray<{ alpha: string; beta: string }>): Promise<void> {
  const { alpha, beta } = clients(world);
  for (const r of rows) {
    await patient(world, alpha, 'GET', `/rest/api/3/issue/${r.alpha}?fields=summary`);
    await patient(world, beta, 'GET', `/rest/api/3/issue/${r.beta}?fields=summary`);
  }
}
