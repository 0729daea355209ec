/** What the seeder will do, decided up front by the PRNG: issues with their fields and activity, attachments and links. */
import type { AdfDocument } from '../jira/openapi/adf';
import { PEOPLE } from '../jira/sites';
import type { Topic } from './catalog/types';
import type { Random } from './random';

/** People who act in the demo projects (Omar is an outsider with no access to them). */
export type Actor = 'ada' | 'sam' | 'dana';

/** Field values in REST input shape; custom fields by name (ids differ per site and are looked up at run time). */
export interface FieldValues {
  system: Record<string, unknown>;
  custom: Record<string, unknown>;
  /** `update` operations, e.g. `{ labels: [{ add: 'escalated' }] }`. */
  update?: Record<string, unknown[]>;
}

export type Step =
  | { kind: 'comment'; actor: Actor; body: AdfDocument }
  | { kind: 'transition'; actor: Actor; to: string; values?: FieldValues }
  | { kind: 'edit'; actor: Actor; values: FieldValues };

export interface PlannedIssue {
  /** Index in the plan; parents and links refer to issues by it. */
  ref: number;
  type: string;
  parent: number | null;
  reporter: Actor;
  topic: Topic;
  /** Groups issues made from one template, for duplicate links. */
  template: string;
  slots: Record<string, string>;
  values: FieldValues;
  steps: Step[];
  /** Status the issue ends in (the initial status when `steps` has no transition). */
  finalStatus: string;
}

export interface PlannedAttachment {
  issue: number;
  actor: Actor;
  filename: string;
  mimeType: string;
  bytes: Uint8Array;
}

export interface PlannedLink {
  type: 'Blocks' | 'Relates' | 'Duplicate' | 'Cloners';
  /** The "is blocked by" / "is duplicated by" side. */
  inward: number;
  /** The "blocks" / "duplicates" side. */
  outward: number;
  actor: Actor;
}

export interface ProjectPlan {
  projectKey: string;
  issues: PlannedIssue[];
  attachments: PlannedAttachment[];
  links: PlannedLink[];
}

/** How often each priority is drawn: mostly Medium, every priority present. */
export const PRIORITY_WEIGHTS = [['Highest', 6], ['High', 20], ['Medium', 42], ['Low', 20], ['Lowest', 12]] as const;

/** A user reference in REST input shape. */
export const user = (actor: Actor): { accountId: string } => ({ accountId: PEOPLE[actor].accountId });

/** Picks a reporter, usually the previous one again: people file tickets in runs, which keeps bulk creates large. */
export function stickyPick(rng: Random, previous: Actor | undefined, weights: readonly (readonly [Actor, number])[], stickiness = 0.7): Actor {
  return previous !== undefined && rng.chance(stickiness) ? previous : rng.weighted(weights);
}

/** 0–4 comments, most issues having few. */
export function commentCount(rng: Random): number {
  return rng.weighted([[0, 30], [1, 30], [2, 20], [3, 12], [4, 8]]);
}

/** Merges comments into the transition sequence at random places, keeping each sequence's own order. */
export function interleave(rng: Random, transitions: Step[], comments: Step[]): Step[] {
  const out: Step[] = [];
  let t = 0;
  let c = 0;
  while (t < transitions.length || c < comments.length) {
    const takeComment = c < comments.length && (t >= transitions.length || rng.chance(0.45));
    out.push(takeComment ? comments[c++]! : transitions[t++]!);
  }
  return out;
}

/** The issue's final status: the last transition's target, or the initial status. */
export function finalStatusOf(steps: readonly Step[], initial: string): string {
  let status = initial;
  for (const s of steps) if (s.kind === 'transition') status = s.to;
  return status;
}
