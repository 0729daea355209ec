/** Attachments and issue links for a planned project: a few realistic files, and links that make sense between tickets. */
import { SNIPPETS } from './catalog/snippets';
import { fill } from './catalog/slots';
import type { Topic } from './catalog/types';
import { mockScreenshot } from './png';
import type { Actor, PlannedAttachment, PlannedIssue, PlannedLink } from './plan';
import type { Random } from './random';

const PEOPLE: readonly Actor[] = ['sam', 'dana', 'ada'];

const LOG_NAMES: Record<Topic, (s: Record<string, string>) => string> = {
  billing: (s) => `gateway-INV-${s['invoice']}.log`,
  login: (s) => `sso-trace-${(s['requestId'] ?? '').slice(0, 6)}.txt`,
  mobile: (s) => `crash-${s['appVersion']}.log`,
  api: (s) => `response-${s['httpStatus']}.txt`,
  account: (s) => `bounce-${s['domain']}.txt`,
  platform: (s) => `${s['service']}-metrics.log`,
};

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

/** A log or trace file assembled from the topic's snippets, filled with the issue's own values. */
function logFile(issue: PlannedIssue): { filename: string; mimeType: string; bytes: Uint8Array } {
  const header = `# exported ${issue.slots['date']} ${issue.slots['time']} UTC\n`;
  const body = SNIPPETS[issue.topic].map((s) => fill(s.text, issue.slots)).join('\n\n');
  return { filename: LOG_NAMES[issue.topic](issue.slots), mimeType: 'text/plain', bytes: text(`${header}${body}\n`) };
}

function attachmentsFor(rng: Random, issues: readonly PlannedIssue[]): PlannedAttachment[] {
  const candidates = issues.filter((i) => i.type !== 'Epic' && i.type !== 'Sub-task');
  const chosen = rng.sample(candidates.length > 0 ? candidates : issues, 8).sort((a, b) => a.ref - b.ref);
  const out: PlannedAttachment[] = [];
  for (const issue of chosen) {
    const actor = issue.reporter;
    out.push({ issue: issue.ref, actor, ...logFile(issue) });
    if (issue.topic === 'login' || issue.topic === 'mobile' || issue.topic === 'platform' || rng.chance(0.3)) {
      out.push({ issue: issue.ref, actor, filename: `screenshot-${issue.topic}.png`, mimeType: 'image/png', bytes: mockScreenshot(rng.int(0, 359)) });
    }
  }
  return out;
}

/** Links: duplicates among same-template tickets, blockers and clones within a topic, and "relates to" for the rest. */
function linksFor(rng: Random, issues: readonly PlannedIssue[]): PlannedLink[] {
  const pool = issues.filter((i) => i.type !== 'Sub-task');
  const target = Math.min(Math.max(10, Math.round(issues.length * 0.12)), Math.floor(pool.length / 2));
  const links: PlannedLink[] = [];
  const pairs = new Set<string>();
  const add = (type: PlannedLink['type'], inward: PlannedIssue, outward: PlannedIssue): void => {
    const key = `${Math.min(inward.ref, outward.ref)}-${Math.max(inward.ref, outward.ref)}`;
    if (inward.ref === outward.ref || pairs.has(key) || links.length >= target) return;
    pairs.add(key);
    links.push({ type, inward: inward.ref, outward: outward.ref, actor: rng.pick(PEOPLE) });
  };
  const byTemplate = new Map<string, PlannedIssue[]>();
  for (const i of pool) byTemplate.set(i.template, [...(byTemplate.get(i.template) ?? []), i]);
  // The later ticket duplicates the earlier one.
  for (const group of rng.shuffle([...byTemplate.values()].filter((g) => g.length > 1)).slice(0, Math.ceil(target * 0.3))) add('Duplicate', group[0]!, group[1]!);
  const byTopic = new Map<Topic, PlannedIssue[]>();
  for (const i of pool) byTopic.set(i.topic, [...(byTopic.get(i.topic) ?? []), i]);
  const topics = [...byTopic.values()].filter((g) => g.length > 1);
  for (let tries = 0; tries < 200 && links.length < target && topics.length > 0; tries++) {
    const group = rng.pick(topics);
    const [a, b] = rng.sample(group, 2) as [PlannedIssue, PlannedIssue];
    const roll = rng.next();
    if (roll < 0.4 && (a.type === 'Bug' || a.type === 'Task')) add('Blocks', b, a);
    else if (roll < 0.48 && a.type === b.type) add('Cloners', a.ref < b.ref ? a : b, a.ref < b.ref ? b : a);
    else add('Relates', a, b);
  }
  for (let tries = 0; tries < 200 && links.length < target && pool.length > 1; tries++) {
    const [a, b] = rng.sample(pool, 2) as [PlannedIssue, PlannedIssue];
    add('Relates', a, b);
  }
  return links;
}

export function planExtras(rng: Random, issues: readonly PlannedIssue[]): { attachments: PlannedAttachment[]; links: PlannedLink[] } {
  return { attachments: attachmentsFor(rng, issues), links: linksFor(rng, issues) };
}
