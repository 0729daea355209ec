import { linkStoreContract } from '../contracts/links.contract';
import { MemoryLinks } from './links';

linkStoreContract('MemoryLinks', async () => ({ store: new MemoryLinks(), within: (fn) => fn() }));
