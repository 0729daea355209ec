/**
 * The JSON shape of an emulator snapshot, as zod schemas. Records are stored as they are in `Site`, except that
 * Sets and Maps become arrays (insertion order kept) and attachment bytes become base64.
 */
import { z } from 'zod';
import { isAdfDocument, type AdfDocument } from '../openapi/adf';
import type {
  AttachmentRecord, ChangeHistoryRecord, CommentRecord, ComponentRecord, CustomFieldRecord, IssueRecord, IssueTypeRecord, LinkRecord,
  LinkTypeRecord, PriorityRecord, ProjectRecord, StatusRecord, UserRecord, VersionRecord, WorkflowRecord,
} from '../model/types';
import type { SiteCounters } from '../model/site';

/** Written into every snapshot; readers refuse other kinds and versions. */
export const SNAPSHOT_KIND = 'lockstep.jira-emulator.snapshot';
export const SNAPSHOT_VERSION = 1;

const id = z.string().min(1);
const time = z.number().int().nonnegative();
const ids = z.array(id);

const User = z.strictObject({
  accountId: id, accountType: z.enum(['atlassian', 'app']), displayName: z.string(), emailAddress: z.string().nullable(),
  apiToken: z.string().nullable(), active: z.boolean(), timeZone: z.string(), siteAdmin: z.boolean(),
});
const Status = z.strictObject({ id, name: z.string().min(1), category: z.enum(['new', 'indeterminate', 'done']) });
const Workflow = z.strictObject({
  id, name: z.string(), initialStatusId: id, statusIds: ids,
  transitions: z.array(z.strictObject({ id, name: z.string(), from: ids, to: id })),
});
const IssueType = z.strictObject({ id, name: z.string().min(1), description: z.string(), subtask: z.boolean(), hierarchyLevel: z.number().int() });
const Priority = z.strictObject({ id, name: z.string().min(1), color: z.string() });
const Component = z.strictObject({ id, projectId: id, name: z.string().min(1), description: z.string() });
const Version = z.strictObject({ id, projectId: id, name: z.string().min(1), released: z.boolean(), archived: z.boolean(), releaseDate: z.string().nullable() });
const LinkType = z.strictObject({ id, name: z.string().min(1), inward: z.string(), outward: z.string() });
const customFieldId = z.custom<`customfield_${number}`>((v) => typeof v === 'string' && /^customfield_\d+$/.test(v), { message: 'expected an id like customfield_10010' });
const CustomField = z.strictObject({
  id: customFieldId, numericId: z.number().int().positive(), name: z.string().min(1), description: z.string(),
  kind: z.enum(['textfield', 'textarea', 'float', 'datepicker', 'datetime', 'select', 'multiselect', 'userpicker', 'labels', 'url']),
  options: z.array(z.strictObject({ id, value: z.string(), disabled: z.boolean() })),
});
const Project = z.strictObject({
  id, key: z.string().regex(/^[A-Z][A-Z0-9]{1,9}$/, 'expected a Jira project key'), name: z.string(), description: z.string(),
  projectTypeKey: z.enum(['software', 'service_desk', 'business']), leadAccountId: id, issueTypeIds: ids, workflowId: id,
  members: z.union([z.literal('everyone'), ids]), admins: ids, nextIssueNumber: z.number().int().positive(),
});
const adfDoc = z.custom<AdfDocument>(isAdfDocument, { message: 'expected an ADF document' });
const StoredValue = z.union([z.null(), z.string(), z.number(), z.array(z.string()), adfDoc]);
const ChangeHistory = z.strictObject({
  id, authorId: id, created: time,
  items: z.array(z.strictObject({
    field: z.string(), fieldtype: z.enum(['jira', 'custom']), fieldId: z.string(),
    from: z.string().nullable(), fromString: z.string().nullable(), to: z.string().nullable(), toString: z.string().nullable(),
  })),
});
const Issue = z.strictObject({
  id, key: z.string().regex(/^[A-Z][A-Z0-9]*-[1-9]\d*$/, 'expected an issue key like SUP-12'), projectId: id, issueTypeId: id, statusId: id,
  parentId: id.nullable(), creatorId: id, created: time, updated: time, statusCategoryChanged: time, resolutionDate: time.nullable(),
  fields: z.record(z.string(), StoredValue), commentIds: ids, attachmentIds: ids,
  /** Issue properties as `[key, value]` pairs, in insertion order. */
  properties: z.array(z.tuple([z.string().min(1), z.unknown()])),
  changelog: z.array(ChangeHistory),
});
const Comment = z.strictObject({
  id, issueId: id, authorId: id, updateAuthorId: id, body: adfDoc, created: time, updated: time,
  visibility: z.strictObject({ type: z.enum(['group', 'role']), value: z.string() }).nullable(),
});
const Attachment = z.strictObject({
  id, issueId: id, filename: z.string().min(1), authorId: id, created: time, mimeType: z.string().min(1),
  /** The bytes, base64-encoded. */
  content: z.string().regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, 'expected base64'),
});
const Link = z.strictObject({ id, typeId: id, inwardIssueId: id, outwardIssueId: id });
const Counters = z.strictObject({ nextId: z.number().int().positive(), nextCustomFieldNumber: z.number().int().positive(), nextTransitionId: z.number().int().positive() });

