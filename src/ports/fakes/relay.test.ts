import { messageStoreContract } from '../contracts/messages.contract';
import { MemoryMessages } from './relay';

messageStoreContract('MemoryMessages', async () => ({ store: new MemoryMessages(), within: (fn) => fn() }));
