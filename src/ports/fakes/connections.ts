/** In-memory ConnectionDirectory for tests and the engine's unit suites. */
import type { SyncConfig } from '../../domain/config/schema';
import { ringOf, type KeyRing } from '../../domain/connections/key-ring';
import type { ConnectionCredentials, ConnectionDirectory, ConnectionSummary } from '../connections';

export class MemoryConnections implements ConnectionDirectory {
  private readonly summaries = new Map<string, ConnectionSummary>();
  private readonly credentials = new Map<string, ConnectionCredentials>();
  private readonly configs = new Map<string, SyncConfig>();
  private readonly rings = new Map<string, KeyRing>();

  async save(summary: ConnectionSummary, credentials?: ConnectionCredentials): Promise<void> {
    this.summaries.set(summary.id, structuredClone(summary));
    if (credentials) {
      this.credentials.set(summary.id, { ...credentials });
      this.rings.set(summary.id, ringOf(credentials.signingKey));
    }
  }

  async listForProject(projectKey: string): Promise<ConnectionSummary[]> {
    return [...this.summaries.values()].filter((s) => s.localProjectKey === projectKey).map((s) => structuredClone(s));
  }

  async signingKey(connectionId: string): Promise<string | undefined> {
    return this.rings.get(connectionId)?.current;
  }

  async keyRing(connectionId: string): Promise<KeyRing | undefined> {
    const ring = this.rings.get(connectionId);
    return ring && structuredClone(ring);
  }

  async saveKeyRing(connectionId: string, ring: KeyRing): Promise<boolean> {
    if (!this.rings.has(connectionId)) return false;
    this.rings.set(connectionId, structuredClone(ring));
    return true;
  }

  async partnerInboxUrl(connectionId: string): Promise<string | null | undefined> {
    return this.credentials.get(connectionId)?.partnerInboxUrl;
  }

  async partnerConnectionId(connectionId: string): Promise<string | undefined> {
    const c = this.credentials.get(connectionId);
    return c ? (c.partnerConnectionId ?? connectionId) : undefined;
  }

  async get(connectionId: string): Promise<ConnectionSummary | undefined> {
    const s = this.summaries.get(connectionId);
    return s ? structuredClone(s) : undefined;
  }

  async config(connectionId: string): Promise<SyncConfig | undefined> {
    const c = this.configs.get(connectionId);
    return c ? structuredClone(c) : undefined;
  }

  async saveConfig(connectionId: string, config: SyncConfig): Promise<void> {
    this.configs.set(connectionId, structuredClone(config));
  }

  async remove(connectionId: string): Promise<void> {
    this.summaries.delete(connectionId);
    this.credentials.delete(connectionId);
    this.rings.delete(connectionId);
    this.configs.delete(connectionId);
  }
}
