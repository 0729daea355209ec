/**
 * Rich text crossing sites: media nodes point at the sender's files and mentions at its accounts, so
 * both become plain text the receiver can show. Everything else passes unchanged.
 */
import type { AdfDoc } from './message';

type Node = { type?: unknown; attrs?: Record<string, unknown>; content?: unknown[]; [k: string]: unknown };

const MEDIA = new Set(['media', 'mediaSingle', 'mediaGroup', 'mediaInline']);
/** Blocks whose position carries meaning (a column): emptied, they stay, holding an empty paragraph. */
const POSITIONAL = new Set(['tableCell', 'tableHeader', 'layoutColumn']);

function portNode(node: unknown): unknown[] {
  if (!node || typeof node !== 'object') return [node];
  const n = node as Node;
  if (typeof n.type === 'string' && MEDIA.has(n.type)) return [];
  if (n.type === 'mention') {
    const text = typeof n.attrs?.['text'] === 'string' ? (n.attrs['text'] as string) : '@someone';
    return [{ type: 'text', text: text.startsWith('@') ? text : `@${text}` }];
  }
  if (!Array.isArray(n.content)) return [n];
  const content = n.content.flatMap(portNode);
  // A block left empty by dropped media would be invalid ADF in places (mediaSingle parents); drop it too.
  if (content.length === 0 && n.content.length > 0 && n.type !== 'paragraph') {
    return typeof n.type === 'string' && POSITIONAL.has(n.type) ? [{ ...n, content: [{ type: 'paragraph', content: [] }] }] : [];
  }
  return [{ ...n, content }];
}

export function portableAdf(doc: AdfDoc): AdfDoc {
  return { ...doc, content: doc.content.flatMap(portNode) };
}

/** A paragraph of plain text, for headers the engine writes (e.g. who wrote a synced comment). */
export function textParagraph(text: string, italic = false): Record<string, unknown> {
  return { type: 'paragraph', content: [{ type: 'text', text, ...(italic ? { marks: [{ type: 'em' }] } : {}) }] };
}

/** The plain text of a document, for comparisons and logs. */
export function adfText(doc: unknown): string {
  if (!doc || typeof doc !== 'object') return '';
  const n = doc as Node;
  if (n.type === 'text' && typeof n['text'] === 'string') return n['text'] as string;
  return Array.isArray(n.content) ? n.content.map(adfText).join(n.type === 'doc' ? '\n' : '') : '';
}
