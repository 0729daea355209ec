/**
 * A sync's configuration, as one side holds it: versioned, zod-validated, documented in docs/config.md.
 * Jira objects are referenced by id *and* name: ids differ between sites (and change in a migration),
 * names let an import suggest the fix.
 */
import { z } from 'zod';

export const CONFIG_VERSION = 1;

/** Which way a value flows, seen from this side. */
export const Direction = z.enum(['both', 'to-partner', 'from-partner']);
export type Direction = z.infer<typeof Direction>;

const Ref = z.object({ id: z.string().min(1), name: z.string().min(1) });
export type Ref = z.infer<typeof Ref>;

export const SYSTEM_FIELDS = ['summary', 'description', 'environment', 'priority', 'labels', 'components', 'fixVersions', 'versions', 'duedate', 'assignee', 'reporter'] as const;
export const CUSTOM_TYPES = ['text', 'paragraph', 'number', 'date', 'datetime', 'select', 'multiselect', 'user', 'labels', 'url'] as const;

const ValueMapEntry = z.object({ local: z.string().min(1), partner: z.string().min(1) });

const SystemField = z.object({
  kind: z.literal('system'),
  field: z.enum(SYSTEM_FIELDS),
  direction: Direction,
  /** For priority, components and versions: local name ↔ partner name, where they differ. */
  valueMap: z.array(ValueMapEntry).default([]),
  /** Used when a value has no counterpart on the receiving side (a name, or an accountId for users). */
  default: z.string().min(1).nullable().default(null),
  /** Components and versions missing on the receiving side are created rather than defaulted. */
  createMissing: z.boolean().default(false),
  /** Lets e.g. fixVersions here feed versions there (Backbone's cross mapping). */
  partnerField: z.enum(SYSTEM_FIELDS).optional(),
});

const CustomField = z.object({
  kind: z.literal('custom'),
  type: z.enum(CUSTOM_TYPES),
  local: Ref,
  partner: Ref,
  direction: Direction,
  valueMap: z.array(ValueMapEntry).default([]),
  default: z.string().min(1).nullable().default(null),
});

export const FieldMapping = z.discriminatedUnion('kind', [SystemField, CustomField]);
export type FieldMapping = z.infer<typeof FieldMapping>;

export const IssueTypeMapping = z.object({ local: Ref, partner: Ref });
export const StatusMapping = z.object({
  local: Ref,
  partner: Ref,
  /** Limits the mapping to one local issue type; absent for every type. */
  issueType: z.string().min(1).optional(),
});

const UserMapping = z.object({
  /** same-account: both sides are one Atlassian organisation; email: match by email; table: only the listed pairs. */
  strategy: z.enum(['same-account', 'email', 'table']),
  table: z.array(z.object({ local: z.string().min(1), partner: z.string().min(1) })).default([]),
  /** accountId used when nobody matches; null leaves the field empty. */
  defaultUser: z.string().min(1).nullable().default(null),
});

const Comments = z.object({
  direction: Direction.or(z.literal('none')),
  /** Internal (restricted) comments stay on their side unless this is set. */
  includeRestricted: z.boolean().default(false),
  followEdits: z.boolean().default(true),
  followDeletes: z.boolean().default(true),
});

const Attachments = z.object({
  direction: Direction.or(z.literal('none')),
  maxBytes: z.number().int().positive().max(2 * 1024 ** 3).default(10 * 1024 * 1024),
  /** MIME type patterns such as `image/*`; empty allows every type. */
  mimeTypes: z.array(z.string().regex(/^[\w.+-]+\/(\*|[\w.+-]+)$/, 'a MIME type such as image/png or image/*')).default([]),
  fileNamePattern: z.string().min(1).nullable().default(null),
});

const Links = z.object({
  direction: Direction.or(z.literal('none')),
  /** Link type names to carry; empty carries every type that exists on both sides. */
  types: z.array(z.string().min(1)).default([]),
  subtasks: z.boolean().default(true),
});

