import { syncStateContract } from '../contracts/sync.contract';
import { MemorySyncState } from './sync';

syncStateContract('MemorySyncState', async () => ({ state: new MemorySyncState(), within: (fn) => fn() }));
