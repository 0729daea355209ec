/**
 * A status change on the partner becomes a walk through this side's workflow: the fewest transitions
 * from where the issue is to where it should be (breadth-first; global transitions apply anywhere).
 */
export interface WorkflowTransition {
  id: string;
  /** Status ids it leaves from; empty for a global transition. */
  from: readonly string[];
  to: string;
}

/** Transition ids to carry out in order; [] when already there; undefined when no path exists. */
export function shortestPath(transitions: readonly WorkflowTransition[], from: string, to: string): string[] | undefined {
  if (from === to) return [];
  const previous = new Map<string, { status: string; transition: string }>();
  const queue = [from];
  const seen = new Set([from]);
  while (queue.length > 0) {
    const status = queue.shift()!;
    for (const t of transitions) {
      if (t.from.length > 0 && !t.from.includes(status)) continue;
      if (seen.has(t.to)) continue;
      seen.add(t.to);
      previous.set(t.to, { status, transition: t.id });
      if (t.to === to) {
        const path: string[] = [];
        for (let at = to; at !== from; at = previous.get(at)!.status) path.unshift(previous.get(at)!.transition);
        return path;
      }
      queue.push(t.to);
    }
  }
  return undefined;
}
