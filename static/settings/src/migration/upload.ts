/**
 * A pair file goes to the server in pieces of at most 200,000 characters (`uploadPairFile`): the first
 * call returns the upload id the next ones name, the last one says so. Pure apart from the injected invoke.
 */
import { UiError } from '../../../shared/errors';
import type { InvokeResolver } from '../../../shared/invokeResolver';
import type { UploadData } from '../../../shared/types';
import { isUploadData } from './validate';

export const UPLOAD_PIECE_CHARS = 200_000;

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff;

/** Cuts `text` into pieces of at most `max` characters, never between the two halves of a surrogate pair; at least one piece. */
export function splitIntoPieces(text: string, max: number = UPLOAD_PIECE_CHARS): string[] {
  if (max < 2) throw new RangeError('pieces must hold at least two characters');
  const pieces: string[] = [];
  let at = 0;
  while (at < text.length) {
    let end = Math.min(at + max, text.length);
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
    pieces.push(text.slice(at, end));
    at = end;
  }
  return pieces.length > 0 ? pieces : [''];
}

/** Sends `text` piece by piece and returns the upload id; `onProgress` hears the characters sent so far. */
export async function uploadText(
  invoke: InvokeResolver,
  connectionId: string,
  text: string,
  onProgress: (sent: number, total: number) => void = () => undefined,
): Promise<string> {
  const pieces = splitIntoPieces(text);
  let uploadId: string | undefined;
  let sent = 0;
  for (const [index, piece] of pieces.entries()) {
    const last = index === pieces.length - 1;
    const payload = uploadId === undefined ? { connectionId, text: piece, last } : { connectionId, uploadId, text: piece, last };
    const answer = await invoke<UploadData>('uploadPairFile', payload, { validate: isUploadData });
    if (uploadId !== undefined && answer.uploadId !== uploadId) throw new UiError(500, 'uploadPairFile answered for another upload.');
    uploadId = answer.uploadId;
    sent += piece.length;
    onProgress(sent, text.length);
  }
  return uploadId!;
}
