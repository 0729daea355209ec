/**
 * Shared pieces of the fuzz suites: how many cases to run, and the checks every parser must pass
 * (terminates in time, no raw exception, no prototype pollution, linear cost). Hostile text
 * (fuzz-text.ts) and structure-aware mutations of valid JSON and CSV (fuzz-mutate.ts) are re-exported
 * here. A failure names its seed and path: replay it with LOCKSTEP_FUZZ_SEED and LOCKSTEP_FUZZ_PATH set.
 */
import fc, { type Parameters } from 'fast-check';
import { expect } from 'vitest';
import { POLLUTED } from './fuzz-text';
import { MAX_PROBLEMS } from '../../src/domain/migration/problems';

export * from './fuzz-mutate';
export * from './fuzz-text';

const envNumber = (name: string, fallback: number): number => {
  const raw = process.env[name];
  const n = raw === undefined || raw === '' ? NaN : Number(raw);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

/** Cases per parser property: LOCKSTEP_FUZZ_RUNS, else 10,000 (the acceptance bar). */
export const FUZZ_RUNS = Math.round(envNumber('LOCKSTEP_FUZZ_RUNS', 10_000));
/**
 * Cases per write-path property (a whole upload, job, store round per case, ~3-10 ms each):
 * LOCKSTEP_FUZZ_WRITE_RUNS, else 1,000, so the suite stays quick; set it to 10000 for the full bar.
 */
export const WRITE_RUNS = Math.round(envNumber('LOCKSTEP_FUZZ_WRITE_RUNS', 1_000));
/** The most one case may take, in ms: hostile input must not make a parse slow. */
export const CASE_MS = envNumber('LOCKSTEP_FUZZ_CASE_MS', 200);
/** Generous vitest timeout for a whole property (10,000 cases on a busy two-core machine). */
export const PROPERTY_TIMEOUT_MS = 600_000;

/** fast-check parameters: `runs` cases, replayable from LOCKSTEP_FUZZ_SEED / LOCKSTEP_FUZZ_PATH. */
export function fuzzParams<T>(runs = FUZZ_RUNS): Parameters<T> {
  const seed = process.env.LOCKSTEP_FUZZ_SEED;
  const path = process.env.LOCKSTEP_FUZZ_PATH;
  return {
    numRuns: Math.max(1, Math.round(runs)),
    ...(seed ? { seed: Number(seed) } : {}),
    ...(path ? { path } : {}),
    // Hostile inputs can be large and slow to shrink: shrink only when asked (LOCKSTEP_FUZZ_SHRINK=1).
    endOnFailure: process.env.LOCKSTEP_FUZZ_SHRINK !== '1',
  };
}

/** A counterexample short enough to read: hostile inputs run to megabytes. */
function shortForm(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' ? JSON.stringify(value.slice(0, 400)) : JSON.stringify(value, (_k, v: unknown) => (typeof v === 'string' && v.length > 200 ? `${v.slice(0, 200)}…(${v.length} chars)` : v));
  } catch {
    text = `(${typeof value}, too deep to print)`;
  }
  const length = typeof value === 'string' ? ` (${value.length} chars)` : '';
  return `${text.length > 1_500 ? `${text.slice(0, 1_500)}…` : text}${length}`;
}

function failure<T>(details: fc.RunDetails<T>): Error {
  const replay = `LOCKSTEP_FUZZ_SEED=${details.seed} LOCKSTEP_FUZZ_PATH=${details.counterexamplePath ?? ''}`;
  const cause = details.errorInstance;
  const why = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
  return new Error(`Property failed after ${details.numRuns} case(s); replay with ${replay}\n${why.slice(0, 2_000)}\nCounterexample: ${shortForm(details.counterexample)}`, { cause });
}

/** Checks a parser property over FUZZ_RUNS × `scale` cases; a failure names the seed and path to replay it and a short counterexample. */
export function fuzz<T>(property: fc.IProperty<T>, scale = 1): void {
  const details = fc.check(property, fuzzParams<T>(FUZZ_RUNS * scale));
  if (details.failed) throw failure(details);
}

/** The most one write-path case may take (a whole upload, job or request, on a busy machine): past it the case hangs. */
export const WRITE_CASE_MS = envNumber('LOCKSTEP_FUZZ_WRITE_CASE_MS', 5_000);

