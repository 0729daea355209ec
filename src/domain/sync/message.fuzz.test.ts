/**
 * Fuzzing the partner message schema the web trigger parses every change notice with: hostile and
 * mutated messages are accepted as values storage and queues can hold (clone, JSON, parse again) or
 * refused with every problem named; never an exception, a slow parse or a polluted prototype.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectNoPollution, expectPlainTree, fuzz, PROPERTY_TIMEOUT_MS, timed } from '../../../test/support/fuzz';
import { changes, hostileLike, syncMessage } from '../../../test/support/fuzz-messages';
import { describeIssues } from '../notices';
import { adfText, portableAdf } from './adf';
import { AdfDoc, SyncMessage } from './message';

const valid = Object.values(changes).map((c) => syncMessage(c));

describe('SyncMessage under fuzzing', () => {
  it('accepts only messages that storage can keep and read back, and names what is wrong with the rest', () => {
    fuzz(fc.property(hostileLike(...valid), (value) => {
      const parsed = timed(() => SyncMessage.safeParse(value));
      expectNoPollution();
      if (!parsed.success) {
        expect(describeIssues(parsed.error)).toMatch(/\S/);
        return;
      }
      expectPlainTree(parsed.data);
      // What the receiver does with an accepted message: keep it (KVS is JSON), queue it, clone it, read it back.
      const stored = timed(() => JSON.stringify(parsed.data));
      structuredClone(parsed.data);
      const again = SyncMessage.safeParse(JSON.parse(stored));
      expect(again.success && JSON.stringify(again.data)).toBe(stored);
      // Rich text is turned portable and read as text on the way in and out.
      for (const v of [...Object.values(parsed.data.change.kind === 'issue' ? parsed.data.change.fields : {}), parsed.data.change.kind === 'comment' ? { adf: parsed.data.change.body } : null]) {
        if (v && typeof v === 'object' && 'adf' in v) timed(() => adfText(portableAdf(v.adf)));
      }
    }));
  }, PROPERTY_TIMEOUT_MS);

  it('refuses rich text nested deeper than any real document, before anything recurses into it', () => {
    let deep: unknown = { type: 'text', text: 'x' };
    for (let i = 0; i < 100_000; i++) deep = { type: 'paragraph', content: [deep] };
    const doc = { type: 'doc', version: 1, content: [deep] };
    const parsed = timed(() => AdfDoc.safeParse(doc));
    expect(parsed.success).toBe(false);
    expect(SyncMessage.safeParse(syncMessage({ kind: 'comment', commentId: '1', author: null, created: '2026-09-21T08:00:00.000Z', body: doc as never })).success).toBe(false);
  });
});
