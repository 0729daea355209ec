/** A `route` template tag like Forge's: interpolated values are URI-encoded and may not climb paths. */
import type { JiraRoute } from '../ports/jira';

/** Builds a JiraRoute; throws when an interpolated value would change the path (`..`, `/`, `?`). */
export function route(strings: TemplateStringsArray, ...values: (string | number)[]): JiraRoute {
  let value = strings[0] ?? '';
  values.forEach((v, i) => {
    const s = String(v);
    if (s === '..' || s === '.') throw new Error(`Refusing path segment '${s}' in a Jira route`);
    const inQuery = value.includes('?');
    value += (inQuery ? encodeURIComponent(s) : encodeURIComponent(s).replace(/%2C/g, ',')) + (strings[i + 1] ?? '');
  });
  return { value } as JiraRoute;
}
