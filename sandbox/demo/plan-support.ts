/** The plan for SUP on `alpha`: a support desk's tickets, mostly support requests, worked through the service workflow. */
import { SUPPORT_COMMENTS, SUPPORT_SUBTASKS, SUPPORT_TEMPLATES } from './catalog/support';
import { dateFromAnchor, dateTimeFromAnchor, drawSlots, fill } from './catalog/slots';
import { TOPIC_COMPONENTS, type IssueTemplate } from './catalog/types';
import { commentBody, plainDoc, describeIssue } from './describe';
import { doc, para } from './adf';
import { planExtras } from './extras';
import {
  PRIORITY_WEIGHTS, commentCount, finalStatusOf, interleave, stickyPick, user,
  type Actor, type FieldValues, type PlannedIssue, type ProjectPlan, type Step,
} from './plan';
import type { Random } from './random';

const INITIAL = 'Open';
const DONE = new Set(['Resolved', 'Closed']);
const COMPONENTS = ['Billing', 'Login', 'Mobile app', 'API'];
const AGENTS: readonly Actor[] = ['sam', 'dana', 'ada'];

/** Status paths through the service workflow, by weight: about a quarter stays open, a third is resolved or closed. */
const STATUS_PATHS: readonly (readonly [readonly string[], number])[] = [
  [[], 24],
  [['In Progress'], 18],
  [['In Progress', 'Waiting for customer'], 14],
  [['In Progress', 'Waiting for customer', 'In Progress'], 6],
  [['In Progress', 'Resolved'], 16],
  [['In Progress', 'Waiting for customer', 'Resolved'], 6],
  [['In Progress', 'Resolved', 'Closed'], 12],
  [['In Progress', 'Resolved', 'Open'], 4],
];

const ROOT_CAUSES = [
  'The payment gateway retried without an idempotency key after a timeout.',
  'The SAML validator ignored the configured clock skew tolerance.',
  'A stale cache entry kept the old VAT number for {customer}.',
  'The mail gateway at {domain} quarantined our messages as bulk mail.',
  'App {appVersion} shipped with a force-unwrap on a missing keychain item.',
];

/** Severity follows priority loosely, as agents set both. */
function severityFor(rng: Random, priority: string): string {
  if (priority === 'Highest') return 'Critical';
  if (priority === 'High') return rng.chance(0.7) ? 'Major' : 'Critical';
  if (priority === 'Medium') return rng.chance(0.5) ? 'Major' : 'Minor';
  return 'Minor';
}

function platformsFor(rng: Random, t: IssueTemplate, slots: Record<string, string>): string[] {
  if (t.topic === 'mobile') return [/iPhone|iPad/.test(slots['device'] ?? '') ? 'iOS' : 'Android'];
  if (t.topic === 'login') return rng.chance(0.7) ? ['Web'] : ['Web', 'Desktop'];
  return rng.chance(0.3) ? rng.sample(['Web', 'iOS', 'Android', 'Desktop'], rng.int(1, 2)) : [];
}

