import { describe, expect, it } from 'vitest';
import { UiError } from '../../../shared/errors';
import type { InvokeResolver } from '../../../shared/invokeResolver';
import type { PairExportPiece } from '../../../shared/types';
import { exportPairFile } from './pairExport';

function server(pieces: PairExportPiece[]) {
  const calls: Array<Record<string, unknown>> = [];
  const invoke = (async (name: string, payload?: Record<string, unknown>) => {
    expect(name).toBe('exportPairs');
    calls.push(payload!);
    return pieces.shift();
  }) as InvokeResolver;
  return { invoke, calls };
}

const piece = (text: string, written: number, cursor?: string): PairExportPiece => ({
  fileName: 'lockstep-pairs-SUP-DEV.csv',
  mimeType: 'text/csv',
  text,
  written,
  ...(cursor === undefined ? {} : { cursor }),
});

describe('exportPairFile', () => {
  it('follows the cursor, joins the pieces and reports progress', async () => {
    const { invoke, calls } = server([piece('h\na\n', 5000, 'k1'), piece('b\n', 10000, 'k2'), piece('c\n', 12000)]);
    const progress: number[] = [];
    const file = await exportPairFile(invoke, 'c1', 'csv', (n) => progress.push(n));
    expect(file).toEqual({ fileName: 'lockstep-pairs-SUP-DEV.csv', mimeType: 'text/csv', text: 'h\na\nb\nc\n' });
    expect(calls).toEqual([
      { connectionId: 'c1', format: 'csv' },
      { connectionId: 'c1', format: 'csv', cursor: 'k1' },
      { connectionId: 'c1', format: 'csv', cursor: 'k2' },
    ]);
    expect(progress).toEqual([5000, 10000, 12000]);
  });

  it('stops on a cursor it has seen before', async () => {
    const { invoke } = server([piece('a', 1, 'k1'), piece('b', 2, 'k1')]);
    await expect(exportPairFile(invoke, 'c1', 'json')).rejects.toBeInstanceOf(UiError);
  });
});
