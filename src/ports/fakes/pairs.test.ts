import { pairStoreContract } from '../contracts/pairs.contract';
import { MemoryPairs } from './pairs';

pairStoreContract('MemoryPairs', async () => ({ store: new MemoryPairs(), within: (fn) => fn() }));