/** Checks a write-path property over WRITE_RUNS × `scale` cases, each within WRITE_CASE_MS, reporting a failure as `fuzz` does. */
export async function fuzzAsync<T>(property: fc.IAsyncProperty<T>, scale = 1): Promise<void> {
  const details = await fc.check(property, { ...fuzzParams<T>(WRITE_RUNS * scale), timeout: WRITE_CASE_MS });
  if (details.failed) throw failure(details);
}

/**
 * The time one case may take: CASE_MS, and proportionally more for input over 250,000 characters
 * (a hang or a quadratic cost on such input takes seconds to minutes; linearity is checked apart).
 */
export const limitFor = (chars: number): number => CASE_MS * Math.max(1, chars / 250_000);

/**
 * Runs `work` (pure: it may run twice), failing the case when it throws or takes longer than `limitMs`
 * twice in a row: one slow run on a shared two-core machine is a pause, two are the parser.
 */
export function timed<T>(work: () => T, limitMs = CASE_MS): T {
  let ms = Infinity;
  let out: T;
  for (let attempt = 0; attempt < 2 && ms > limitMs; attempt++) {
    const start = performance.now();
    out = work();
    ms = performance.now() - start;
  }
  if (ms > limitMs) throw new Error(`took ${ms.toFixed(1)} ms twice (limit ${limitMs.toFixed(0)} ms)`);
  return out!;
}



/** Object.prototype and Array.prototype hold no pollution payload. */
export function expectNoPollution(): void {
  const probe: Record<string, unknown> = {};
  expect(probe[POLLUTED]).toBeUndefined();
  expect(Object.hasOwn(Object.prototype, POLLUTED)).toBe(false);
  expect(Object.hasOwn(Array.prototype, POLLUTED)).toBe(false);
}

/** Every object reachable from `value` is a plain object or array with its ordinary prototype (no `__proto__` took effect). */
export function expectPlainTree(value: unknown): void {
  const stack: unknown[] = [value];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== 'object' || seen.has(v)) continue;
    seen.add(v);
    const proto: unknown = Object.getPrototypeOf(v);
    const plain = Array.isArray(v) ? proto === Array.prototype : proto === Object.prototype || proto === null;
    // One expect at the end, not one per node: results can hold 100,000 objects.
    if (!plain) expect.fail(`an object with prototype ${String((proto as { constructor?: { name?: string } } | null)?.constructor?.name)} in the result`);
    for (const key of Object.keys(v)) stack.push((v as Record<string, unknown>)[key]);
  }
}

/** A problem as files report them: where, and what was expected, both in words. */
export function expectProblem(p: { at: unknown; message: unknown }): void {
  expect(typeof p.at).toBe('string');
  expect(typeof p.message).toBe('string');
  expect((p.at as string).length).toBeGreaterThan(0);
  expect((p.message as string).length).toBeGreaterThan(0);
  // A raw exception's text or an object stringified by accident is not a message for people.
  expect(p.message).not.toMatch(/\[object Object\]|TypeError|RangeError|Maximum call stack/);
}

/**
 * What any file parser's answer must be: no pollution, a plain tree, and a refusal with between one and
 * MAX_PROBLEMS (+1 "and more") problems a person can act on. True when the file was accepted.
 */
export function expectFileAnswer(result: { ok: true } | { ok: false; problems: Array<{ at: unknown; message: unknown }> }): boolean {
  expectNoPollution();
  expectPlainTree(result);
  if (result.ok) return true;
  expect(result.problems.length).toBeGreaterThan(0);
  expect(result.problems.length).toBeLessThanOrEqual(MAX_PROBLEMS + 1);
  result.problems.forEach(expectProblem);
  return false;
}

// ---------------------------------------------------------------- linearity

/** The fastest of `tries` runs of `work`, in ms. */
export function fastest(work: () => unknown, tries = 3): number {
  let best = Infinity;
  for (let i = 0; i < tries; i++) {
    const start = performance.now();
    work();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

/**
 * Checks that `run` on `make(8n)` costs about 8 times `run` on `make(n)`, not 64 (quadratic): the ratio
 * must stay under 24, measured on the fastest of three runs each, with a floor for timer noise.
 */
export function expectLinear(make: (n: number) => string, run: (text: string) => unknown, n: number): void {
  const small = make(n);
  const large = make(8 * n);
  run(small);
  const a = Math.max(fastest(() => run(small)), 0.5);
  const b = fastest(() => run(large));
  expect(b / a, `${small.length} chars: ${a.toFixed(2)} ms, ${large.length} chars: ${b.toFixed(2)} ms`).toBeLessThan(24);
}
