/**
 * Both halves of a bulk comparison: a side's issues read in bulk as portable values (what it would send),
 * and those values held against the other side's issues, read in bulk too, writing only what differs.
 * Resync writes; reconciliation only compares. Jira cost per 100 issues: 1 bulkfetch, plus one edit per
 * issue that differs (and a transition walk when its status does).
 */
import { receives, sends } from '../../domain/config/direction';
import { fieldMappingName } from '../../domain/config/labels';
import type { FieldMapping, SyncConfig } from '../../domain/config/schema';
import { differingFields } from '../../domain/sync/compare';
import type { FieldStamp } from '../../domain/sync/conflict';
import type { PortableUser, PortableValue } from '../../domain/sync/message';
import { emailsToResolve, userResolver } from '../../domain/sync/users';
import { localFieldId, partnerFieldId, readValue, shapeOf, toJiraInput } from '../../domain/sync/values';
import { bulkFetch } from '../../jira/bulk';
import { userByEmail } from '../../jira/cached';
import { editIssue, type IssueBean } from '../../jira/client';
import { JiraError } from '../../jira/errors';
import { moveToStatus, targetStatus } from '../sync/status';
import type { SyncDeps } from '../sync/deps';

export interface StatusRef { id: string; name: string }

/** One issue's values as the other side should hold them, keyed by the other side's field ids. */
export interface SnapshotEntry {
  /** The issue on the side that receives the entry. */
  issueId: string;
  /** The issue the values come from, for the audit line. */
  originKey: string;
  values: Record<string, PortableValue>;
  status?: StatusRef;
}

export interface Selection {
  /** Field ids as the receiving side knows them (partnerFieldId on the sending side); absent for all. */
  fields?: ReadonlySet<string>;
  /** Every mapping whatever its direction (reconciliation), instead of only those that flow. */
  anyDirection?: boolean;
  status: boolean;
}

/** The mappings whose values this side sends for the selection. */
export function sendingMappings(config: SyncConfig, selection: Selection): FieldMapping[] {
  return config.fields.filter((m) => (selection.anyDirection || sends(m.direction)) && (!selection.fields || selection.fields.has(partnerFieldId(m))));
}

/** A read issue as portable values for the partner. */
export function snapshotOf(bean: IssueBean, mappings: readonly FieldMapping[], withStatus: boolean): Omit<SnapshotEntry, 'issueId'> & { key: string; id: string } {
  const values: Record<string, PortableValue> = {};
  for (const m of mappings) values[partnerFieldId(m)] = readValue(shapeOf(m), bean.fields[localFieldId(m)]);
  const status = bean.fields['status'] as { id?: string; name?: string } | undefined;
  return { id: bean.id, key: bean.key, originKey: bean.key, values, ...(withStatus && status?.id && status.name ? { status: { id: status.id, name: status.name } } : {}) };
}

/** These issues of this side, read in bulk, as the partner should hold them. */
export async function readSnapshot(deps: Pick<SyncDeps, 'jira'>, config: SyncConfig, issueIds: readonly string[], selection: Selection) {
  const mappings = sendingMappings(config, selection);
  const beans = await bulkFetch(deps.jira, issueIds, [...new Set([...mappings.map(localFieldId), 'status'])]);
  return beans.map((b) => snapshotOf(b, mappings, selection.status));
}

export interface Compared {
  issueId: string;
  key: string;
  /** Names of the fields (and "Status") that differ. */
  differing: string[];
  written: boolean;
  error?: string;
}

/**
 * Holds partner values against this side's issues. With `write`, changes exactly the differing fields
 * (and walks the status), stamps them as the partner's, and audits; without, only reports.
 */