const Advanced = z.object({
  /** JQL selecting which local issues sync; empty means the whole project. */
  jql: z.string().default(''),
  accept: z.object({ create: z.boolean().default(true), update: z.boolean().default(true), delete: z.boolean().default(false) }).default({ create: true, update: true, delete: false }),
  /** A local text field that holds the partner issue key. */
  correlationField: Ref.nullable().default(null),
  deletePolicy: z.enum(['ignore', 'delete', 'mark']).default('ignore'),
  /** newest-wins: per field, the later change wins on two-way fields. */
  conflicts: z.literal('newest-wins').default('newest-wins'),
});

export const SyncConfig = z.object({
  version: z.literal(CONFIG_VERSION),
  local: z.object({ projectKey: z.string().regex(/^[A-Z][A-Z0-9_]{1,9}$/, 'a Jira project key such as SUP') }),
  partner: z.object({
    /** `same` for a project of this site; otherwise the partner site's name as the sandbox and handshake know it. */
    site: z.string().min(1),
    projectKey: z.string().regex(/^[A-Z][A-Z0-9_]{1,9}$/, 'a Jira project key such as DEV'),
  }),
  issueTypes: z.array(IssueTypeMapping).min(1, 'map at least one issue type'),
  fields: z.array(FieldMapping),
  statuses: z.array(StatusMapping).default([]),
  users: UserMapping.default({ strategy: 'same-account', table: [], defaultUser: null }),
  comments: Comments.default({ direction: 'both', includeRestricted: false, followEdits: true, followDeletes: true }),
  attachments: Attachments.default({ direction: 'both', maxBytes: 10 * 1024 * 1024, mimeTypes: [], fileNamePattern: null }),
  links: Links.default({ direction: 'both', types: [], subtasks: true }),
  advanced: Advanced.default({ jql: '', accept: { create: true, update: true, delete: false }, correlationField: null, deletePolicy: 'ignore', conflicts: 'newest-wins' }),
}).superRefine((config, ctx) => {
  // Rules that span entries: one mapping per field and per issue type, maps only where values are named.
  const seen = new Map<string, number>();
  config.fields.forEach((f, i) => {
    const key = f.kind === 'system' ? `system:${f.field}` : `custom:${f.local.id}`;
    if (seen.has(key)) ctx.addIssue({ code: 'custom', path: ['fields', i], message: `maps the same field as fields.${seen.get(key)}` });
    else seen.set(key, i);
    const named = f.kind === 'system' ? ['priority', 'components', 'fixVersions', 'versions'].includes(f.field) : ['select', 'multiselect'].includes(f.type);
    if (f.valueMap.length > 0 && !named) ctx.addIssue({ code: 'custom', path: ['fields', i, 'valueMap'], message: 'value maps apply to priority, components, versions and select fields only' });
    if (f.kind === 'system' && f.createMissing && !['components', 'fixVersions', 'versions'].includes(f.field)) {
      ctx.addIssue({ code: 'custom', path: ['fields', i, 'createMissing'], message: 'only components and versions can be created' });
    }
  });
  // Several partner types may arrive as one local type (and the reverse), but each pair once.
  const types = new Set<string>();
  config.issueTypes.forEach((t, i) => {
    const pair = `${t.local.id}→${t.partner.id}`;
    if (types.has(pair)) ctx.addIssue({ code: 'custom', path: ['issueTypes', i], message: `issue type ${t.local.name} ↔ ${t.partner.name} is mapped twice` });
    types.add(pair);
  });
  if (config.partner.site === 'same' && config.partner.projectKey === config.local.projectKey) {
    ctx.addIssue({ code: 'custom', path: ['partner', 'projectKey'], message: 'a project cannot sync with itself' });
  }
});
export type SyncConfig = z.infer<typeof SyncConfig>;
export type SyncConfigInput = z.input<typeof SyncConfig>;
