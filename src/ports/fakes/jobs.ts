/** In-memory JobStore and TextStore for tests and the engine's unit suites. */
import { Job, isFinal, type JobStore, type TextStore } from '../jobs';

export class MemoryJobs implements JobStore {
  private readonly jobs = new Map<string, Job>();
  async get(connectionId: string, jobId: string) { const j = this.jobs.get(`${connectionId}:${jobId}`); return j && structuredClone(j); }
  async put(job: Job) { this.jobs.set(`${job.connectionId}:${job.id}`, structuredClone(Job.parse(job))); }
  async list(connectionId: string) {
    return [...this.jobs.values()].filter((j) => j.connectionId === connectionId).sort((a, b) => b.startedAt.localeCompare(a.startedAt) || b.id.localeCompare(a.id)).map((j) => structuredClone(j));
  }
  async listUnfinished(connectionId?: string) { return [...this.jobs.values()].filter((j) => !isFinal(j.state) && (connectionId === undefined || j.connectionId === connectionId)).map((j) => structuredClone(j)); }
  async remove(connectionId: string, jobId: string) { this.jobs.delete(`${connectionId}:${jobId}`); }
}

export class MemoryTexts implements TextStore {
  private readonly texts = new Map<string, string>();
  async put(name: string, text: string) { this.texts.set(name, text); }
  async append(name: string, text: string) { const next = (this.texts.get(name) ?? '') + text; this.texts.set(name, next); return next.length; }
  async get(name: string) { return this.texts.get(name); }
  async remove(name: string) { this.texts.delete(name); }
}