export async function compareSnapshot(deps: SyncDeps, connectionId: string, config: SyncConfig, entries: readonly SnapshotEntry[], options: { write: boolean; anyDirection?: boolean }): Promise<Compared[]> {
  const byField = new Map(config.fields.filter((m) => options.anyDirection || receives(m.direction)).map((m) => [localFieldId(m), m]));
  const wanted = new Set<string>(['status', 'issuetype']);
  for (const e of entries) for (const id of Object.keys(e.values)) if (byField.has(id)) wanted.add(id);
  const beans = new Map((await bulkFetch(deps.jira, entries.map((e) => e.issueId), [...wanted])).map((b) => [b.id, b]));
  const resolve = await resolverFor(deps, config, entries);
  const out: Compared[] = [];
  for (const entry of entries) {
    const bean = beans.get(entry.issueId);
    if (!bean) { out.push({ issueId: entry.issueId, key: entry.issueId, differing: [], written: false, error: 'the issue no longer exists here' }); continue; }
    const present = Object.keys(entry.values).flatMap((id) => byField.get(id) ?? []);
    const fields = differingFields(present, bean.fields, entry.values, resolve);
    const status = entry.status && config.statuses.length > 0 ? statusDiffers(config, entry.status, bean) : undefined;
    const differing = [...fields.map((m) => fieldMappingName(m)), ...(status ? ['Status'] : [])];
    if (!options.write || differing.length === 0) { out.push({ issueId: bean.id, key: bean.key, differing, written: false }); continue; }
    try {
      await writeDifferences(deps, connectionId, config, bean, entry, fields, status, resolve);
      out.push({ issueId: bean.id, key: bean.key, differing, written: true });
    } catch (error) {
      if (error instanceof JiraError && error.transient) throw error;
      out.push({ issueId: bean.id, key: bean.key, differing, written: false, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return out;
}

function statusDiffers(config: SyncConfig, partner: StatusRef, bean: IssueBean): { id?: string; name: string } | undefined {
  const current = bean.fields['status'] as { id?: string; name?: string } | undefined;
  const type = (bean.fields['issuetype'] as { id?: string } | undefined)?.id;
  const target = targetStatus(config, partner, type);
  const same = target.id ? current?.id === target.id : current?.name === target.name;
  return same ? undefined : target;
}

async function writeDifferences(
  deps: SyncDeps, connectionId: string, config: SyncConfig, bean: IssueBean, entry: SnapshotEntry,
  fields: readonly FieldMapping[], status: { id?: string; name: string } | undefined, resolve: ReturnType<typeof userResolver>,
): Promise<void> {
  const input: Record<string, unknown> = {};
  for (const m of fields) {
    const v = toJiraInput(m, entry.values[localFieldId(m)] ?? null, resolve);
    if (v !== undefined) input[localFieldId(m)] = v;
  }
  if (Object.keys(input).length > 0) await editIssue(deps.jira, bean.id, input);
  if (status) await moveToStatus(deps.jira, bean.id, status);
  // The resync's values are now the newest this side knows of, so a later edit either side still wins over them.
  const stamps = await deps.state.stamps(connectionId, bean.id);
  const stamp: FieldStamp = { changedAt: deps.now(), site: `resync<${entry.originKey}` };
  for (const id of Object.keys(input)) stamps[id] = stamp;
  if (status) stamps['status'] = stamp;
  await deps.state.setStamps(connectionId, bean.id, stamps);
  await deps.audit.record({ connectionId, at: new Date(deps.now()).toISOString(), actor: 'lockstep', action: 'issue.updated', target: bean.key, detail: `resync from ${entry.originKey}: ${[...Object.keys(input), ...(status ? ['status'] : [])].join(', ')}`.slice(0, 2000) });
}

async function resolverFor(deps: Pick<SyncDeps, 'jira'>, config: SyncConfig, entries: readonly SnapshotEntry[]) {
  const people: PortableUser[] = entries.flatMap((e) => Object.values(e.values).flatMap((v) => (v && typeof v === 'object' && !Array.isArray(v) && 'user' in v ? [v.user] : [])));
  const byEmail = new Map<string, string | null>();
  for (const email of emailsToResolve(config.users, people)) byEmail.set(email, await userByEmail(deps.jira, email));
  return userResolver(config.users, byEmail);
}
