/** Shape check of the panel actions' result (PanelActionResult), so a resolver mismatch is an error, not a crash. */
import type { PanelActionResult } from '../../shared/types';

export function isPanelActionResult(v: unknown): v is PanelActionResult {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as Record<string, unknown>)['outcome'] === 'string';
}
