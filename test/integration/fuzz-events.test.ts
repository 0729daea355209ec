/**
 * Fuzzing the product-event trigger's capture over in-memory stores and the Jira emulator: hostile and
 * mutated Jira events are ignored with a reason (nothing stored, nothing queued), or every message they
 * make is stored for delivery, queued once, and readable by the partner; a Jira refusal (an issue that
 * does not exist) leaves nothing behind either.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { metaOf } from '../../src/domain/config/catalog';
import type { SyncConfig } from '../../src/domain/config/schema';
import { suggestConfig } from '../../src/domain/config/suggest';
import { SyncMessage } from '../../src/domain/sync/message';
import { captureEvent } from '../../src/engine/sync/capture';
import { localCatalog } from '../../src/engine/sync/catalog';
import { JiraError } from '../../src/jira/errors';
import { expectNoPollution, fuzzAsync, PROPERTY_TIMEOUT_MS } from '../support/fuzz';
import { hostileLike, validEvents } from '../support/fuzz-messages';
import { CONNECTION, fuzzJira, fuzzWorld, pairOf, type FuzzJira } from '../support/fuzz-world';

let jira: FuzzJira;
let config: SyncConfig;
let events: unknown[];
beforeAll(async () => {
  jira = fuzzJira(3);
  const { alpha, beta } = await fuzzWorld(jira);
  const [sup, dev] = await Promise.all([localCatalog(alpha.deps, 'SUP'), localCatalog(beta.deps, 'DEV')]);
  config = suggestConfig(metaOf(sup), metaOf(dev), 'beta');
  // The sample events, re-pointed at SUP's seeded issues (the first two paired, the third not).
  const [a, b, c] = jira.sup as [typeof jira.sup[0], typeof jira.sup[0], typeof jira.sup[0]];
  events = JSON.parse(JSON.stringify(validEvents).replaceAll('"10042"', JSON.stringify(a.id)).replaceAll('SUP-12', a.key).replaceAll('"10043"', JSON.stringify(b.id)).replaceAll('10042', a.id)) as unknown[];
  events.push({ eventType: 'avi:jira:created:issue', issue: { id: c.id, key: c.key, fields: { project: { key: 'SUP' }, summary: 'New' } }, changelog: null });
});

describe('product event capture under fuzzing', () => {
  it('stores and queues every message an event makes, or nothing', async () => {
    await fuzzAsync(fc.asyncProperty(fc.constant(0).chain(() => hostileLike(...events)), async (raw) => {
      const w = await fuzzWorld(jira, { state: 'running', configs: { alpha: config }, pairs: jira.sup.slice(0, 2).map((s, i) => pairOf(s, jira.dev[i]!)) });
      const { alpha } = w;
      const before = w.snapshot();
      let result;
      try {
        result = await captureEvent(alpha.deps, raw);
      } catch (error) {
        // Jira saying an event's issue does not exist is the one refusal that throws; it must leave nothing behind.
        if (!(error instanceof JiraError) || error.status !== 404) throw error;
        expect(w.snapshot()).toEqual(before);
        return;
      }
      expectNoPollution();
      if ('ignored' in result) {
        expect(result.ignored).toMatch(/\S/);
        expect(w.snapshot()).toEqual(before);
        return;
      }
      expect(alpha.deps.outbox.pushed.map((e) => e.messageId)).toEqual(result.sent.map((s) => s.messageId));
      for (const s of result.sent) {
        const stored = await alpha.deps.state.getOutgoing(CONNECTION, s.messageId);
        expect(SyncMessage.safeParse(JSON.parse(JSON.stringify(stored))).success, s.messageId).toBe(true);
      }
    }));
  }, PROPERTY_TIMEOUT_MS);
});
