import { jobStoreContract, textStoreContract } from '../contracts/jobs.contract';
import { MemoryJobs, MemoryTexts } from './jobs';

jobStoreContract('MemoryJobs', async () => ({ store: new MemoryJobs(), within: (fn) => fn() }));
textStoreContract('MemoryTexts', async () => ({ store: new MemoryTexts(), within: (fn) => fn() }));