function createValues(rng: Random, t: IssueTemplate, slots: Record<string, string>, assignee: Actor | null, done: boolean, status: string): FieldValues {
  const priority = rng.weighted(PRIORITY_WEIGHTS);
  const labels = rng.sample(t.labels ?? [], rng.int(1, Math.max(1, (t.labels ?? []).length)));
  if (rng.chance(0.1)) labels.push('vip');
  if (status === INITIAL && rng.chance(0.3)) labels.push('needs-triage');
  const base = TOPIC_COMPONENTS[t.topic];
  const components = base.length === 0 ? (rng.chance(0.35) ? [rng.pick(COMPONENTS)] : []) : [...base];
  if (base.length > 0 && rng.chance(0.1)) components.push(rng.pick(COMPONENTS.filter((c) => !components.includes(c))));
  const fixVersions = t.type === 'Bug' ? (done ? [rng.pick(['1.0', '1.1'])] : rng.chance(0.6) ? ['2.0'] : [])
    : t.type === 'Task' ? (rng.chance(0.3) ? ['2.0'] : [])
      : rng.chance(0.15) ? [done ? '1.1' : '2.0'] : [];
  const versions = t.type === 'Bug' ? [rng.pick(['1.0', '1.1'])] : rng.chance(0.25) ? ['1.1'] : [];
  const system: Record<string, unknown> = {
    summary: fill(t.summary, slots),
    description: describeIssue(t, slots, rng),
    priority: { name: priority },
    labels,
    components: components.map((name) => ({ name })),
    fixVersions: fixVersions.map((name) => ({ name })),
    versions: versions.map((name) => ({ name })),
    assignee: assignee === null ? null : user(assignee),
  };
  if (rng.chance(0.5)) system['duedate'] = dateFromAnchor(rng.int(-5, 30));
  if (t.type === 'Bug' || t.topic === 'login' || t.topic === 'mobile') {
    system['environment'] = doc(para(t.topic === 'mobile' ? `App ${slots['appVersion']} on ${slots['device']}` : `${slots['browser']} on ${slots['os']}`));
  }
  const custom: Record<string, unknown> = {};
  if (t.type !== 'Task' || rng.chance(0.5)) custom['Customer'] = slots['customer'];
  if (t.type !== 'Task' && rng.chance(0.85)) custom['Severity'] = { value: severityFor(rng, priority) };
  const platforms = platformsFor(rng, t, slots);
  if (platforms.length > 0) custom['Platforms'] = platforms.map((value) => ({ value }));
  if (rng.chance(0.12)) custom['Reference URL'] = `https://status.example.com/incidents/${slots['incident']}`;
  if (rng.chance(0.15)) custom['Tags'] = rng.sample(['key-account', 'renewal-q1', 'churn-risk', 'beta-program'], rng.int(1, 2));
  if (t.type === 'Task' && rng.chance(0.5)) custom['Start date'] = dateFromAnchor(-rng.int(0, 10));
  if (rng.chance(0.08)) custom['Team lead'] = user('ada');
  return { system, custom };
}

function activity(rng: Random, t: IssueTemplate, slots: Record<string, string>, path: readonly string[], assignee: Actor | null, pickUp: boolean): Step[] {
  const worker: Actor = assignee ?? 'ada';
  const work: Step[] = path.map((to): Step => {
    if (to === 'Resolved' && t.type === 'Bug' && rng.chance(0.7)) {
      return { kind: 'transition', actor: worker, to, values: { system: {}, custom: { 'Root cause': plainDoc(rng.pick(ROOT_CAUSES), slots) } } };
    }
    return { kind: 'transition', actor: worker, to };
  });
  if (rng.chance(0.1)) {
    const escalate: Step = { kind: 'edit', actor: 'ada', values: { system: { priority: { name: rng.pick(['Highest', 'High']) } }, custom: { 'Escalated at': dateTimeFromAnchor(-rng.int(1, 72)) }, update: { labels: [{ add: 'escalated' }] } } };
    work.splice(rng.int(0, work.length), 0, escalate);
  }
  if (rng.chance(0.06)) work.splice(rng.int(0, work.length), 0, { kind: 'edit', actor: worker, values: { system: { duedate: dateFromAnchor(rng.int(5, 40)) }, custom: {} } });
  const comments: Step[] = Array.from({ length: commentCount(rng) }, (): Step => {
    const author: Actor = assignee !== null && rng.chance(0.6) ? assignee : rng.pick(AGENTS);
    return { kind: 'comment', actor: author, body: commentBody(rng.pick(SUPPORT_COMMENTS), t.topic, slots, rng) };
  });
  const steps = interleave(rng, work, comments);
  // Picked up from the queue: assigned by the agent before any work started.
  if (pickUp && assignee !== null) steps.unshift({ kind: 'edit', actor: assignee, values: { system: { assignee: user(assignee) }, custom: {} } });
  return steps;
}

