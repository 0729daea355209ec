/** Plain-text and HTML views of ADF, for text search (`~`) and `expand=renderedFields`. */
import type { AdfDoc, AdfNode } from './types';

const BLOCKS = new Set(['paragraph', 'heading', 'listItem', 'codeBlock', 'blockquote', 'tableCell', 'tableHeader', 'panel', 'rule']);

/** Flattens an ADF document to text, one line per block; mentions become their display text. */
export function adfToText(doc: AdfNode | null | undefined): string {
  if (!doc) return '';
  const out: string[] = [];
  const walk = (node: AdfNode): void => {
    if (node.type === 'text' && node.text) out.push(node.text);
    else if (node.type === 'mention') out.push(String(node.attrs?.['text'] ?? ''));
    else if (node.type === 'emoji') out.push(String(node.attrs?.['text'] ?? node.attrs?.['shortName'] ?? ''));
    else if (node.type === 'hardBreak') out.push('\n');
    else if (node.type === 'inlineCard') out.push(String(node.attrs?.['url'] ?? ''));
    node.content?.forEach(walk);
    if (BLOCKS.has(node.type)) out.push('\n');
  };
  walk(doc);
  return out.join('').replace(/\n+$/, '');
}

/** Builds an ADF document from plain text: one paragraph per line; empty lines make empty paragraphs. */
export function textToAdf(text: string): AdfDoc {
  return {
    type: 'doc',
    version: 1,
    content: text.split('\n').map((line) => (line.length > 0 ? { type: 'paragraph', content: [{ type: 'text', text: line }] } : { type: 'paragraph' })),
  };
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const MARK_TAGS: Record<string, string> = { strong: 'b', em: 'em', code: 'code', strike: 'del', underline: 'ins' };

/** Renders ADF to the HTML Jira returns in `renderedFields` (close enough for display, not byte-identical). */
export function adfToHtml(node: AdfNode | null | undefined): string {
  if (!node) return '';
  const inner = (node.content ?? []).map(adfToHtml).join('');
  switch (node.type) {
    case 'doc': return inner;
    case 'paragraph': return `<p>${inner}</p>`;
    case 'heading': { const level = Number(node.attrs?.['level'] ?? 1); return `<h${level}>${inner}</h${level}>`; }
    case 'bulletList': return `<ul>${inner}</ul>`;
    case 'orderedList': return `<ol>${inner}</ol>`;
    case 'listItem': return `<li>${inner}</li>`;
    case 'codeBlock': return `<pre>${inner}</pre>`;
    case 'blockquote': return `<blockquote>${inner}</blockquote>`;
    case 'hardBreak': return '<br/>';
    case 'rule': return '<hr/>';
    case 'mention': return `<a class="user-hover" rel="${escapeHtml(String(node.attrs?.['id'] ?? ''))}">${escapeHtml(String(node.attrs?.['text'] ?? ''))}</a>`;
    case 'text': {
      let html = escapeHtml(node.text ?? '');
      for (const mark of node.marks ?? []) {
        if (mark.type === 'link') html = `<a href="${escapeHtml(String(mark.attrs?.['href'] ?? ''))}">${html}</a>`;
        else if (MARK_TAGS[mark.type]) html = `<${MARK_TAGS[mark.type]}>${html}</${MARK_TAGS[mark.type]}>`;
      }
      return html;
    }
    default: return inner;
  }
}
