import { auditLogContract } from '../contracts/health.contract';
import { auditRecordsContract, personalDataReporterContract, privacyLedgerContract } from '../contracts/privacy.contract';
import { MemoryAuditRecords, MemoryPrivacyLedger, MemoryReporter } from './privacy';

personalDataReporterContract('MemoryReporter', async () => { const reporter = new MemoryReporter(); return { reporter, world: reporter, within: (fn) => fn() }; });
auditRecordsContract('MemoryAuditRecords', async () => { const audit = new MemoryAuditRecords(); return { audit, records: audit, within: (fn) => fn() }; });
// The same object is the engine's AuditLog in unit suites: it must be a faithful one.
auditLogContract('MemoryAuditRecords', async () => ({ audit: new MemoryAuditRecords(), within: (fn) => fn() }));
privacyLedgerContract('MemoryPrivacyLedger', async () => ({ ledger: new MemoryPrivacyLedger(), within: (fn) => fn() }));
