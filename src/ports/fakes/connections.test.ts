import { connectionDirectoryContract } from '../contracts/connections.contract';
import { MemoryConnections } from './connections';

connectionDirectoryContract('MemoryConnections', async () => ({ directory: new MemoryConnections(), within: (fn) => fn() }));