function ticket(rng: Random, ref: number, t: IssueTemplate, slots: Record<string, string>, reporter: Actor): PlannedIssue {
  const path = rng.weighted(STATUS_PATHS);
  const progressed = path.length > 0;
  const assignee: Actor | null = progressed ? rng.weighted([['sam', 55], ['dana', 30], ['ada', 15]] as const) : rng.weighted([[null, 45], ['sam', 30], ['dana', 15], ['ada', 10]] as const);
  const pickUp = progressed && rng.chance(0.25);
  const final = path.length > 0 ? path[path.length - 1]! : INITIAL;
  const values = createValues(rng, t, slots, pickUp ? null : assignee, DONE.has(final), final);
  const steps = activity(rng, t, slots, path, assignee, pickUp);
  return { ref, type: t.type, parent: null, reporter, topic: t.topic, template: t.summary, slots, values, steps, finalStatus: finalStatusOf(steps, INITIAL) };
}

function subtask(rng: Random, ref: number, parent: PlannedIssue): PlannedIssue {
  const parentDone = DONE.has(parent.finalStatus);
  const path: readonly string[] = parentDone ? ['In Progress', 'Resolved'] : parent.finalStatus === INITIAL ? [] : rng.weighted([[[], 2], [['In Progress'], 2], [['In Progress', 'Resolved'], 1]] as const);
  const assignee: Actor = rng.pick(AGENTS);
  const steps: Step[] = path.map((to): Step => ({ kind: 'transition', actor: assignee, to }));
  if (rng.chance(0.3)) steps.push({ kind: 'comment', actor: assignee, body: commentBody('Done, see the parent ticket for details.', parent.topic, parent.slots, rng) });
  const summary = fill(rng.pick(SUPPORT_SUBTASKS), parent.slots);
  const description = doc(para(`Split off from “${String(parent.values.system['summary'])}”.`), para(rng.pick(['Close this once done and note the outcome on the parent.', 'Blocking the parent ticket until done.', 'Owner picks this up today.'])));
  const system = { summary, description, priority: parent.values.system['priority'], assignee: user(assignee), components: parent.values.system['components'] };
  return { ref, type: 'Sub-task', parent: parent.ref, reporter: parent.reporter, topic: parent.topic, template: summary, slots: parent.slots, values: { system, custom: {} }, steps, finalStatus: finalStatusOf(steps, INITIAL) };
}

/** Plans `count` SUP issues: about 5% sub-tasks, the rest tickets from the support catalog. */
export function planSupport(rng: Random, count: number): ProjectPlan {
  const issues: PlannedIssue[] = [];
  const used = new Set<string>();
  const subtasks = Math.round(count * 0.05);
  let reporter: Actor | undefined;
  for (let ref = 0; ref < count - subtasks; ref++) {
    let t = rng.pick(SUPPORT_TEMPLATES);
    let slots = drawSlots(rng);
    // Tickets may repeat a template, but not word for word.
    for (let attempt = 0; attempt < 8 && used.has(fill(t.summary, slots)); attempt++) { t = rng.pick(SUPPORT_TEMPLATES); slots = drawSlots(rng); }
    used.add(fill(t.summary, slots));
    reporter = stickyPick(rng, reporter, [['sam', 55], ['dana', 20], ['ada', 25]]);
    issues.push(ticket(rng, ref, t, slots, reporter));
  }
  const tasksAndBugs = issues.filter((i) => i.type === 'Task' || i.type === 'Bug');
  const parents = tasksAndBugs.length > 0 ? tasksAndBugs : [...issues];
  for (let n = 0; n < subtasks; n++) issues.push(subtask(rng, issues.length, rng.pick(parents)));
  return { projectKey: 'SUP', issues, ...planExtras(rng, issues) };
}
