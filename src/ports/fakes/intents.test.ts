import { intentStoreContract } from '../contracts/intents.contract';
import { MemoryIntents } from './intents';

intentStoreContract('MemoryIntents', async () => ({ store: new MemoryIntents(), within: (fn) => fn() }));
