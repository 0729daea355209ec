/** In-memory IntentStore for the engine's unit tests; intents never lapse here. */
import { CreateIntent, type IntentKind, type IntentStore } from '../intents';

const keyOf = (c: string, kind: IntentKind, id: string) => `${c}:${kind}:${id}`;

export class MemoryIntents implements IntentStore {
  private readonly held = new Map<string, CreateIntent>();

  async begin(intent: CreateIntent): Promise<CreateIntent | undefined> {
    const k = keyOf(intent.connectionId, intent.kind, intent.id);
    const there = this.held.get(k);
    if (there) return structuredClone(there);
    this.held.set(k, CreateIntent.parse(structuredClone(intent)));
    return undefined;
  }

  async renew(intent: CreateIntent): Promise<void> {
    this.held.set(keyOf(intent.connectionId, intent.kind, intent.id), CreateIntent.parse(structuredClone(intent)));
  }

  async list(connectionId: string, kind: IntentKind): Promise<CreateIntent[]> {
    return [...this.held.values()].filter((i) => i.connectionId === connectionId && i.kind === kind).map((i) => structuredClone(i));
  }

  async end(connectionId: string, kind: IntentKind, id: string): Promise<void> {
    this.held.delete(keyOf(connectionId, kind, id));
  }

  /** Intents still held (tests: none is left behind once a create is recorded). */
  get size(): number {
    return this.held.size;
  }
}
