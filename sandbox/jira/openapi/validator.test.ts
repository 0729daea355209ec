import { describe, expect, it } from 'vitest';
import { loadJiraOpenApi } from './spec';
import { OpenApiValidator, relaxRequired } from './validator';

const doc = loadJiraOpenApi();
const validator = new OpenApiValidator(doc);
const SELF = 'https://lockstep-sandbox.atlassian.net/rest/api/3/issue/10000';

/** Parses a documented example (Atlassian stores most response examples as JSON strings). */
function documentedExample(method: 'get' | 'post' | 'put', template: string, status?: string): unknown {
  const op = doc.paths[template]?.[method];
  const media = status === undefined ? op?.requestBody?.content?.['application/json'] : op?.responses[status]?.content?.['application/json'];
  const example = (media as { example?: unknown } | undefined)?.example;
  if (example === undefined) throw new Error(`no documented example for ${method} ${template} ${status ?? 'request'}`);
  return typeof example === 'string' ? JSON.parse(example) : example;
}

describe('findOperation', () => {
  it.each([
    ['POST', '/rest/api/3/issue/bulk', 'createIssues', '/rest/api/3/issue/bulk'],
    ['POST', '/rest/api/3/issue/bulkfetch', 'bulkFetchIssues', '/rest/api/3/issue/bulkfetch'],
    ['GET', '/rest/api/3/issue/createmeta/SUP/issuetypes', 'getCreateIssueMetaIssueTypes', '/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes'],
    ['GET', '/rest/api/3/issue/createmeta/SUP/issuetypes/10001', 'getCreateIssueMetaIssueTypeId', '/rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId}'],
    ['GET', '/rest/api/3/search/jql?jql=project%3DSUP&nextPageToken=abc', 'searchAndReconsileIssuesUsingJql', '/rest/api/3/search/jql'],
    ['POST', '/rest/api/3/search/jql', 'searchAndReconsileIssuesUsingJqlPost', '/rest/api/3/search/jql'],
    ['POST', '/rest/api/3/changelog/bulkfetch', 'getBulkChangelogs', '/rest/api/3/changelog/bulkfetch'],
    ['GET', '/rest/api/3/attachment/content/10001', 'getAttachmentContent', '/rest/api/3/attachment/content/{id}'],
    ['GET', '/rest/api/3/attachment/meta', 'getAttachmentMeta', '/rest/api/3/attachment/meta'],
    ['GET', '/rest/api/3/attachment/10001', 'getAttachment', '/rest/api/3/attachment/{id}'],
    ['GET', '/rest/api/3/issue/SUP-1/comment/10001', 'getComment', '/rest/api/3/issue/{issueIdOrKey}/comment/{id}'],
    ['GET', '/rest/api/3/issue/SUP-1', 'getIssue', '/rest/api/3/issue/{issueIdOrKey}'],
    ['PUT', '/rest/api/3/issue/SUP-1/properties/lockstep.sync', 'setIssueProperty', '/rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey}'],
    ['POST', '/rest/api/3/issueLink', 'linkIssues', '/rest/api/3/issueLink'],
  ])('%s %s is %s', (method, path, operationId, pathTemplate) => {
    expect(validator.findOperation(method, path)).toEqual({ operationId, pathTemplate });
  });

  it('accepts lower-case methods, trailing slashes and full URLs', () => {
    expect(validator.findOperation('get', '/rest/api/3/issue/SUP-1/')?.operationId).toBe('getIssue');
    expect(validator.findOperation('GET', 'https://example.atlassian.net/rest/api/3/issue/SUP-1?fields=summary#x')?.operationId).toBe('getIssue');
  });

  it('skips templates that lack the method, so GET issue/bulk falls back to the parameter template', () => {
    expect(validator.findOperation('GET', '/rest/api/3/issue/bulk')?.operationId).toBe('getIssue');
  });

  it('tells same-shape templates apart by method', () => {
    expect(validator.findOperation('DELETE', '/rest/api/3/field/customfield_10000')?.pathTemplate).toBe('/rest/api/3/field/{id}');
    expect(validator.findOperation('PUT', '/rest/api/3/field/customfield_10000')?.pathTemplate).toBe('/rest/api/3/field/{fieldId}');
  });

  it('returns undefined for unknown paths, methods and empty segments', () => {
    expect(validator.findOperation('GET', '/rest/api/3/nope')).toBeUndefined();
    expect(validator.findOperation('FETCH', '/rest/api/3/issue/SUP-1')).toBeUndefined();
    expect(validator.findOperation('GET', '/rest/api/3/issue//comment')).toBeUndefined();
  });

  it('resolves every operation of the document from its own template', () => {
    const operations = validator.listOperations();
    expect(operations.length).toBeGreaterThan(600);
    expect(new Set(operations.map((o) => o.operationId)).size).toBe(operations.length);
    for (const op of operations) {
      expect(validator.findOperation(op.method, op.pathTemplate.replace(/\{[^}]+\}/g, 'X-1'))?.operationId).toBe(op.operationId);
    }
  });
});

