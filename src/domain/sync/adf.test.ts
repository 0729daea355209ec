import { describe, expect, it } from 'vitest';
import { validateAdf } from '../../../sandbox/jira/openapi/adf';
import { adfText, portableAdf, textParagraph } from './adf';
import type { AdfDoc } from './message';

const doc = (...content: unknown[]): AdfDoc => ({ type: 'doc', version: 1, content });
const para = (...content: unknown[]) => ({ type: 'paragraph', content });
const text = (t: string, marks?: unknown[]) => ({ type: 'text', text: t, ...(marks ? { marks } : {}) });
const media = (id: string) => ({ type: 'media', attrs: { type: 'file', id, collection: 'jira-10001', width: 640, height: 480 } });
const mediaSingle = (id: string) => ({ type: 'mediaSingle', attrs: { layout: 'center' }, content: [media(id)] });
const mediaGroup = (...ids: string[]) => ({ type: 'mediaGroup', content: ids.map(media) });
const mention = (id: string, label?: string) => ({ type: 'mention', attrs: { id, ...(label !== undefined ? { text: label } : {}), accessLevel: '' } });
const cell = (...content: unknown[]) => ({ type: 'tableCell', attrs: {}, content });

describe('portableAdf', () => {
  it('drops mediaSingle and mediaGroup blocks, which point at the sender\'s files', () => {
    const out = portableAdf(doc(para(text('Before')), mediaSingle('f-1'), mediaGroup('f-2', 'f-3'), para(text('After'))));
    expect(out).toEqual(doc(para(text('Before')), para(text('After'))));
  });

  it('drops inline media but keeps the paragraph around it, even when it empties', () => {
    const inline = { type: 'mediaInline', attrs: { type: 'file', id: 'f-4', collection: 'jira-10001' } };
    expect(portableAdf(doc(para(text('See '), inline, text(' attached'))))).toEqual(doc(para(text('See '), text(' attached'))));
    expect(portableAdf(doc(para(inline)))).toEqual(doc(para()));
  });

  it('drops a block left empty by its media, and so its parents when they empty too', () => {
    const list = { type: 'bulletList', content: [{ type: 'listItem', content: [mediaSingle('f-5')] }] };
    const quoted = { type: 'blockquote', content: [mediaGroup('f-6')] };
    expect(portableAdf(doc(list, quoted, para(text('kept'))))).toEqual(doc(para(text('kept'))));
  });

  it('keeps a table cell whose only content was media, emptied, so the columns after it stay in place', () => {
    const header = { type: 'tableHeader', attrs: {}, content: [mediaSingle('f-8')] };
    const table = (...rows: unknown[][]) => ({ type: 'table', content: rows.map((r) => ({ type: 'tableRow', content: r })) });
    const input = doc(table([header, cell(para(text('Result')))], [cell(para(text('Chrome'))), cell(mediaSingle('f-9'))]));
    const out = portableAdf(input);
    expect(out).toEqual(doc(table([{ ...header, content: [para()] }, cell(para(text('Result')))], [cell(para(text('Chrome'))), cell(para())])));
    expect(validateAdf(out)).toEqual([]);
  });

  it('keeps a layout column whose only content was media, so the section keeps its columns', () => {
    const column = (...content: unknown[]) => ({ type: 'layoutColumn', attrs: { width: 50 }, content });
    const out = portableAdf(doc({ type: 'layoutSection', content: [column(mediaSingle('f-10')), column(para(text('Notes')))] }));
    expect(out).toEqual(doc({ type: 'layoutSection', content: [column(para()), column(para(text('Notes')))] }));
    expect(validateAdf(out)).toEqual([]);
  });

  it('turns mentions into plain text naming the person, with one @', () => {
    const out = portableAdf(doc(para(text('Ping '), mention('acc-1', '@Mia Krystof'), text(' and '), mention('acc-2', 'Sam'), text(' and '), mention('acc-3'))));
    expect(out).toEqual(doc(para(text('Ping '), text('@Mia Krystof'), text(' and '), text('@Sam'), text(' and '), text('@someone'))));
    expect(JSON.stringify(out)).not.toContain('acc-');
  });

  it('passes everything else unchanged, including marks and attributes', () => {
    const rich = doc(
      { type: 'heading', attrs: { level: 2 }, content: [text('Steps', [{ type: 'strong' }])] },
      { type: 'codeBlock', attrs: { language: 'ts' }, content: [text('let x = 1;')] },
      { type: 'rule' },
      para(text('link', [{ type: 'link', attrs: { href: 'https://example.com' } }]), { type: 'hardBreak' }),
    );
    expect(portableAdf(rich)).toEqual(rich);
  });

  it('does not change the document it is given', () => {
    const input = doc(para(mention('acc-1', '@Sam')), mediaSingle('f-1'));
    const copy = structuredClone(input);
    portableAdf(input);
    expect(input).toEqual(copy);
  });

  it('leaves a document with media that is still valid ADF by the schema Jira holds it to', () => {
    const input = doc(
      { type: 'heading', attrs: { level: 3 }, content: [text('Reproduction')] },
      para(text('Reported by '), mention('5b10a2844c20165700ede21g', '@Mia Krystof'), text(', screenshot below.')),
      mediaSingle('f-1'),
      { type: 'mediaSingle', attrs: { layout: 'center' }, content: [media('f-7'), { type: 'caption', content: [text('the login page')] }] },
      mediaGroup('f-2', 'f-3'),
      { type: 'bulletList', content: [
        { type: 'listItem', content: [para(text('first'))] },
        { type: 'listItem', content: [mediaSingle('f-4')] },
      ] },
      { type: 'panel', attrs: { panelType: 'info' }, content: [mediaGroup('f-5')] },
      { type: 'table', content: [{ type: 'tableRow', content: [cell(para(text('log'))), cell(para(text('trace')))] }] },
      { type: 'expand', attrs: { title: 'More' }, content: [para(text('details'))] },
    );
    // The fixture itself is valid: otherwise the check below would prove nothing.
    expect(validateAdf(input)).toEqual([]);
    const out = portableAdf(input);
    expect(validateAdf(out)).toEqual([]);
    expect(JSON.stringify(out)).not.toMatch(/"media(Single|Group|Inline)?"/);
    expect(adfText(out)).toBe(['Reproduction', 'Reported by @Mia Krystof, screenshot below.', 'first', 'logtrace', 'details'].join('\n'));
  });

  it('leaves a document of only media as an empty, valid document', () => {
    const out = portableAdf(doc(mediaSingle('f-1'), mediaGroup('f-2')));
    expect(out).toEqual(doc());
    expect(validateAdf(out)).toEqual([]);
  });
});

