/** The plan for DEV on `beta`: an engineering backlog of epics, bugs, stories, tasks and sub-tasks on the software workflow. */
import { ENGINEERING_COMMENTS, ENGINEERING_SUBTASKS, ENGINEERING_TEMPLATES, EPICS, type EpicTemplate } from './catalog/engineering';
import { dateFromAnchor, dateTimeFromAnchor, drawSlots, fill } from './catalog/slots';
import { TOPIC_COMPONENTS, type IssueTemplate } from './catalog/types';
import { commentBody, describeIssue, plainDoc } from './describe';
import { bullets, doc, heading, para } from './adf';
import { planExtras } from './extras';
import {
  PRIORITY_WEIGHTS, commentCount, finalStatusOf, interleave, stickyPick, user,
  type Actor, type FieldValues, type PlannedIssue, type ProjectPlan, type Step,
} from './plan';
import type { Random } from './random';

const INITIAL = 'To Do';
const ENGINEERS: readonly Actor[] = ['dana', 'ada', 'sam'];
const COMPONENTS = ['Billing', 'Login', 'Mobile app', 'API'];

/** Paths through the software workflow, by weight: a third done, some bounced back from review or reopened. */
const STATUS_PATHS: readonly (readonly [readonly string[], number])[] = [
  [[], 30],
  [['In Progress'], 18],
  [['In Progress', 'In Review'], 12],
  [['In Progress', 'In Review', 'In Progress'], 5],
  [['In Progress', 'In Review', 'Done'], 28],
  [['In Progress', 'In Review', 'Done', 'To Do'], 3],
  [['In Progress', 'To Do'], 4],
];

const ROOT_CAUSES = [
  'Retries in {service} reused no idempotency key, so a slow gateway answer produced a second charge.',
  'A missing index on {table} after the last migration forced sequential scans.',
  'The fragment accessed its context after being detached during a configuration change.',
  'Cursors encoded an offset rather than the last seen sort key.',
  'A listener was registered on every config reload and never removed.',
];

const byType = (type: string): IssueTemplate[] => ENGINEERING_TEMPLATES.filter((t) => t.type === type);
const TEMPLATES_BY_TYPE: readonly (readonly [IssueTemplate[], number])[] = [[byType('Bug'), 35], [byType('Story'), 35], [byType('Task'), 30]];

const last = (path: readonly string[]): string => (path.length > 0 ? path[path.length - 1]! : INITIAL);

function fixVersionsFor(rng: Random, status: string): string[] {
  if (status === 'Done') return [rng.pick(['1.0', '1.1', '1.1'])];
  if (status === 'In Progress' || status === 'In Review') return ['2.0'];
  return rng.chance(0.5) ? ['2.0'] : [];
}

function epic(rng: Random, ref: number, e: EpicTemplate): PlannedIssue {
  const slots = drawSlots(rng);
  const path: readonly string[] = ref < 2 ? ['In Progress', 'In Review', 'Done'] : rng.chance(0.6) ? ['In Progress'] : [];
  const lead: Actor = rng.pick(['ada', 'dana'] as const);
  const status = last(path);
  const system: Record<string, unknown> = {
    summary: e.summary,
    description: doc(para(e.goal), heading(3, 'Outcomes'), bullets(e.outcomes), para(`Owner: **${lead === 'ada' ? 'Ada' : 'Dana'}**. Progress is tracked by the child issues.`)),
    priority: { name: rng.pick(['High', 'Medium']) },
    labels: [e.topic, 'roadmap'],
    components: TOPIC_COMPONENTS[e.topic].map((name) => ({ name })),
    fixVersions: fixVersionsFor(rng, status).map((name) => ({ name })),
    assignee: user(lead),
  };
  const custom: Record<string, unknown> = { 'Team lead': user(lead), 'Start date': dateFromAnchor(-rng.int(10, 60)) };
  const steps: Step[] = path.map((to): Step => ({ kind: 'transition', actor: lead, to }));
  return { ref, type: 'Epic', parent: null, reporter: 'ada', topic: e.topic, template: e.summary, slots, values: { system, custom }, steps, finalStatus: finalStatusOf(steps, INITIAL) };
}

