/**
 * Which mapped fields a Jira change touched, read from the event's changelog (not by comparing whole
 * issues): only those fields are sent, and only where this side's direction sends them.
 */
import { z } from 'zod';
import { sends } from '../config/direction';
import type { FieldMapping, SyncConfig } from '../config/schema';
import { localFieldId } from './values';

/** The parts of a changelog item the engine depends on. */
export const ChangeItem = z.object({ fieldId: z.string().optional(), field: z.string(), from: z.string().nullable().optional(), to: z.string().nullable().optional() });
export type ChangeItem = z.infer<typeof ChangeItem>;

/** A field in the engine's own terms: the mapping that carries it, or the status. */
export type ChangedField = { kind: 'field'; mapping: FieldMapping } | { kind: 'status' };

/** Changed, mapped, outgoing fields, each once, in the configuration's order (status last). */
export function outgoingChanges(config: SyncConfig, items: readonly ChangeItem[]): ChangedField[] {
  const touched = new Set(items.map((i) => i.fieldId ?? i.field));
  const out: ChangedField[] = config.fields.filter((m) => sends(m.direction) && touched.has(localFieldId(m))).map((mapping) => ({ kind: 'field', mapping }));
  // A status change travels when statuses are mapped at all; the mapping itself picks the target.
  if (touched.has('status') && config.statuses.length > 0) out.push({ kind: 'status' });
  return out;
}
