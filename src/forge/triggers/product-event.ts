/** Product-event trigger: a change on this site becomes sync messages for every running sync of its project. */
import { captureEvent, type CaptureResult } from '../../engine/sync/capture';
import { forgeSyncDeps } from '../adapters/sync-deps';

export const onProductEvent = async (event: unknown): Promise<CaptureResult> => captureEvent(forgeSyncDeps(), event);