function createValues(rng: Random, t: IssueTemplate, slots: Record<string, string>, assignee: Actor | null, status: string): FieldValues {
  const priority = rng.weighted(PRIORITY_WEIGHTS);
  const labels = rng.sample(t.labels ?? [], rng.int(1, Math.max(1, (t.labels ?? []).length)));
  if (rng.chance(0.06)) labels.push('good-first-issue');
  const base = TOPIC_COMPONENTS[t.topic];
  const components = base.length === 0 ? (rng.chance(0.4) ? [rng.pick(COMPONENTS)] : []) : [...base];
  if (base.length > 0 && rng.chance(0.12)) components.push(rng.pick(COMPONENTS.filter((c) => !components.includes(c))));
  const system: Record<string, unknown> = {
    summary: fill(t.summary, slots),
    description: describeIssue(t, slots, rng),
    priority: { name: priority },
    labels,
    components: components.map((name) => ({ name })),
    fixVersions: fixVersionsFor(rng, status).map((name) => ({ name })),
    versions: t.type === 'Bug' ? [{ name: rng.pick(['1.0', '1.1']) }] : [],
    assignee: assignee === null ? null : user(assignee),
  };
  if (rng.chance(0.25)) system['duedate'] = dateFromAnchor(rng.int(-3, 45));
  if (t.type === 'Bug') system['environment'] = doc(para(t.topic === 'mobile' ? `App ${slots['appVersion']} on ${slots['device']}` : `Production, ${slots['region']} — ${slots['browser']} on ${slots['os']}`));
  const custom: Record<string, unknown> = {};
  if (t.type === 'Story' || (t.type === 'Task' && rng.chance(0.6)) || (t.type === 'Bug' && rng.chance(0.3))) custom['Story Points'] = Number(slots['points']);
  if (t.type === 'Bug') custom['Severity'] = { value: priority === 'Highest' ? 'Critical' : priority === 'High' ? 'Major' : rng.pick(['Major', 'Minor']) };
  if (t.topic === 'mobile') custom['Platforms'] = rng.sample([{ value: 'iOS' }, { value: 'Android' }], rng.int(1, 2));
  else if (rng.chance(0.25)) custom['Platforms'] = [{ value: 'Web' }];
  if ((t.labels ?? []).includes('customer-impact') || rng.chance(0.1)) custom['Customer'] = slots['customer'];
  if (rng.chance(0.2)) custom['Reference URL'] = `https://git.example.com/acme/platform/pull/${slots['pr']}`;
  if (rng.chance(0.1)) custom['Tags'] = rng.sample(['q1-okr', 'hackathon', 'release-blocker', 'needs-design'], rng.int(1, 2));
  if (t.type === 'Story' && status !== INITIAL && rng.chance(0.5)) custom['Start date'] = dateFromAnchor(-rng.int(0, 21));
  return { system, custom };
}

function activity(rng: Random, t: IssueTemplate, slots: Record<string, string>, path: readonly string[], assignee: Actor | null, pickUp: boolean): Step[] {
  const worker: Actor = assignee ?? 'dana';
  const work: Step[] = path.map((to): Step => {
    if (to === 'Done' && t.type === 'Bug' && rng.chance(0.7)) return { kind: 'transition', actor: worker, to, values: { system: {}, custom: { 'Root cause': plainDoc(rng.pick(ROOT_CAUSES), slots) } } };
    if (to === 'In Review' && rng.chance(0.3)) return { kind: 'transition', actor: worker, to, values: { system: {}, custom: { 'Reference URL': `https://git.example.com/acme/platform/pull/${slots['pr']}` } } };
    return { kind: 'transition', actor: worker, to };
  });
  if (rng.chance(0.08)) {
    const bump: Step = { kind: 'edit', actor: 'ada', values: { system: { priority: { name: 'Highest' } }, custom: { 'Escalated at': dateTimeFromAnchor(-rng.int(1, 96)) }, update: { labels: [{ add: 'release-blocker' }] } } };
    work.splice(rng.int(0, work.length), 0, bump);
  }
  if (rng.chance(0.08)) {
    // Handed over to someone else, re-estimated on the way.
    const next = rng.pick(ENGINEERS.filter((p) => p !== worker));
    const at = rng.int(0, work.length);
    for (let i = at; i < work.length; i++) { const s = work[i]!; if (s.kind === 'transition') work[i] = { ...s, actor: next }; }
    work.splice(at, 0, { kind: 'edit', actor: 'ada', values: { system: { assignee: user(next) }, custom: t.type === 'Story' ? { 'Story Points': rng.pick([3, 5, 8]) } : {} } });
  }
  const comments: Step[] = Array.from({ length: commentCount(rng) }, (): Step => {
    const author: Actor = assignee !== null && rng.chance(0.5) ? assignee : rng.pick(ENGINEERS);
    return { kind: 'comment', actor: author, body: commentBody(rng.pick(ENGINEERING_COMMENTS), t.topic, slots, rng) };
  });
  const steps = interleave(rng, work, comments);
  if (pickUp && assignee !== null) steps.unshift({ kind: 'edit', actor: assignee, values: { system: { assignee: user(assignee) }, custom: {} } });
  return steps;
}

