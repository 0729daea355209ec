/** Builders for the small subset of ADF the demo data uses; every shape here is valid against adf-schema-v1-full.json. */
import type { AdfDocument, AdfMark, AdfNode } from '../jira/openapi/adf';

const text = (value: string, marks?: AdfMark[]): AdfNode => (marks ? { type: 'text', text: value, marks } : { type: 'text', text: value });

const MARKUP = /\*\*(.+?)\*\*|`(.+?)`|\[(.+?)\]\((\S+?)\)/g;

/**
 * Parses the catalog's tiny markup — `**bold**`, `` `code` ``, `[text](url)` — into inline ADF nodes.
 * Inline code is never combined with other marks, as ADF allows code only with links.
 */
export function markup(source: string): AdfNode[] {
  const out: AdfNode[] = [];
  let last = 0;
  const plain = (s: string): void => { if (s !== '') out.push(text(s)); };
  for (const m of source.matchAll(MARKUP)) {
    plain(source.slice(last, m.index));
    if (m[1] !== undefined) out.push(text(m[1], [{ type: 'strong' }]));
    else if (m[2] !== undefined) out.push(text(m[2], [{ type: 'code' }]));
    else out.push(text(m[3]!, [{ type: 'link', attrs: { href: m[4]! } }]));
    last = m.index + m[0].length;
  }
  plain(source.slice(last));
  return out;
}

/** A paragraph from markup text. */
export const para = (source: string): AdfNode => ({ type: 'paragraph', content: markup(source) });

/** A heading with plain text. */
export const heading = (level: 1 | 2 | 3 | 4 | 5 | 6, title: string): AdfNode => ({ type: 'heading', attrs: { level }, content: [text(title)] });

const items = (sources: readonly string[]): AdfNode[] => sources.map((s) => ({ type: 'listItem', content: [para(s)] }));

/** A bullet list whose items are markup strings. */
export const bullets = (sources: readonly string[]): AdfNode => ({ type: 'bulletList', content: items(sources) });

/** A numbered list whose items are markup strings. */
export const numbered = (sources: readonly string[]): AdfNode => ({ type: 'orderedList', attrs: { order: 1 }, content: items(sources) });

/** A code block; its text carries no marks, as ADF requires. */
export const codeBlock = (language: string, source: string): AdfNode => ({ type: 'codeBlock', attrs: { language }, content: [text(source)] });

/** A document of the given blocks. */
export const doc = (...content: AdfNode[]): AdfDocument => ({ type: 'doc', version: 1, content });
