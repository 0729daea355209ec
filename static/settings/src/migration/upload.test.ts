import { describe, expect, it } from 'vitest';
import { UiError } from '../../../shared/errors';
import type { InvokeResolver } from '../../../shared/invokeResolver';
import { splitIntoPieces, UPLOAD_PIECE_CHARS, uploadText } from './upload';

describe('splitIntoPieces', () => {
  it('cuts at the limit and keeps everything in order', () => {
    expect(splitIntoPieces('abcdefg', 3)).toEqual(['abc', 'def', 'g']);
    expect(splitIntoPieces('abcdef', 3)).toEqual(['abc', 'def']);
    expect(splitIntoPieces('', 3)).toEqual(['']);
    const big = 'x'.repeat(UPLOAD_PIECE_CHARS * 2 + 5);
    const pieces = splitIntoPieces(big);
    expect(pieces.map((p) => p.length)).toEqual([UPLOAD_PIECE_CHARS, UPLOAD_PIECE_CHARS, 5]);
  });

  it('never separates the halves of a surrogate pair', () => {
    const text = 'ab😀cd'; // the emoji is two UTF-16 units at 2 and 3
    const pieces = splitIntoPieces(text, 3);
    expect(pieces).toEqual(['ab', '😀c', 'd']);
    expect(pieces.join('')).toBe(text);
    expect(pieces.every((p) => p.length <= 3)).toBe(true);
  });
});

describe('uploadText', () => {
  function fakeServer(ids: string[] = []) {
    const calls: Array<Record<string, unknown>> = [];
    let received = 0;
    const invoke = (async (name: string, payload?: Record<string, unknown>) => {
      expect(name).toBe('uploadPairFile');
      calls.push(payload!);
      received += String(payload!['text']).length;
      return { uploadId: ids.shift() ?? 'u1', received };
    }) as InvokeResolver;
    return { invoke, calls };
  }

  it('sends the first piece without an id, the next ones with it, and marks the last', async () => {
    const { invoke, calls } = fakeServer();
    const progress: number[] = [];
    const text = 'y'.repeat(UPLOAD_PIECE_CHARS + 10);
    await expect(uploadText(invoke, 'c1', text, (sent) => progress.push(sent))).resolves.toBe('u1');
    expect(calls.map((c) => [c['connectionId'], c['uploadId'], String(c['text']).length, c['last']])).toEqual([
      ['c1', undefined, UPLOAD_PIECE_CHARS, false],
      ['c1', 'u1', 10, true],
    ]);
    expect('uploadId' in calls[0]!).toBe(false);
    expect(progress).toEqual([UPLOAD_PIECE_CHARS, UPLOAD_PIECE_CHARS + 10]);
  });

  it('sends a small file in one last piece', async () => {
    const { invoke, calls } = fakeServer();
    await uploadText(invoke, 'c1', 'SUP-1,DEV-1');
    expect(calls).toEqual([{ connectionId: 'c1', text: 'SUP-1,DEV-1', last: true }]);
  });

  it('refuses an answer naming another upload', async () => {
    const { invoke } = fakeServer(['u1', 'u2']);
    await expect(uploadText(invoke, 'c1', 'z'.repeat(UPLOAD_PIECE_CHARS + 1))).rejects.toBeInstanceOf(UiError);
  });
});
