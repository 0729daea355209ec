/**
 * "Download synchronized issues": `exportPairs` answers in pieces of up to 5,000 pairs; the tab asks
 * again with each cursor until none comes back and saves the pieces joined as one file.
 */
import { UiError } from '../../../shared/errors';
import type { InvokeResolver } from '../../../shared/invokeResolver';
import type { FileData, PairExportPiece } from '../../../shared/types';
import { isPairExportPiece } from './validate';

export type PairFormat = 'json' | 'csv';

/** More pieces than this (50 million pairs) means the cursor never ends: stop rather than loop forever. */
export const MAX_EXPORT_PIECES = 10_000;

/** Reads every piece of the pair list; `onProgress` hears the pairs written so far. */
export async function exportPairFile(
  invoke: InvokeResolver,
  connectionId: string,
  format: PairFormat,
  onProgress: (written: number) => void = () => undefined,
): Promise<FileData> {
  const texts: string[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  let first: PairExportPiece | undefined;
  for (let piece = 0; piece < MAX_EXPORT_PIECES; piece++) {
    const payload = cursor === undefined ? { connectionId, format } : { connectionId, format, cursor };
    const answer = await invoke<PairExportPiece>('exportPairs', payload, { validate: isPairExportPiece });
    first ??= answer;
    texts.push(answer.text);
    onProgress(answer.written);
    if (answer.cursor === undefined) return { fileName: first.fileName, mimeType: first.mimeType, text: texts.join('') };
    if (seen.has(answer.cursor)) throw new UiError(500, 'exportPairs repeated a cursor.');
    seen.add(answer.cursor);
    cursor = answer.cursor;
  }
  throw new UiError(500, 'exportPairs did not finish.');
}
