/**
 * Fuzzing what the settings page hands the migration engine besides files: download cursors, pair sources,
 * resync requests, job ids and audit cursors. Each is answered or refused with one of the errors the
 * resolvers turn into a 4xx (never a raw exception, which would be a 500), and a refusal changes nothing.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { metaOf } from '../../src/domain/config/catalog';
import { LockstepError } from '../../src/domain/errors';
import type { SyncConfig } from '../../src/domain/config/schema';
import { suggestConfig } from '../../src/domain/config/suggest';
import { exportPairs, MigrationRefused, previewPage, readJob, startPreview, startResync } from '../../src/engine/migration/admin';
import { NoSuggestion, NotThisProject, readAudit } from '../../src/engine/sync/admin';
import { localCatalog } from '../../src/engine/sync/catalog';
import { expectNoPollution, fuzzAsync, hostileText, mutatedValue, oddValue, PROPERTY_TIMEOUT_MS, stringifyJson, type Json } from '../support/fuzz';
import { CONNECTION, fuzzJira, fuzzWorld, pairOf, type FuzzJira } from '../support/fuzz-world';

let jira: FuzzJira;
let config: SyncConfig;
beforeAll(async () => {
  jira = fuzzJira(3);
  const { alpha, beta } = await fuzzWorld(jira);
  config = suggestConfig(metaOf(await localCatalog(alpha.deps, 'SUP')), metaOf(await localCatalog(beta.deps, 'DEV')), 'beta');
});

/** The errors admin-guard answers with a 4xx; anything else thrown is a 500. */
const refusal = (error: unknown) => error instanceof MigrationRefused || error instanceof NotThisProject || error instanceof NoSuggestion || (error instanceof LockstepError && error.status < 500);

const cursor = fc.oneof(
  hostileText,
  // Cursors shaped like the download's own (base64url JSON), with anything inside.
  mutatedValue({ c: 'eyJhZnRlciI6IjEwMDI3In0', n: 1 }).map((v) => Buffer.from(stringifyJson(v as Json)).toString('base64url')),
  fc.string({ maxLength: 40 }).map((c) => Buffer.from(JSON.stringify({ c, n: 1 })).toString('base64url')),
);

const inputs = fc.oneof(
  fc.record({ call: fc.constant('exportPairs' as const), format: fc.constantFrom('json' as const, 'csv' as const), cursor }),
  fc.record({ call: fc.constant('startPreview' as const), source: fc.oneof(mutatedValue({ match: 'field', localField: 'customfield_10011', partnerField: 'customfield_10200', jql: 'status = Open' }), mutatedValue({ upload: 'abc' }), oddValue) }),
  fc.record({ call: fc.constant('startResync' as const), request: fc.oneof(mutatedValue({ jql: '', fields: ['summary'], direction: 'to-partner', mode: 'incremental', since: '2026-11-20T09:00:00.000Z' }), oddValue) }),
  fc.record({ call: fc.constant('readJob' as const), jobId: hostileText, offset: fc.integer(), category: fc.option(fc.constantFrom('pair', 'conflict', '__proto__', 'constructor'), { nil: undefined }) }),
  fc.record({ call: fc.constant('readAudit' as const), cursor }),
);

describe('settings inputs under fuzzing', () => {
  it('answer or refuse with a 4xx error, and a refusal changes nothing', async () => {
    await fuzzAsync(fc.asyncProperty(inputs, async (input) => {
      const w = await fuzzWorld(jira, { configs: { alpha: config }, pairs: jira.sup.map((s, i) => pairOf(s, jira.dev[i]!)) });
      const { alpha } = w;
      const before = w.snapshot();
      try {
        switch (input.call) {
          case 'exportPairs': await exportPairs(alpha.deps, 'SUP', CONNECTION, input.format, input.cursor, 'acc-ada'); break;
          case 'startPreview': await startPreview(alpha.deps, 'SUP', CONNECTION, input.source, 'acc-ada'); break;
          case 'startResync': await startResync(alpha.deps, 'SUP', CONNECTION, input.request, 'acc-ada'); break;
          case 'readJob':
            await readJob(alpha.deps, 'SUP', CONNECTION, input.jobId).catch((e: unknown) => { if (!refusal(e)) throw e; });
            await previewPage(alpha.deps, 'SUP', CONNECTION, input.jobId, input.category as never, input.offset);
            break;
          case 'readAudit': await readAudit(alpha.deps, 'SUP', CONNECTION, input.cursor); break;
        }
      } catch (error) {
        if (!refusal(error)) throw error;
        expect(w.snapshot()).toEqual(before);
      }
      expectNoPollution();
    }));
  }, PROPERTY_TIMEOUT_MS);
});
