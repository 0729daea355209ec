/** The sync engine's ports, bound to Forge: KVS stores, async-event queues, the app's Jira identity, fetch. */
import { randomInt } from 'node:crypto';
import type { SyncDeps } from '../../engine/sync/deps';
import { asApp } from './jira-transport';
import { kvsConnections } from './kvs-connections';
import { kvsAudit, kvsHealth } from './kvs-health';
import { kvsIntents } from './kvs-intents';
import { kvsPairs } from './kvs-pairs';
import { kvsSyncState } from './kvs-sync-state';
import { forgeQueue, INBOX_QUEUE, OUTBOX_QUEUE } from './forge-queue';
import { partnerFetch } from './partner-fetch';

export function forgeSyncDeps(): SyncDeps {
  return {
    connections: kvsConnections,
    pairs: kvsPairs,
    state: kvsSyncState,
    intents: kvsIntents,
    health: kvsHealth,
    audit: kvsAudit,
    jira: asApp(),
    outbox: forgeQueue(OUTBOX_QUEUE),
    inbox: forgeQueue(INBOX_QUEUE),
    partner: partnerFetch,
    now: Date.now,
    random: () => randomInt(1_000_000) / 1_000_000,
  };
}
