import { auditLogContract, healthStoreContract } from '../contracts/health.contract';
import { MemoryAudit, MemoryHealth } from './health';

healthStoreContract('MemoryHealth', async () => ({ store: new MemoryHealth(), within: (fn) => fn() }));
auditLogContract('MemoryAudit', async () => ({ audit: new MemoryAudit(), within: (fn) => fn() }));
