/**
 * Fuzzing the whole pair import, as the Migration tab drives it: upload a file, preview it (a job), apply
 * the preview (a job that stores the partner's half over the signed channel, then this side's). Two
 * installations in one process over the Jira emulator. A refused file or preview leaves every store of
 * both sides as it was; an applied one stores exactly the previewed pairs, on both sides, under the
 * issues' current keys; no job is left waiting on a retry.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { MigrationRefused, startApply, startPreview, uploadPiece } from '../../src/engine/migration/admin';
import { JOB_HANDLERS } from '../../src/engine/migration/handlers';
import { parseStepId, runJobStep } from '../../src/engine/migration/jobs';
import { previewRows } from '../../src/engine/migration/pair-jobs';
import type { Job } from '../../src/ports/jobs';
import type { Pair } from '../../src/ports/pairs';
import { csvText, expectNoPollution, expectProblem, fuzzAsync, hostileText, mutatedCsv, mutatedJson, PROPERTY_TIMEOUT_MS, stringifyJson, type Json } from '../support/fuzz';
import { allPairs, CONNECTION, fuzzJira, fuzzWorld, pairOf, type FuzzJira, type FuzzSide } from '../support/fuzz-world';
import type { SeededIssue } from '../support/seed';

let jira: FuzzJira;
beforeAll(() => { jira = fuzzJira(8); });

/** How a file names an issue: as Jira does, in lower case, with leading zeros, by a key it no longer has, or one that never was. */
type KeyForm = 'plain' | 'lower' | 'zeros' | 'stale' | 'missing';
const keyIn = (issue: SeededIssue, form: KeyForm): string => {
  const [project, n] = issue.key.split('-') as [string, string];
  return { plain: issue.key, lower: issue.key.toLowerCase(), zeros: `${project}-00${n}`, stale: `${project}-9${n}`, missing: `${project}-999` }[form];
};

const row = fc.record({
  l: fc.nat(), p: fc.nat(),
  lf: fc.constantFrom<KeyForm>('plain', 'plain', 'plain', 'lower', 'zeros', 'stale', 'missing'),
  pf: fc.constantFrom<KeyForm>('plain', 'plain', 'plain', 'lower', 'zeros', 'stale', 'missing'),
  ids: fc.boolean(),
});
type Row = { local: string; partner: string; localId?: string; partnerId?: string };

const rowsArb = fc.array(row, { minLength: 1, maxLength: 12 }).map((rs): Row[] => rs.map(({ l, p, lf, pf, ids }) => {
  const a = jira.sup[l % jira.sup.length]!;
  const b = jira.dev[p % jira.dev.length]!;
  return { local: keyIn(a, lf), partner: keyIn(b, pf), ...(ids ? { localId: a.id, partnerId: b.id } : {}) };
}));

/** The rows as one of the three formats, from this side's view or the partner's (swapped). */
function fileArb(rows: Row[]) {
  const swap = (r: Row): Row => ({ local: r.partner, partner: r.local, ...(r.partnerId ? { localId: r.partnerId } : {}), ...(r.localId ? { partnerId: r.localId } : {}) });
  const csv = (rs: Row[]) => [['local_key', 'partner_key', 'local_id', 'partner_id'], ...rs.map((r) => [r.local, r.partner, r.localId ?? '', r.partnerId ?? ''])];
  const lockstep = (rs: Row[], local: string, partner: string) => ({
    format: 'lockstep.pairs', version: 1, exportedAt: '2026-11-21T09:30:00.000Z',
    sync: { id: CONNECTION, local: { projectKey: local }, partner: { site: 'beta', projectKey: partner } }, total: rs.length,
    pairs: rs.map((r) => ({ local: { id: r.localId ?? null, key: r.local }, partner: { id: r.partnerId ?? null, key: r.partner }, status: 'active' })),
  });
  const backbone = (rs: Row[]) => ({ firstConnector: rs.map((r, i) => ({ id: i, localIssueKey: r.local, remoteIssueKey: r.partner })), secondConnector: rs.map((r, i) => ({ id: i, localIssueKey: r.partner, remoteIssueKey: r.local })) });
  const files = [
    { csv: csv(rows) }, { csv: csv(rows.map(swap)) },
    { json: lockstep(rows, 'SUP', 'DEV') as unknown as Json }, { json: lockstep(rows.map(swap), 'DEV', 'SUP') as unknown as Json }, { json: backbone(rows) as unknown as Json },
  ];
  // Half the files as written (they reach the preview and the apply), half mutated (most are refused whole).
  return fc.oneof(
    { arbitrary: fc.constantFrom(...files.map((f) => ('csv' in f ? csvText(f.csv, ',', '\n') : stringifyJson(f.json, 2)))), weight: 1 },
    { arbitrary: fc.oneof(...files.map((f) => ('csv' in f ? mutatedCsv(f.csv) : mutatedJson(f.json)))), weight: 1 },
  );
}

