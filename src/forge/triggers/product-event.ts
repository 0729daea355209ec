/** Product-event trigger: a change on this site becomes work for every running sync of its project. */
import { ProductEvent, projectKeyOf } from '../../domain/events';
import type { ConnectionDirectory } from '../../ports/connections';
import { kvsConnections } from '../adapters/kvs-connections';

export interface ProductEventResult {
  eventType: string;
  project: string | null;
  /** Running syncs of the project that the change concerns. */
  syncs: number;
}

export async function handleProductEvent(deps: { connections: ConnectionDirectory }, raw: unknown): Promise<ProductEventResult | { ignored: string }> {
  const parsed = ProductEvent.safeParse(raw);
  // A payload we cannot read is logged and dropped: retrying it would fail the same way.
  if (!parsed.success) return { ignored: `unreadable event: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
  const project = projectKeyOf(parsed.data) ?? null;
  const syncs = project ? (await deps.connections.listForProject(project)).filter((c) => c.state === 'running') : [];
  return { eventType: parsed.data.eventType, project, syncs: syncs.length };
}

export const onProductEvent = (event: unknown): Promise<unknown> => handleProductEvent({ connections: kvsConnections }, event);
