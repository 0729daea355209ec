/**
 * Fuzzing what Lockstep reads from Jira product events and its own queue envelopes: hostile and mutated
 * payloads parse into the typed event or are refused with a reason; times read as numbers or not at all.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectNoPollution, expectPlainTree, fuzz, hostileText, PROPERTY_TIMEOUT_MS, timed } from '../../../test/support/fuzz';
import { hostileLike, validEvents } from '../../../test/support/fuzz-messages';
import { ProductEvent, projectKeyOf } from '../events';
import { QueueEnvelope } from '../messages';
import { describeIssues } from '../notices';
import { SyncEvent, isoTime, jiraTime } from './event';

describe('product events under fuzzing', () => {
  it('parse into the typed event, or are refused naming the problem', () => {
    fuzz(fc.property(hostileLike(...validEvents), (raw) => {
      const parsed = timed(() => SyncEvent.safeParse(raw));
      const product = timed(() => ProductEvent.safeParse(raw));
      expectNoPollution();
      if (!parsed.success) expect(describeIssues(parsed.error)).toMatch(/\S/);
      else {
        expect(parsed.data.eventType.startsWith('avi:jira:')).toBe(true);
        if (parsed.data.issue) expect(parsed.data.issue.id).toMatch(/^\d{1,18}$/);
        expectPlainTree(parsed.data.issue ?? null);
        if (parsed.data.attachment) expect(typeof parsed.data.attachment.id).toBe('string');
      }
      if (product.success) {
        const key = projectKeyOf(product.data);
        expect(key === undefined || typeof key === 'string').toBe(true);
      }
    }));
  }, PROPERTY_TIMEOUT_MS);

  it('read any timestamp as epoch ms or not at all, and always write an ISO time', () => {
    const stamp = fc.oneof(hostileText, fc.date({ noInvalidDate: true }).map((d) => d.toISOString().replace('Z', '+0000')), fc.constantFrom('2026-11-02T09:30:00.000+0000', '+275760-09-13T00:00:00.000Z', '-271821-04-20T00:00:00.000Z', '2026-11-02T09:30:00.000+9999'));
    fuzz(fc.property(fc.oneof(stamp, fc.anything()), (value) => {
      const ms = timed(() => jiraTime(value));
      if (ms !== undefined) expect(Number.isFinite(ms)).toBe(true);
      expect(isoTime(value, 1_790_000_000_000)).toMatch(/^[+-]?\d{4,6}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }));
  }, PROPERTY_TIMEOUT_MS);
});

describe('queue envelopes under fuzzing', () => {
  it('parse into an envelope or are refused naming the problem', () => {
    fuzz(fc.property(hostileLike({ v: 1, type: 'sync', connectionId: 'sup-dev', messageId: '10042-3' }, { v: 1, type: 'job', connectionId: 'sup-dev', messageId: 'AbC_9.12' }), (raw) => {
      const parsed = timed(() => QueueEnvelope.safeParse(raw));
      expectNoPollution();
      if (!parsed.success) expect(describeIssues(parsed.error)).toMatch(/\S/);
      else expect(JSON.stringify(QueueEnvelope.parse(JSON.parse(JSON.stringify(parsed.data))))).toBe(JSON.stringify(parsed.data));
    }));
  }, PROPERTY_TIMEOUT_MS);
});
