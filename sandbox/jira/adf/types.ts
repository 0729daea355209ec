/** ADF types come from the schema validator's module; this file adds the emulator's lenient "is it a document?" test. */
import type { AdfDocument } from '../openapi/adf';

export type { AdfNode } from '../openapi/adf';
export type AdfDoc = AdfDocument;

/** True when a stored value is an ADF document rather than a scalar or list; full checks are validateAdf's job. */
export function isAdfDoc(value: unknown): value is AdfDoc {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && (value as { type?: unknown }).type === 'doc';
}
