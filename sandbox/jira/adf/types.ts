/** Minimal structural type for an Atlassian Document Format document; full validation is adf schema's job. */
export interface AdfNode {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  content?: AdfNode[];
}

export interface AdfDoc extends AdfNode {
  type: 'doc';
  version: 1;
  content: AdfNode[];
}

/** True when a stored value is an ADF document rather than a scalar or list. */
export function isAdfDoc(value: unknown): value is AdfDoc {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && (value as { type?: unknown }).type === 'doc';
}
