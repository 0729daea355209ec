/** In-memory ConnectionDirectory for tests and the engine's unit suites. */
import type { ConnectionDirectory, ConnectionSummary } from '../connections';

export class MemoryConnections implements ConnectionDirectory {
  private readonly summaries = new Map<string, ConnectionSummary>();
  private readonly keys = new Map<string, string>();

  put(summary: ConnectionSummary, signingKey?: string): void {
    this.summaries.set(summary.id, structuredClone(summary));
    if (signingKey !== undefined) this.keys.set(summary.id, signingKey);
  }

  async listForProject(projectKey: string): Promise<ConnectionSummary[]> {
    return [...this.summaries.values()].filter((s) => s.localProjectKey === projectKey).map((s) => structuredClone(s));
  }

  async signingKey(connectionId: string): Promise<string | undefined> {
    return this.keys.get(connectionId);
  }
}
