/**
 * Error model of the Custom UI apps. Pure module: no React, no @forge/bridge.
 */
import type { ResolverErrorResult } from './types';

/** Status used when no usable answer arrived: bridge missing, network failure, timeout, resolver crash. */
export const NO_RESPONSE_STATUS = 0;

/** A failed resolver call, in the one shape the UI renders. */
export class UiError extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.name = 'UiError';
    this.status = status;
  }

  /** True for 4xx: the user can act on `message`; anything else is shown generically with Retry. */
  get isUserFixable(): boolean {
    return this.status >= 400 && this.status <= 499;
  }
}

export function isUiError(value: unknown): value is UiError {
  return value instanceof UiError;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isHttpErrorStatus(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 400 && value <= 599;
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** `{ error: ... }` with a non-null `error`: the resolver reported a failure (possibly malformed). */
export function isResolverErrorResult(value: unknown): value is ResolverErrorResult {
  return isRecord(value) && 'error' in value && value['error'] !== null && value['error'] !== undefined;
}

/**
 * Maps a resolver's `{ error }` object to a UiError. Tolerates malformed errors: a status outside
 * 400–599 becomes 500 (so a broken resolver never asks the user to "fix" something), a missing
 * message gets a default naming the resolver.
 */
export function uiErrorFromResult(resolver: string, result: ResolverErrorResult): UiError {
  const raw: unknown = result.error;
  if (isRecord(raw)) {
    const status = isHttpErrorStatus(raw['status']) ? raw['status'] : 500;
    const message = nonEmptyString(raw['message']) ?? `${resolver} failed with status ${status}.`;
    return new UiError(status, message);
  }
  return new UiError(500, nonEmptyString(raw) ?? `${resolver} failed.`);
}

/** Returns the resolver's data or throws the UiError it reported. */
export function unwrapResolverResult<T>(resolver: string, result: unknown): T {
  if (isResolverErrorResult(result)) throw uiErrorFromResult(resolver, result);
  return result as T;
}

/**
 * Maps anything thrown while calling a resolver (bridge missing outside Jira, rate limit,
 * network failure, resolver crash) to a UiError. Errors carrying an HTTP status keep it.
 */
export function toUiError(thrown: unknown): UiError {
  if (isUiError(thrown)) return thrown;
  if (isRecord(thrown)) {
    const message = nonEmptyString(thrown['message']) ?? 'The request failed.';
    const status = isHttpErrorStatus(thrown['status']) ? thrown['status'] : NO_RESPONSE_STATUS;
    return new UiError(status, message);
  }
  return new UiError(NO_RESPONSE_STATUS, nonEmptyString(thrown) ?? 'The request failed.');
}

export const GENERIC_ERROR_TEXT = 'Something went wrong, try again.';

export interface ErrorPresentation {
  /** Text for the user. */
  text: string;
  /** Whether a Retry button makes sense. */
  retryable: boolean;
}

/** What the ErrorBanner shows: 4xx → "Fix this: <message>"; 5xx / no response → generic + Retry. */
export function describeUiError(error: UiError): ErrorPresentation {
  if (error.isUserFixable) return { text: `Fix this: ${error.message}`, retryable: false };
  return { text: GENERIC_ERROR_TEXT, retryable: true };
}
