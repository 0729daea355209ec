import { describe, expect, it } from 'vitest';
import { isAdfDocument, validateAdf } from './adf';

/** A comment body as Jira documents it: one paragraph wrapped in a doc. */
const doc = (...paragraphContent: unknown[]): Record<string, unknown> => ({
  version: 1,
  type: 'doc',
  content: [{ type: 'paragraph', content: paragraphContent }],
});

const mention = { type: 'mention', attrs: { id: '5b10a2844c20165700ede21g', text: '@Mia Krystof', accessLevel: '' } };
const linked = { type: 'text', text: 'SUP-1', marks: [{ type: 'link', attrs: { href: 'https://lockstep-sandbox.atlassian.net/browse/SUP-1' } }] };

describe('validateAdf', () => {
  it('accepts a paragraph with text, a mention and a link mark', () => {
    expect(validateAdf(doc({ type: 'text', text: 'Synced from ' }, linked, { type: 'text', text: ' by ' }, mention))).toEqual([]);
  });

  it('accepts richer documents (headings, lists, code, panels, tables, rules)', () => {
    const rich = {
      version: 1,
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Steps' }] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'one', marks: [{ type: 'strong' }] }] }] }] },
        { type: 'codeBlock', attrs: { language: 'ts' }, content: [{ type: 'text', text: 'let x = 1;' }] },
        { type: 'panel', attrs: { panelType: 'info' }, content: [{ type: 'paragraph', content: [{ type: 'emoji', attrs: { shortName: ':smile:' } }, { type: 'hardBreak' }] }] },
        { type: 'table', content: [{ type: 'tableRow', content: [{ type: 'tableCell', content: [{ type: 'paragraph', content: [] }] }] }] },
        { type: 'rule' },
      ],
    };
    expect(validateAdf(rich)).toEqual([]);
  });

  it('flags an empty text node with one precise issue', () => {
    expect(validateAdf(doc({ type: 'text', text: '' }))).toEqual([
      {
        path: '/content/0/content/0/text',
        message: 'expected a string of at least 1 character(s) but got string "" (schema #/definitions/text_node/properties/text)',
      },
    ]);
  });

  it('names an unknown node type instead of listing every anyOf branch', () => {
    expect(validateAdf(doc({ type: 'text', text: 'a' }, { type: 'jiraIssue', attrs: { key: 'SUP-1' } }))).toEqual([
      { path: '/content/0/content/1', message: 'unknown ADF node type "jiraIssue"' },
    ]);
  });

  it('flags a missing version', () => {
    const { version: _version, ...noVersion } = doc({ type: 'text', text: 'a' });
    expect(validateAdf(noVersion)).toEqual([{ path: '/version', message: 'missing required property "version" (schema #/definitions/doc_node)' }]);
  });

  it('flags a wrong version and a non-doc root', () => {
    expect(validateAdf({ ...doc({ type: 'text', text: 'a' }), version: 2 })).toEqual([
      { path: '/version', message: expect.stringMatching(/^expected one of 1 but got number 2/) },
    ]);
    expect(validateAdf('plain text')).toEqual([{ path: '', message: 'expected an ADF document object but got string "plain text"' }]);
  });

  it('says where a known node is not allowed, and what is', () => {
    const issues = validateAdf({ version: 1, type: 'doc', content: [mention] });
    expect(issues).toEqual([{ path: '/content/0', message: expect.stringMatching(/^ADF node "mention" is not allowed here; doc_node allows: .*paragraph/) }]);
  });

  it('reports problems inside marks and attrs of the matching node only', () => {
    expect(validateAdf(doc({ type: 'text', text: 'x', marks: [{ type: 'link', attrs: {} }] }))).toEqual([
      { path: '/content/0/content/0/marks/0/attrs/href', message: expect.stringContaining('missing required property "href"') },
    ]);
    expect(validateAdf(doc({ type: 'mention', attrs: { text: '@Mia' } }))).toEqual([
      { path: '/content/0/content/0/attrs/id', message: expect.stringContaining('missing required property "id"') },
    ]);
    expect(validateAdf(doc({ type: 'text', text: 'x', marks: [{ type: 'sparkle' }] }))).toEqual([
      { path: '/content/0/content/0/marks/0', message: 'unknown ADF mark type "sparkle"' },
    ]);
  });

  it('flags nodes without a type and non-object nodes', () => {
    expect(validateAdf(doc({ text: 'x' }))).toEqual([{ path: '/content/0/content/0', message: 'ADF node has no "type" (got nothing)' }]);
    expect(validateAdf(doc('x'))).toEqual([{ path: '/content/0/content/0', message: 'expected an ADF node object but got string "x"' }]);
  });
});

describe('isAdfDocument', () => {
  it('recognises the document shape without validating the content', () => {
    expect(isAdfDocument(doc({ type: 'text', text: 'a' }))).toBe(true);
    expect(isAdfDocument({ type: 'doc', version: 1, content: [{ type: 'bogus' }] })).toBe(true);
    expect(isAdfDocument({ type: 'doc', content: [] })).toBe(false);
    expect(isAdfDocument('text')).toBe(false);
    expect(isAdfDocument(null)).toBe(false);
  });
});