describe('validateResponse', () => {
  it('accepts a CreatedIssue for POST /rest/api/3/issue 201', () => {
    expect(validator.validateResponse('POST', '/rest/api/3/issue', 201, { id: '10000', key: 'SUP-1', self: SELF })).toEqual([]);
  });

  it('flags an unknown property of IssueBean (additionalProperties: false) by name', () => {
    const issues = validator.validateResponse('GET', '/rest/api/3/issue/SUP-1', 200, { id: '10000', key: 'SUP-1', self: SELF, fields: {}, lockstepRevision: 3 });
    expect(issues).toEqual([{ path: '/lockstepRevision', message: expect.stringContaining('unexpected property "lockstepRevision"') }]);
    expect(issues[0]?.message).toContain('#/components/schemas/IssueBean');
  });

  it('flags extra properties and wrong types in ServerInformation', () => {
    const issues = validator.validateResponse('GET', '/rest/api/3/serverInfo', 200, {
      baseUrl: 'https://lockstep-sandbox.atlassian.net',
      buildNumber: '100',
      serverTime: '2024-05-01T10:00:00.000+0000',
      deploymentType: 'Cloud',
      emulator: true,
    });
    expect(issues).toEqual([
      { path: '/emulator', message: expect.stringContaining('unexpected property "emulator"') },
      { path: '/buildNumber', message: expect.stringMatching(/^expected integer but got string "100"/) },
    ]);
  });

  it('reports nested paths, e.g. inside search results', () => {
    const issues = validator.validateResponse('POST', '/rest/api/3/search/jql', 200, {
      issues: [{ id: '10000', key: 'SUP-1', self: SELF, fields: 'summary' }],
      isLast: true,
    });
    expect(issues).toEqual([{ path: '/issues/0/fields', message: expect.stringMatching(/^expected object but got string "summary"/) }]);
  });

  it('rejects the classic paging fields on /search/jql (SearchAndReconcileResults has no total/startAt)', () => {
    const issues = validator.validateResponse('GET', '/rest/api/3/search/jql?jql=', 200, { issues: [], isLast: true, total: 0, startAt: 0 });
    expect(issues.map((i) => i.path)).toEqual(['/total', '/startAt']);
  });

  it('checks formats: date-time accepts Jira-style +0000 offsets, not free text', () => {
    const comment = { id: '10001', self: `${SELF}/comment/10001`, body: { type: 'doc', version: 1, content: [] } };
    expect(validator.validateResponse('POST', '/rest/api/3/issue/SUP-1/comment', 201, { ...comment, created: '2024-05-01T10:00:00.000+0000' })).toEqual([]);
    expect(validator.validateResponse('POST', '/rest/api/3/issue/SUP-1/comment', 201, { ...comment, created: 'yesterday' })).toEqual([
      { path: '/created', message: expect.stringContaining('expected a "date-time" value') },
    ]);
  });

  it('accepts an array of Attachment for POST .../attachments 200', () => {
    const attachment = { id: '10001', filename: 'a.txt', size: 3, mimeType: 'text/plain', created: '2024-05-01T10:00:00.000+0000', self: `${SELF}/attachment/10001` };
    expect(validator.validateResponse('POST', '/rest/api/3/issue/SUP-1/attachments', 200, [attachment])).toEqual([]);
    expect(validator.validateResponse('POST', '/rest/api/3/issue/SUP-1/attachments', 200, attachment)).toEqual([
      { path: '', message: expect.stringMatching(/^expected array but got object/) },
    ]);
  });

  it('treats statuses listed without content as bodiless', () => {
    expect(validator.validateResponse('PUT', '/rest/api/3/issue/SUP-1', 204, undefined)).toEqual([]);
    expect(validator.validateResponse('POST', '/rest/api/3/issueLink', 201, undefined)).toEqual([]);
    expect(validator.validateResponse('POST', '/rest/api/3/issueLink', 201, '')).toEqual([]);
    expect(validator.validateResponse('GET', '/rest/api/3/attachment/content/10001', 303, undefined)).toEqual([]);
    expect(validator.validateResponse('GET', '/rest/api/3/attachment/content/10001', 200, Buffer.from('hello'))).toEqual([]);
    expect(validator.validateResponse('DELETE', '/rest/api/3/issue/SUP-1/properties/lockstep.sync', 204, undefined)).toEqual([]);
    expect(validator.validateResponse('GET', '/rest/api/3/issue/SUP-1', 404, undefined)).toEqual([]);
  });

  it('flags a body on 204 and an undocumented error body', () => {
    expect(validator.validateResponse('PUT', '/rest/api/3/issue/SUP-1', 204, { id: '10000' })).toEqual([
      { path: '', message: 'status 204 must not carry a body, got object' },
    ]);
    expect(validator.validateResponse('GET', '/rest/api/3/issue/SUP-1', 404, { errorMessages: ['Issue does not exist'], errors: {} })).toEqual([
      { path: '', message: 'GET /rest/api/3/issue/{issueIdOrKey} (getIssue) declares no body for status 404, got object' },
    ]);
  });

  it('checks undocumented error bodies against ErrorCollection when asked to', () => {
    const lenient = new OpenApiValidator(doc, { undocumentedErrorBodySchema: 'ErrorCollection' });
    expect(lenient.validateResponse('GET', '/rest/api/3/issue/SUP-1', 404, { errorMessages: ['Issue does not exist'], errors: {} })).toEqual([]);
    expect(lenient.validateResponse('GET', '/rest/api/3/issue/SUP-1', 404, { errorMessages: 'Issue does not exist' })).toEqual([
      { path: '/errorMessages', message: expect.stringMatching(/^expected array but got string/) },
    ]);
    expect(() => new OpenApiValidator(doc, { undocumentedErrorBodySchema: 'NoSuchSchema' })).toThrow(/NoSuchSchema/);
  });

  it('validates documented error schemas where the document has them', () => {
    expect(validator.validateResponse('POST', '/rest/api/3/issue', 400, { errorMessages: [], errors: { summary: 'You must specify a summary of the issue.' } })).toEqual([]);
  });

  it('flags undeclared statuses, but lets a bodiless 429 through', () => {
    expect(validator.validateResponse('GET', '/rest/api/3/issue/SUP-1', 500, undefined)).toEqual([
      { path: '', message: 'GET /rest/api/3/issue/{issueIdOrKey} (getIssue) does not declare status 500; declared: 200, 401, 404' },
    ]);
    expect(validator.validateResponse('GET', '/rest/api/3/issue/SUP-1', 429, undefined)).toEqual([]);
  });

  it('flags a missing body where one is declared, and unknown operations', () => {
    expect(validator.validateResponse('POST', '/rest/api/3/issue', 201, undefined)).toEqual([
      { path: '', message: expect.stringContaining('declares a application/json body for status 201, got none') },
    ]);
    expect(validator.validateResponse('GET', '/rest/api/3/nope', 200, {})).toEqual([
      { path: '', message: 'no operation in the Jira OpenAPI document matches GET /rest/api/3/nope' },
    ]);
  });

  it('requires readOnly required properties in responses', () => {
    expect(
      validator.validateResponse('GET', '/rest/api/3/issue/createmeta/SUP/issuetypes/10001', 200, {
        fields: [{ fieldId: 'summary', key: 'summary', name: 'Summary', required: true, operations: ['set'] }],
        maxResults: 50,
        startAt: 0,
        total: 1,
      }),
    ).toEqual([{ path: '/fields/0/schema', message: expect.stringContaining('missing required property "schema"') }]);
  });

  it('accepts documented response examples of the endpoints the emulator serves', () => {
    expect(validator.validateResponse('POST', '/rest/api/3/issue', 201, documentedExample('post', '/rest/api/3/issue', '201'))).toEqual([]);
    expect(validator.validateResponse('GET', '/rest/api/3/issue/EX-1', 200, documentedExample('get', '/rest/api/3/issue/{issueIdOrKey}', '200'))).toEqual([]);
    expect(validator.validateResponse('POST', '/rest/api/3/search/jql', 200, documentedExample('post', '/rest/api/3/search/jql', '200'))).toEqual([]);
    expect(validator.validateResponse('POST', '/rest/api/3/issue/EX-1/comment', 201, documentedExample('post', '/rest/api/3/issue/{issueIdOrKey}/comment', '201'))).toEqual([]);
  });

  it('disagrees with some of Atlassian\'s own examples (document quirks the emulator must not copy)', () => {
    const serverInfo = validator.validateResponse('GET', '/rest/api/3/serverInfo', 200, documentedExample('get', '/rest/api/3/serverInfo', '200'));
    expect(serverInfo.map((i) => i.path)).toEqual(['/defaultLocale']);
    const bulk = validator.validateResponse('POST', '/rest/api/3/issue/bulkfetch', 200, documentedExample('post', '/rest/api/3/issue/bulkfetch', '200'));
    expect(bulk.map((i) => i.path)).toEqual(['/expand']);
    const changelog = validator.validateResponse('GET', '/rest/api/3/issue/EX-1/changelog', 200, {
      values: [{ id: '10001', created: '2024-05-01T10:00:00.000+0000', items: [{ field: 'labels', fieldtype: 'jira', from: null, fromString: '', to: null, toString: 'x' }] }],
    });
    expect(changelog.map((i) => i.path)).toEqual(['/values/0/items/0/from', '/values/0/items/0/to']);
  });
});

