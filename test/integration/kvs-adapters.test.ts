/** The production KVS adapters pass the same contract suites as their in-memory fakes, under the local Forge runtime. */
import { kvsClaims } from '../../src/forge/adapters/kvs-claims';
import { kvsConnections } from '../../src/forge/adapters/kvs-connections';
import { kvsAudit, kvsHealth } from '../../src/forge/adapters/kvs-health';
import { kvsIntents } from '../../src/forge/adapters/kvs-intents';
import { kvsLinks } from '../../src/forge/adapters/kvs-links';
import { kvsPairs } from '../../src/forge/adapters/kvs-pairs';
import { kvsSyncState } from '../../src/forge/adapters/kvs-sync-state';
import { claimStoreContract } from '../../src/ports/contracts/claims.contract';
import { connectionDirectoryContract } from '../../src/ports/contracts/connections.contract';
import { auditLogContract, healthStoreContract } from '../../src/ports/contracts/health.contract';
import { intentStoreContract } from '../../src/ports/contracts/intents.contract';
import { linkStoreContract } from '../../src/ports/contracts/links.contract';
import { pairStoreContract } from '../../src/ports/contracts/pairs.contract';
import { syncStateContract } from '../../src/ports/contracts/sync.contract';
import { jobStoreContract, textStoreContract } from '../../src/ports/contracts/jobs.contract';
import { kvsJobs, kvsTexts } from '../../src/forge/adapters/kvs-jobs';
import { freshRuntimes } from '../support/fresh-runtime';

const freshRuntime = freshRuntimes();
/** Steps run as invocations on alpha of a fresh runtime (so fresh, empty KVS) per contract case. */
const fresh = async () => (await freshRuntime()).within;

connectionDirectoryContract('kvsConnections (Forge KVS)', async () => ({ directory: kvsConnections, within: await fresh() }));
pairStoreContract('kvsPairs (Forge KVS entities)', async () => ({ store: kvsPairs, within: await fresh() }));
healthStoreContract('kvsHealth (Forge KVS)', async () => ({ store: kvsHealth, within: await fresh() }));
auditLogContract('kvsAudit (Forge KVS)', async () => ({ audit: kvsAudit, within: await fresh() }));
linkStoreContract('kvsLinks (Forge KVS)', async () => ({ store: kvsLinks, within: await fresh() }));
syncStateContract('kvsSyncState (Forge KVS)', async () => ({ state: kvsSyncState, within: await fresh() }));
jobStoreContract('kvsJobs (Forge KVS)', async () => ({ store: kvsJobs, within: await fresh() }));
textStoreContract('kvsTexts (Forge KVS)', async () => ({ store: kvsTexts, within: await fresh() }));
claimStoreContract('kvsClaims (Forge KVS)', async () => ({ store: kvsClaims, within: await fresh() }));
intentStoreContract('kvsIntents (Forge KVS)', async () => ({ store: kvsIntents, within: await fresh() }));