describe('adfText', () => {
  it('joins text within a block and puts blocks on their own lines', () => {
    expect(adfText(doc(para(text('Hello, '), text('world', [{ type: 'strong' }])), para(text('Second'))))).toBe('Hello, world\nSecond');
  });

  it('reads nested blocks and skips nodes without text', () => {
    const list = { type: 'bulletList', content: [{ type: 'listItem', content: [para(text('one'))] }, { type: 'listItem', content: [para(text('two'))] }] };
    expect(adfText(doc(list, { type: 'rule' }, para(text('a'), { type: 'hardBreak' }, text('b'))))).toBe('onetwo\n\nab');
  });

  it('is empty for anything that is not a node', () => {
    expect(adfText(null)).toBe('');
    expect(adfText('text')).toBe('');
    expect(adfText(doc())).toBe('');
  });
});

describe('textParagraph', () => {
  it('is a paragraph of one text node, italic when asked', () => {
    expect(textParagraph('Synced by Lockstep')).toEqual(para(text('Synced by Lockstep')));
    expect(textParagraph('Dana wrote:', true)).toEqual(para(text('Dana wrote:', [{ type: 'em' }])));
  });

  it('is valid ADF inside a document', () => {
    expect(validateAdf(doc(textParagraph('plain'), textParagraph('italic', true)))).toEqual([]);
  });
});