describe('validateRequest', () => {
  it('accepts documented request examples', () => {
    expect(validator.validateRequest('POST', '/rest/api/3/issue', documentedExample('post', '/rest/api/3/issue'))).toEqual([]);
    expect(validator.validateRequest('PUT', '/rest/api/3/issue/EX-1', documentedExample('put', '/rest/api/3/issue/{issueIdOrKey}'))).toEqual([]);
    expect(validator.validateRequest('POST', '/rest/api/3/issueLink', documentedExample('post', '/rest/api/3/issueLink'))).toEqual([]);
    expect(validator.validateRequest('POST', '/rest/api/3/issue/EX-1/comment', documentedExample('post', '/rest/api/3/issue/{issueIdOrKey}/comment'))).toEqual([]);
  });

  it('flags a wrong type with the expected type', () => {
    expect(validator.validateRequest('POST', '/rest/api/3/issue/bulkfetch', { issueIdsOrKeys: 'SUP-1', fields: ['summary'] })).toEqual([
      { path: '/issueIdsOrKeys', message: expect.stringMatching(/^expected array but got string "SUP-1" \(schema #\/components\/schemas\/BulkFetchIssueRequestBean/) },
    ]);
    expect(validator.validateRequest('POST', '/rest/api/3/search/jql', { jql: 'project = SUP', maxResults: '50' })).toEqual([
      { path: '/maxResults', message: expect.stringMatching(/^expected integer but got string "50"/) },
    ]);
  });

  it('flags missing required and unexpected properties of LinkIssueRequestJsonBean', () => {
    const issues = validator.validateRequest('POST', '/rest/api/3/issueLink', { type: { name: 'Blocks' }, inwardIssue: { key: 'SUP-1' }, outward: { key: 'SUP-2' } });
    expect(issues).toEqual([
      { path: '/outwardIssue', message: expect.stringContaining('missing required property "outwardIssue"') },
      { path: '/outward', message: expect.stringContaining('unexpected property "outward"') },
    ]);
  });

  it('does not require readOnly properties in requests, nor reject readOnly properties sent anyway', () => {
    // The document's own request example omits the readOnly-but-required fieldContextId.
    const example = documentedExample('put', '/rest/api/3/app/field/{fieldIdOrKey}/context/configuration');
    expect(validator.validateRequest('PUT', '/rest/api/3/app/field/customfield_10000/context/configuration', example)).toEqual([]);
    const comment = { body: { type: 'doc', version: 1, content: [] }, id: '10001', author: { accountId: 'abc' } };
    expect(validator.validateRequest('POST', '/rest/api/3/issue/SUP-1/comment', comment)).toEqual([]);
  });

  it('treats Jackson JsonNode components as any JSON (issue property values)', () => {
    const body = { issues: [{ issueID: 10000, properties: { 'lockstep.sync': { origin: 'SUP-1', revision: 3 } } }] };
    expect(validator.validateRequest('POST', '/rest/api/3/issue/properties/multi', body)).toEqual([]);
  });

  it('returns no issues when the operation has no JSON body schema', () => {
    expect(validator.validateRequest('GET', '/rest/api/3/issue/SUP-1', undefined)).toEqual([]);
    expect(validator.validateRequest('PUT', '/rest/api/3/issue/SUP-1/properties/lockstep.sync', { any: ['json'] })).toEqual([]);
  });

  it('flags a missing required body', () => {
    expect(validator.validateRequest('POST', '/rest/api/3/issue', undefined)).toEqual([
      { path: '', message: 'POST /rest/api/3/issue (createIssue) requires a application/json request body, got none' },
    ]);
  });
});

describe('relaxRequired', () => {
  const schema = { type: 'object', required: ['id', 'secret', 'name'], properties: { id: { type: 'string', readOnly: true }, secret: { type: 'string', writeOnly: true }, name: { type: 'string' } } };

  it('drops readOnly names from required for requests and writeOnly ones for responses, without touching the input', () => {
    expect(relaxRequired(schema, 'readOnly').required).toEqual(['secret', 'name']);
    expect(relaxRequired(schema, 'writeOnly').required).toEqual(['id', 'name']);
    expect(schema.required).toEqual(['id', 'secret', 'name']);
  });

  it('shares untouched subtrees and admits null into nullable enums', () => {
    const untouched = { type: 'object', properties: { a: { type: 'string' } } };
    expect(relaxRequired(untouched, 'readOnly')).toBe(untouched);
    expect(relaxRequired({ type: 'string', nullable: true, enum: ['a'] }, 'readOnly').enum).toEqual(['a', null]);
  });
});

describe('cost', () => {
  it('constructs without compiling and validates a typical operation well under a second', () => {
    let start = performance.now();
    const fresh = new OpenApiValidator(doc);
    const constructMs = performance.now() - start;
    start = performance.now();
    expect(fresh.validateResponse('GET', '/rest/api/3/issue/SUP-1', 200, { id: '10000', key: 'SUP-1', self: SELF, fields: { summary: 'Hi' } })).toEqual([]);
    const firstMs = performance.now() - start;
    start = performance.now();
    fresh.validateResponse('GET', '/rest/api/3/issue/SUP-2', 200, { id: '10001', key: 'SUP-2', self: SELF, fields: {} });
    const cachedMs = performance.now() - start;
    expect(constructMs).toBeLessThan(250);
    expect(firstMs).toBeLessThan(1000);
    expect(cachedMs).toBeLessThan(20);
  });
});
