/** Route table keyed by the OpenAPI path templates Jira documents, so every route can be checked against the document. */
import type { RouteHandler } from './context';

export interface Route {
  method: string;
  /** Exactly as in Atlassian's OpenAPI document, e.g. `/rest/api/3/issue/{issueIdOrKey}`. */
  template: string;
  handler: RouteHandler;
  segments: string[];
}

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

export class Router {
  readonly routes: Route[] = [];

  on(method: string, template: string, handler: RouteHandler): this {
    this.routes.push({ method: method.toUpperCase(), template, handler, segments: template.split('/').filter(Boolean) });
    return this;
  }

  /** Finds the route for a path; literal segments beat parameters (`issue/bulk` before `issue/{id}`). */
  match(method: string, path: string): RouteMatch | { allowed: string[] } | undefined {
    const parts = path.split('/').filter(Boolean).map(safeDecode);
    let best: { match: RouteMatch; score: number } | undefined;
    const allowed = new Set<string>();
    for (const route of this.routes) {
      if (route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let score = 0;
      let ok = true;
      route.segments.forEach((seg, i) => {
        const part = parts[i] ?? '';
        if (seg.startsWith('{') && seg.endsWith('}')) params[seg.slice(1, -1)] = part;
        else if (seg === part) score += 1 << (parts.length - i);
        else ok = false;
      });
      if (!ok) continue;
      if (route.method !== method.toUpperCase()) { allowed.add(route.method); continue; }
      if (!best || score > best.score) best = { match: { route, params }, score };
    }
    if (best) return best.match;
    return allowed.size > 0 ? { allowed: [...allowed] } : undefined;
  }
}

function safeDecode(s: string): string {
  try { return decodeURIComponent(s); } catch { return s; }
}
