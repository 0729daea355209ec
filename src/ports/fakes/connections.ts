/** In-memory ConnectionDirectory for tests and the engine's unit suites. */
import type { ConnectionCredentials, ConnectionDirectory, ConnectionSummary } from '../connections';

export class MemoryConnections implements ConnectionDirectory {
  private readonly summaries = new Map<string, ConnectionSummary>();
  private readonly credentials = new Map<string, ConnectionCredentials>();

  async save(summary: ConnectionSummary, credentials?: ConnectionCredentials): Promise<void> {
    this.summaries.set(summary.id, structuredClone(summary));
    if (credentials) this.credentials.set(summary.id, { ...credentials });
  }

  async listForProject(projectKey: string): Promise<ConnectionSummary[]> {
    return [...this.summaries.values()].filter((s) => s.localProjectKey === projectKey).map((s) => structuredClone(s));
  }

  async signingKey(connectionId: string): Promise<string | undefined> {
    return this.credentials.get(connectionId)?.signingKey;
  }

  async partnerInboxUrl(connectionId: string): Promise<string | null | undefined> {
    return this.credentials.get(connectionId)?.partnerInboxUrl;
  }
}