const caseArb = fc.record({
  text: fc.oneof({ arbitrary: rowsArb.chain(fileArb), weight: 6 }, { arbitrary: hostileText, weight: 1 }),
  // Pairs stored before the import: SUP-i ↔ DEV-j for a few (i, j), each issue in one pair at most.
  existing: fc.uniqueArray(fc.tuple(fc.nat(7), fc.nat(7)), { maxLength: 3, selector: ([i]) => i })
    .map((ps) => ps.filter(([, j], k) => ps.findIndex(([, other]) => other === j) === k)),
  acceptPartial: fc.boolean(),
});

/** The stores the import may change: everything but the job machinery (records, queue, texts, job audit entries) of the importing side. */
function dataOf(snapshot: unknown): unknown {
  const s = snapshot as { alpha: Record<string, unknown> };
  const { jobs: _jobs, jobQueue: _queue, texts: _texts, audit: _audit, ...alpha } = s.alpha;
  return { ...s, alpha };
}

/** Runs queued job steps until `job` is final; a step that asks to be retried fails the case (nothing here is transient). */
async function runJob(s: FuzzSide, job: Job): Promise<Job> {
  for (let i = 0; i < 200; i++) {
    const current = (await s.deps.jobs.get(CONNECTION, job.id))!;
    if (['done', 'failed', 'cancelled'].includes(current.state)) return current;
    const envelope = [...s.deps.jobQueue.pushed].reverse().find((e) => parseStepId(e.messageId)?.jobId === job.id)!;
    const step = parseStepId(envelope.messageId)!;
    const result = await runJobStep(s.deps, JOB_HANDLERS, CONNECTION, step.jobId, step.step);
    if ('retry' in result) throw new Error(`job ${current.kind} waits to retry: ${result.retry}`);
  }
  throw new Error(`job ${job.id} did not finish`);
}

const key = (p: Pair) => `${p.localIssueId}:${p.partnerIssueId}:${p.localIssueKey}:${p.partnerIssueKey}`;

describe('pair import under fuzzing', () => {
  it('stores exactly the previewed pairs on both sides, or nothing at all', async () => {
    await fuzzAsync(fc.asyncProperty(caseArb, async ({ text, existing, acceptPartial }) => {
      const before = existing.map(([i, j]) => pairOf(jira.sup[i]!, jira.dev[j]!));
      const world = await fuzzWorld(jira, { pairs: before });
      const { alpha, beta } = world;
      const start = dataOf(world.snapshot());

      let uploadId: string | undefined;
      for (let at = 0; at === 0 || at < text.length; at += 200_000) uploadId = (await uploadPiece(alpha.deps, 'SUP', CONNECTION, uploadId, text.slice(at, at + 200_000))).uploadId;
      const preview = await runJob(alpha, await startPreview(alpha.deps, 'SUP', CONNECTION, { upload: uploadId, fileName: 'pairs.txt' }, 'acc-ada'));
      expectNoPollution();
      if (preview.state === 'failed') {
        expect(preview.problems.length, preview.error ?? '').toBeGreaterThan(0);
        preview.problems.forEach(expectProblem);
        expect(dataOf(world.snapshot())).toEqual(start);
        expect(await previewRows(alpha.deps, CONNECTION, preview.id)).toBeUndefined();
        return;
      }
      expect(preview.state).toBe('done');
      expect(dataOf(world.snapshot())).toEqual(start);

      const rows = (await previewRows(alpha.deps, CONNECTION, preview.id))!;
      const ready = rows.filter((r) => r.category === 'pair');
      let applied: Job;
      try {
        applied = await runJob(alpha, await startApply(alpha.deps, 'SUP', CONNECTION, preview.id, acceptPartial, 'acc-ada'));
      } catch (error) {
        // Refused before it started (nothing ready, or problems not confirmed): nothing changed.
        if (!(error instanceof MigrationRefused)) throw error;
        expect(ready.length === 0 || (!acceptPartial && ready.length < rows.length), error.message).toBe(true);
        expect(dataOf(world.snapshot())).toEqual(start);
        return;
      }
      expect(applied.state, applied.error ?? '').toBe('done');

      // Both sides hold every ready pair under the issues' current keys, and the earlier pairs no ready row replaced.
      const current = new Map([...jira.sup, ...jira.dev].map((i) => [i.id, i.key]));
      const wanted = ready.map((r) => `${r.localId}:${r.partnerId}:${current.get(r.localId!)}:${current.get(r.partnerId!)}`);
      const replaced = new Set(ready.map((r) => r.localId));
      const kept = before.filter((p) => !replaced.has(p.localIssueId)).map(key);
      expect((await allPairs(alpha)).map(key).sort()).toEqual([...kept, ...wanted].sort());
      const mirroredKey = (p: Pair) => `${p.partnerIssueId}:${p.localIssueId}:${p.partnerIssueKey}:${p.localIssueKey}`;
      expect((await allPairs(beta)).map(mirroredKey).sort()).toEqual((await allPairs(alpha)).map(key).sort());
    }));
  }, PROPERTY_TIMEOUT_MS);
});
