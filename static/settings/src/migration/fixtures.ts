/** Test data of the Migration tab's unit tests (imported by tests only). */
import type { JobView } from '../../../shared/types';

export const job = (patch: Partial<JobView> = {}): JobView => ({
  id: 'j1',
  kind: 'resync',
  state: 'running',
  done: 120,
  total: 500,
  etaSeconds: 125,
  startedAt: '2026-11-21T10:00:00Z',
  updatedAt: '2026-11-21T10:01:00Z',
  finishedAt: null,
  startedBy: 'ada',
  error: null,
  problems: [],
  summary: null,
  cancelling: false,
  ...patch,
});
