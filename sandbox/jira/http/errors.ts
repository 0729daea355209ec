/** Jira's error shape: `{ errorMessages: string[], errors: { field: message } }` with the HTTP status. */
export class JiraHttpError extends Error {
  constructor(
    readonly status: number,
    readonly errorMessages: string[],
    readonly errors: Record<string, string> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(errorMessages[0] ?? Object.entries(errors).map(([k, v]) => `${k}: ${v}`).join('; '));
  }

  body(): { errorMessages: string[]; errors: Record<string, string> } {
    return { errorMessages: this.errorMessages, errors: this.errors };
  }
}

export const badRequest = (message: string): JiraHttpError => new JiraHttpError(400, [message]);
export const fieldErrors = (errors: Record<string, string>): JiraHttpError => new JiraHttpError(400, [], errors);
export const notFound = (message: string): JiraHttpError => new JiraHttpError(404, [message]);
export const forbidden = (message: string): JiraHttpError => new JiraHttpError(403, [message]);
export const unauthorized = (): JiraHttpError =>
  new JiraHttpError(401, ['You are not authenticated. Authentication required to perform this operation.'], {}, { 'WWW-Authenticate': 'Basic realm="protected-area"' });

/** Jira answers 404 both for a missing issue and one the caller may not browse, so nothing leaks. */
export const issueNotFound = (): JiraHttpError => notFound('Issue does not exist or you do not have permission to see it.');
