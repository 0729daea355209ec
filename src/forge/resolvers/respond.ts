/** Runs a resolver body and turns any failure into the error payload the UI understands. */
import { toLockstepError, type ErrorPayload } from '../../domain/errors';

export async function respond<T>(work: () => Promise<T>): Promise<T | ErrorPayload> {
  try {
    return await work();
  } catch (error) {
    const e = toLockstepError(error);
    if (e.status >= 500) console.error(`Resolver failed: ${e.message}`, e.cause ?? '');
    return e.toPayload();
  }
}
