/** The one error type that crosses from resolvers to the UI: a status (4xx: fix your input, 5xx: try again) and a cause. */
export class LockstepError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'LockstepError';
  }

  /** The serialisable shape resolvers return instead of throwing, so the bridge keeps the status. */
  toPayload(): ErrorPayload {
    return { error: { status: this.status, code: this.code, message: this.message } };
  }
}

export interface ErrorPayload {
  error: { status: number; code: string; message: string };
}

export const forbidden = (message: string): LockstepError => new LockstepError(403, message, 'forbidden');
export const badInput = (message: string): LockstepError => new LockstepError(400, message, 'bad-input');
export const upstream = (message: string, cause?: unknown): LockstepError => new LockstepError(502, message, 'upstream', { cause });

/** Any thrown value as a LockstepError; unknown failures are 500s whose details stay in the log. */
export function toLockstepError(error: unknown): LockstepError {
  if (error instanceof LockstepError) return error;
  return new LockstepError(500, 'Lockstep hit an unexpected error. Try again; if it persists, check the app logs.', 'internal', { cause: error });
}
