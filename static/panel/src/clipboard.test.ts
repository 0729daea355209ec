import { describe, expect, it } from 'vitest';
import { copyText } from './clipboard';

describe('copyText', () => {
  it('uses the Clipboard API when it works', async () => {
    const copied: string[] = [];
    expect(await copyText('DEV-12', { writeText: async (t) => { copied.push(t); }, execCopy: () => { throw new Error('not used'); } })).toBe(true);
    expect(copied).toEqual(['DEV-12']);
  });

  it('falls back to execCommand when the API is missing or refused', async () => {
    const fallback: string[] = [];
    const execCopy = (t: string) => { fallback.push(t); return true; };
    expect(await copyText('DEV-12', { execCopy })).toBe(true);
    expect(await copyText('DEV-13', { writeText: () => Promise.reject(new DOMException('denied', 'NotAllowedError')), execCopy })).toBe(true);
    expect(fallback).toEqual(['DEV-12', 'DEV-13']);
  });

  it('reports failure when both ways fail', async () => {
    expect(await copyText('DEV-12', { execCopy: () => false })).toBe(false);
    expect(await copyText('DEV-12', { writeText: () => Promise.reject(new Error('no')), execCopy: () => { throw new Error('no'); } })).toBe(false);
  });
});