/** One site's state. */
export const SiteSnapshotSchema = z.strictObject({
  name: z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a site name like alpha'),
  counters: Counters,
  users: z.array(User),
  statuses: z.array(Status),
  workflows: z.array(Workflow),
  issueTypes: z.array(IssueType),
  priorities: z.array(Priority),
  linkTypes: z.array(LinkType),
  customFields: z.array(CustomField),
  projects: z.array(Project),
  components: z.array(Component),
  versions: z.array(Version),
  issues: z.array(Issue),
  comments: z.array(Comment),
  attachments: z.array(Attachment),
  links: z.array(Link),
});

/** A snapshot file: kind, version, sites. */
export const EmulatorSnapshotSchema = z.strictObject({
  kind: z.literal(SNAPSHOT_KIND),
  version: z.literal(SNAPSHOT_VERSION),
  sites: z.array(SiteSnapshotSchema),
});

/** One site's state, JSON-serializable. */
export type SiteSnapshot = z.infer<typeof SiteSnapshotSchema>;
/** Every site of an emulator, JSON-serializable; `version` says how to read it. */
export type EmulatorSnapshot = z.infer<typeof EmulatorSnapshotSchema>;

// Compile-time guard: a field added to a model record must be added here too, or persistence would drop it.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Row<K extends keyof SiteSnapshot> = SiteSnapshot[K] extends (infer T)[] ? T : never;
type AsStored<T, Replaced extends keyof T, With> = Omit<T, Replaced> & With;
const modelMatches: [
  Same<Row<'users'>, UserRecord>, Same<Row<'statuses'>, StatusRecord>, Same<Row<'workflows'>, WorkflowRecord>,
  Same<Row<'issueTypes'>, IssueTypeRecord>, Same<Row<'priorities'>, PriorityRecord>, Same<Row<'linkTypes'>, LinkTypeRecord>,
  Same<Row<'customFields'>, CustomFieldRecord>, Same<Row<'components'>, ComponentRecord>, Same<Row<'versions'>, VersionRecord>,
  Same<Row<'comments'>, CommentRecord>, Same<Row<'links'>, LinkRecord>, Same<SiteSnapshot['counters'], SiteCounters>,
  Same<Row<'projects'>, AsStored<ProjectRecord, 'members' | 'admins', { members: string[] | 'everyone'; admins: string[] }>>,
  Same<Row<'issues'>, AsStored<IssueRecord, 'properties' | 'changelog', { properties: [string, unknown][]; changelog: ChangeHistoryRecord[] }>>,
  Same<Row<'attachments'>, AsStored<AttachmentRecord, 'content', { content: string }>>,
] = [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true];
void modelMatches;
