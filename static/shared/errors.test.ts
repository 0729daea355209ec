import { describe, expect, it } from 'vitest';
import {
  describeUiError,
  GENERIC_ERROR_TEXT,
  isResolverErrorResult,
  NO_RESPONSE_STATUS,
  toUiError,
  UiError,
  uiErrorFromResult,
  unwrapResolverResult,
} from './errors';

describe('unwrapResolverResult', () => {
  it('returns data untouched', () => {
    const data = { project: { key: 'ABC', name: 'Alpha' }, syncs: [] };
    expect(unwrapResolverResult('getSettings', data)).toBe(data);
  });

  it('throws a UiError carrying status and message of an { error } result', () => {
    const thrown = (() => {
      try {
        unwrapResolverResult('getSettings', { error: { status: 403, message: 'You need to be a project admin.' } });
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(thrown).toBeInstanceOf(UiError);
    expect(thrown).toMatchObject({ status: 403, message: 'You need to be a project admin.' });
  });

  it('ignores a null or undefined error field', () => {
    expect(isResolverErrorResult({ error: null })).toBe(false);
    expect(isResolverErrorResult({ error: undefined })).toBe(false);
    expect(isResolverErrorResult(null)).toBe(false);
    expect(isResolverErrorResult('error')).toBe(false);
  });
});

describe('uiErrorFromResult (malformed errors)', () => {
  it('turns a status outside 400–599 into 500', () => {
    expect(uiErrorFromResult('x', { error: { status: 200, message: 'odd' } })).toMatchObject({ status: 500, message: 'odd' });
    expect(uiErrorFromResult('x', { error: { status: 404.5, message: 'odd' } }).status).toBe(500);
    expect(uiErrorFromResult('x', { error: { status: '404', message: 'odd' } } as never).status).toBe(500);
  });

  it('supplies a message naming the resolver when none is given', () => {
    expect(uiErrorFromResult('getSettings', { error: { status: 409, message: '  ' } })).toMatchObject({
      status: 409,
      message: 'getSettings failed with status 409.',
    });
  });

  it('accepts a bare string error as a 500', () => {
    expect(uiErrorFromResult('getIssueSync', { error: 'kaputt' } as never)).toMatchObject({ status: 500, message: 'kaputt' });
  });
});

describe('toUiError', () => {
  it('passes UiErrors through', () => {
    const e = new UiError(422, 'bad');
    expect(toUiError(e)).toBe(e);
  });

  it('maps plain errors (bridge missing, network, resolver crash) to the no-response status', () => {
    const e = toUiError(new Error('Unable to establish a connection with the Custom UI bridge.'));
    expect(e).toBeInstanceOf(UiError);
    expect(e.status).toBe(NO_RESPONSE_STATUS);
    expect(e.message).toContain('Custom UI bridge');
  });

  it('keeps an HTTP error status carried by a thrown object', () => {
    expect(toUiError({ status: 429, message: 'Too many requests' })).toMatchObject({ status: 429, message: 'Too many requests' });
    expect(toUiError({ status: 503 })).toMatchObject({ status: 503, message: 'The request failed.' });
  });

  it('handles non-objects', () => {
    expect(toUiError('offline')).toMatchObject({ status: NO_RESPONSE_STATUS, message: 'offline' });
    expect(toUiError(undefined)).toMatchObject({ status: NO_RESPONSE_STATUS, message: 'The request failed.' });
  });
});

describe('describeUiError', () => {
  it('shows 4xx messages as something the user can fix, without Retry', () => {
    expect(describeUiError(new UiError(400, 'Pick a partner project first.'))).toEqual({
      text: 'Fix this: Pick a partner project first.',
      retryable: false,
    });
    expect(describeUiError(new UiError(499, 'm')).retryable).toBe(false);
  });

  it('hides 5xx and network details behind a generic text with Retry', () => {
    for (const status of [500, 502, 599, NO_RESPONSE_STATUS]) {
      expect(describeUiError(new UiError(status, 'stack trace here'))).toEqual({ text: GENERIC_ERROR_TEXT, retryable: true });
    }
    expect(GENERIC_ERROR_TEXT).toBe('Something went wrong, try again.');
  });
});