function backlogItem(rng: Random, ref: number, t: IssueTemplate, slots: Record<string, string>, reporter: Actor, epics: readonly PlannedIssue[]): PlannedIssue {
  const path = rng.weighted(STATUS_PATHS);
  const progressed = path.length > 0;
  const assignee: Actor | null = progressed ? rng.weighted([['dana', 60], ['ada', 25], ['sam', 15]] as const) : rng.weighted([[null, 40], ['dana', 35], ['ada', 15], ['sam', 10]] as const);
  const pickUp = progressed && rng.chance(0.25);
  const values = createValues(rng, t, slots, pickUp ? null : assignee, last(path));
  const sameTopic = epics.filter((e) => e.topic === t.topic);
  const parent = sameTopic.length > 0 && rng.chance(0.75) ? rng.pick(sameTopic) : epics.length > 0 && rng.chance(0.3) ? rng.pick(epics) : undefined;
  const steps = activity(rng, t, slots, path, assignee, pickUp);
  return { ref, type: t.type, parent: parent?.ref ?? null, reporter, topic: t.topic, template: t.summary, slots, values, steps, finalStatus: finalStatusOf(steps, INITIAL) };
}

function subtask(rng: Random, ref: number, parent: PlannedIssue): PlannedIssue {
  const path: readonly string[] = parent.finalStatus === 'Done' ? ['In Progress', 'In Review', 'Done']
    : parent.finalStatus === INITIAL ? [] : rng.weighted([[[], 2], [['In Progress'], 2], [['In Progress', 'In Review', 'Done'], 2]] as const);
  const assignee: Actor = rng.pick(ENGINEERS);
  const steps: Step[] = path.map((to): Step => ({ kind: 'transition', actor: assignee, to }));
  if (rng.chance(0.35)) steps.splice(rng.int(0, steps.length), 0, { kind: 'comment', actor: assignee, body: commentBody(rng.pick(ENGINEERING_COMMENTS), parent.topic, parent.slots, rng) });
  const summary = fill(rng.pick(ENGINEERING_SUBTASKS), parent.slots);
  const description = doc(para(`Part of **${String(parent.values.system['summary'])}**.`), bullets(rng.sample(['Covered by tests', 'Reviewed by a second engineer', 'Behind the feature flag until QA signs off', 'Docs updated', 'No migration needed'], 2)));
  const system: Record<string, unknown> = { summary, description, priority: parent.values.system['priority'], assignee: user(assignee), labels: ['subtask'] };
  const custom: Record<string, unknown> = rng.chance(0.5) ? { 'Story Points': rng.pick([1, 2, 3]) } : {};
  return { ref, type: 'Sub-task', parent: parent.ref, reporter: parent.reporter, topic: parent.topic, template: summary, slots: parent.slots, values: { system, custom }, steps, finalStatus: finalStatusOf(steps, INITIAL) };
}

/** Plans `count` DEV issues: a few epics first, then bugs, stories and tasks (most under an epic), then sub-tasks. */
export function planEngineering(rng: Random, count: number): ProjectPlan {
  const epicCount = Math.min(EPICS.length, Math.max(1, Math.round(count * 0.035)));
  const subtasks = Math.round(count * 0.12);
  const issues: PlannedIssue[] = EPICS.slice(0, epicCount).map((e, ref) => epic(rng, ref, e));
  const epics = [...issues];
  const used = new Set<string>(epics.map((e) => e.template));
  let reporter: Actor | undefined;
  while (issues.length < count - subtasks) {
    // The type mix is kept even when a summary repeats: retries stay within the type.
    const group = rng.weighted(TEMPLATES_BY_TYPE);
    let t = rng.pick(group);
    let slots = drawSlots(rng);
    for (let attempt = 0; attempt < 12 && used.has(fill(t.summary, slots)); attempt++) { t = rng.pick(group); slots = drawSlots(rng); }
    // A type whose summaries are used up gives way to any other, rather than repeating a summary word for word.
    for (let attempt = 0; attempt < 12 && used.has(fill(t.summary, slots)); attempt++) { t = rng.pick(ENGINEERING_TEMPLATES); slots = drawSlots(rng); }
    used.add(fill(t.summary, slots));
    reporter = stickyPick(rng, reporter, [['dana', 45], ['ada', 35], ['sam', 20]]);
    issues.push(backlogItem(rng, issues.length, t, slots, reporter, epics));
  }
  const parents = issues.filter((i) => i.type === 'Story' || i.type === 'Task' || i.type === 'Bug');
  const pool = parents.length > 0 ? parents : issues.filter((i) => i.type !== 'Epic');
  for (let n = 0; n < subtasks && pool.length > 0; n++) issues.push(subtask(rng, issues.length, rng.pick(pool)));
  return { projectKey: 'DEV', issues, ...planExtras(rng, issues) };
}
