import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listOperations, loadJiraOpenApi, parseOpenApi, referencePath, REFERENCE_DIR } from './spec';

describe('loadJiraOpenApi', () => {
  it('loads the reference document from outside the repository, once', () => {
    expect(REFERENCE_DIR.pathname).toMatch(/\/shared\/reference\/$/);
    expect(existsSync(referencePath('jira-platform-openapi.json'))).toBe(true);
    const doc = loadJiraOpenApi();
    expect(doc.openapi).toBe('3.0.1');
    expect(doc.components.schemas['IssueBean']).toBeDefined();
    expect(loadJiraOpenApi()).toBe(doc);
  });

  it('rejects documents that are not OpenAPI 3.0', () => {
    expect(() => parseOpenApi('{"swagger":"2.0"}')).toThrow(/OpenAPI 3.0/);
    expect(() => parseOpenApi('{"openapi":"3.0.3","paths":{}}')).toThrow(/components/);
  });
});

describe('listOperations', () => {
  it('lists every operation with an upper-case method, keeping Atlassian\'s operation ids', () => {
    const operations = listOperations();
    expect(operations).toHaveLength(616);
    expect(operations).toContainEqual({ method: 'POST', pathTemplate: '/rest/api/3/issue', operationId: 'createIssue' });
    expect(operations).toContainEqual({ method: 'GET', pathTemplate: '/rest/api/3/search/jql', operationId: 'searchAndReconsileIssuesUsingJql' });
  });

  it('works on a hand-written document', () => {
    const doc = parseOpenApi(
      JSON.stringify({ openapi: '3.0.1', info: { title: 't', version: '1' }, paths: { '/x/{id}': { get: { operationId: 'getX', responses: {} } } }, components: { schemas: {} } }),
    );
    expect(listOperations(doc)).toEqual([{ method: 'GET', pathTemplate: '/x/{id}', operationId: 'getX' }]);
  });
});
