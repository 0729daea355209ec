import { connectionDirectoryContract } from '../contracts/connections.contract';
import { MemoryConnections } from './connections';

connectionDirectoryContract('MemoryConnections', async () => {
  const directory = new MemoryConnections();
  return { directory, seed: async (s, key) => directory.put(s, key) };
});
