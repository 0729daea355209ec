import { describe, expect, it } from 'vitest';
import type { PairPreviewPage, ReconciliationReport } from '../../../shared/types';
import { job } from './fixtures';
import { isFileData, isJobView, isMigrationStatus, isPairExportPiece, isPairPreviewPage, isReconciliationReport, isUploadData } from './validate';

const preview: PairPreviewPage = {
  counts: { pair: 1, paired: 0, 'missing-local': 1, 'missing-partner': 0, conflict: 0 },
  source: 'pairs.json (Lockstep pair list, 2 lines)',
  rows: [
    { line: 2, source: 'line 2', category: 'pair', localKey: 'SUP-1', partnerKey: 'DEV-1', localId: '100', partnerId: '200', reason: 'SUP-1 pairs with DEV-1' },
    { line: null, source: 'same key', category: 'missing-local', localKey: 'SUP-2', partnerKey: 'DEV-2', localId: null, partnerId: '201', reason: 'SUP-2 does not exist' },
  ],
  total: 2,
  offset: 0,
};

const side = { projectKey: 'SUP', jql: 'project = SUP', issues: 10, paired: 9, unpaired: 1, unpairedKeys: ['SUP-10'] };
const report: ReconciliationReport = {
  generatedAt: '2026-11-21T10:00:00Z',
  local: side,
  partner: { ...side, projectKey: 'DEV' },
  pairs: { total: 9, compared: 9, dangling: 0, danglingKeys: [] },
  mismatches: { count: 1, rows: [{ localKey: 'SUP-1', partnerKey: 'DEV-1', fields: ['Summary'] }] },
  checks: [{ label: 'Every pair resolves on both sides', pass: true, detail: '9 of 9' }],
  pass: false,
};

describe('migration answer checks', () => {
  it('accepts files, pieces and uploads', () => {
    expect(isFileData({ fileName: 'a.json', mimeType: 'application/json', text: '{}' })).toBe(true);
    expect(isFileData({ fileName: 'a.json', text: '{}' })).toBe(false);
    expect(isPairExportPiece({ fileName: 'a.csv', mimeType: 'text/csv', text: '', written: 0 })).toBe(true);
    expect(isPairExportPiece({ fileName: 'a.csv', mimeType: 'text/csv', text: '', written: 0, cursor: 'k' })).toBe(true);
    expect(isPairExportPiece({ fileName: 'a.csv', mimeType: 'text/csv', text: '', written: 0, cursor: 3 })).toBe(false);
    expect(isUploadData({ uploadId: 'u1', received: 10 })).toBe(true);
    expect(isUploadData({ uploadId: '', received: 10 })).toBe(false);
  });

  it('accepts jobs and refuses malformed ones', () => {
    expect(isJobView(job())).toBe(true);
    expect(isJobView(job({ total: null, etaSeconds: null, state: 'queued' }))).toBe(true);
    expect(isJobView(job({ problems: [{ at: 'line 2', message: 'no key' }], state: 'failed' }))).toBe(true);
    expect(isJobView({ ...job(), state: 'exploded' })).toBe(false);
    expect(isJobView({ ...job(), problems: undefined })).toBe(false);
    expect(isJobView({ ...job(), cancelling: undefined })).toBe(false);
    expect(isJobView({ ...job(), done: -1 })).toBe(false);
  });

  it('accepts a preview page and a report', () => {
    expect(isPairPreviewPage(preview)).toBe(true);
    expect(isPairPreviewPage({ ...preview, counts: { pair: 1 } })).toBe(false);
    expect(isPairPreviewPage({ ...preview, rows: [{ ...preview.rows[0], category: 'maybe' }] })).toBe(false);
    expect(isReconciliationReport(report)).toBe(true);
    expect(isReconciliationReport({ ...report, checks: [{ label: 'x', pass: 'yes', detail: '' }] })).toBe(false);
    expect(isReconciliationReport({ ...report, partner: { ...side, unpairedKeys: null } })).toBe(false);
  });

  it('accepts the migration status', () => {
    expect(isMigrationStatus({ steps: [{ key: 'stop', state: 'done', detail: 'Stopped', jobId: null }], jobs: [job()] })).toBe(true);
    expect(isMigrationStatus({ steps: [{ key: 'fly', state: 'done', detail: null, jobId: null }], jobs: [] })).toBe(false);
    expect(isMigrationStatus({ steps: [] })).toBe(false);
  });
});
