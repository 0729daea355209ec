/**
 * Benchmarks' estimate of one invocation's memory: the process heap (JS heap plus array buffers) sampled
 * while it runs, minus the heap when it began. Everything in one sandbox process shares the heap, so the
 * figure also holds what the emulator and concurrent invocations allocate meanwhile: an upper bound.
 */
interface Tracker { base: number; peak: number }

const active = new Set<Tracker>();
let timer: NodeJS.Timeout | undefined;

const heapNow = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

function sample(): void {
  const now = heapNow();
  for (const t of active) t.peak = Math.max(t.peak, now);
}

/** Starts sampling every `intervalMs` (benchmarks only: the test suite leaves it off). */
export function startHeapMeter(intervalMs = 10): void {
  if (timer) return;
  timer = setInterval(sample, intervalMs);
  timer.unref();
}

export function stopHeapMeter(): void {
  if (timer) clearInterval(timer);
  timer = undefined;
}

/** Begins measuring one invocation; the returned function ends it and gives its peak growth in bytes. */
export function meterInvocation(): (() => number) | undefined {
  if (!timer) return undefined;
  const base = heapNow();
  const tracker: Tracker = { base, peak: base };
  active.add(tracker);
  return () => {
    sample();
    active.delete(tracker);
    return Math.max(0, tracker.peak - tracker.base);
  };
}
