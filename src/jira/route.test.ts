import { describe, expect, it } from 'vitest';
import { route } from './route';

describe('route', () => {
  it('encodes interpolated values so they cannot change the path', () => {
    expect(route`/rest/api/3/issue/${'SUP-1'}`.value).toBe('/rest/api/3/issue/SUP-1');
    expect(route`/rest/api/3/issue/${'a/b?c'}`.value).toBe('/rest/api/3/issue/a%2Fb%3Fc');
    expect(route`/rest/api/3/mypermissions?projectKey=${'A&B'}&permissions=${'X'}`.value).toBe('/rest/api/3/mypermissions?projectKey=A%26B&permissions=X');
  });
  it('refuses dot segments', () => {
    expect(() => route`/rest/api/3/issue/${'..'}/x`).toThrow(/Refusing/);
  });
});
