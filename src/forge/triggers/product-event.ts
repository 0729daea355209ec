/** Product-event trigger: a change on this site becomes a change notice for every running sync of its project. */
import { randomUUID } from 'node:crypto';
import { noticeChange, type NoticeChangeResult } from '../../engine/relay/notice-change';
import { kvsConnections } from '../adapters/kvs-connections';
import { kvsMessages } from '../adapters/kvs-messages';
import { forgeQueue, OUTBOX_QUEUE } from '../adapters/forge-queue';

export const onProductEvent = async (event: unknown): Promise<NoticeChangeResult> => {
  const result = await noticeChange({ connections: kvsConnections, messages: kvsMessages, outbox: forgeQueue(OUTBOX_QUEUE), newId: randomUUID, now: Date.now }, event);
  if ('ignored' in result) console.warn(`Product event ignored: ${result.ignored}`);
  return result;
};
