/** Turns catalog templates and texts into ADF descriptions and comment bodies, with layouts varied by the PRNG. */
import type { AdfDocument, AdfNode } from '../jira/openapi/adf';
import { bullets, codeBlock, doc, heading, numbered, para } from './adf';
import { DOC_LINKS, SNIPPETS } from './catalog/snippets';
import { fill } from './catalog/slots';
import type { IssueTemplate, Topic } from './catalog/types';
import type { Random } from './random';

/** A description: context, then (by chance) steps, expected/actual, notes, a log excerpt and a documentation link. */
export function describeIssue(t: IssueTemplate, slots: Record<string, string>, rng: Random): AdfDocument {
  const f = (s: string): string => fill(s, slots);
  const content: AdfNode[] = [para(f(t.context))];
  if (t.steps && rng.chance(0.85)) {
    content.push(rng.chance(0.5) ? heading(3, 'Steps to reproduce') : para('**Steps to reproduce**'));
    content.push(numbered(t.steps.map(f)));
  }
  if (t.expected !== undefined && t.actual !== undefined) content.push(bullets([`**Expected:** ${f(t.expected)}`, `**Actual:** ${f(t.actual)}`]));
  if (t.notes) {
    content.push(heading(3, t.notesTitle ?? 'Details'));
    content.push(bullets(t.notes.map(f)));
  }
  if (t.log && rng.chance(0.75)) content.push(...excerpt(t.topic, slots, rng));
  if (rng.chance(0.3)) {
    const [title, url] = rng.pick(DOC_LINKS[t.topic]);
    content.push(para(`See also: [${title}](${url}).`));
  }
  return doc(...content);
}

/** A lead-in paragraph and a code block from the topic's snippets. */
export function excerpt(topic: Topic, slots: Record<string, string>, rng: Random): AdfNode[] {
  const snippet = rng.pick(SNIPPETS[topic]);
  return [para(rng.pick(['Log excerpt:', 'Relevant output:', 'What we see:', 'From the logs:'])), codeBlock(snippet.language, fill(snippet.text, slots))];
}

/** A comment: one paragraph of markup, now and then followed by a code excerpt. */
export function commentBody(text: string, topic: Topic, slots: Record<string, string>, rng: Random): AdfDocument {
  const content = [para(fill(text, slots))];
  if (rng.chance(0.12)) content.push(...excerpt(topic, slots, rng));
  return doc(...content);
}

/** A one-paragraph document, e.g. for the "Root cause" field. */
export function plainDoc(text: string, slots: Record<string, string>): AdfDocument {
  return doc(para(fill(text, slots)));
}
