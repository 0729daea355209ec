/**
 * What changed between two configurations, one human line each, with names rather than ids. The
 * editor shows it before saving and the backend writes the same lines to the audit log.
 */
import { formatMegabytes, onOff, systemFieldName } from './labels';
import type { FieldMapping, Ref, SyncConfig } from './schema';

type Field = FieldMapping;
type Pair = { local: Ref; partner: Ref };

const q = (s: string) => `"${s}"`;
const orNone = (s: string | null) => (s === null ? 'none' : q(s));
const list = (items: readonly string[], empty: string) => (items.length === 0 ? empty : items.join(', '));

/** Entries of `before` and `after` matched by key, then the leftovers by name (a re-pointed id keeps its name). */
function match<T>(before: readonly T[], after: readonly T[], key: (t: T) => string, name: (t: T) => string) {
  const pairs: Array<[T, T]> = [];
  const removed: T[] = [];
  const afterLeft = [...after];
  const take = (pred: (t: T) => boolean): T | undefined => {
    const i = afterLeft.findIndex(pred);
    return i < 0 ? undefined : afterLeft.splice(i, 1)[0];
  };
  const unmatched: T[] = [];
  for (const b of before) {
    const a = take((x) => key(x) === key(b));
    if (a === undefined) unmatched.push(b);
    else pairs.push([b, a]);
  }
  const renamed: Array<[T, T]> = [];
  for (const b of unmatched) {
    const a = take((x) => name(x) === name(b));
    if (a === undefined) removed.push(b);
    else renamed.push([b, a]);
  }
  return { pairs, renamed, removed, added: afterLeft };
}

/**
 * The changes from `before` to `after` as lines such as 'Field "Priority": direction both → to-partner'.
 * `before === null` (nothing saved yet) gives ['Configuration created']; identical configurations give [].
 */
export function describeConfigChanges(before: SyncConfig | null, after: SyncConfig): string[] {
  if (before === null) return ['Configuration created'];
  return [
    ...projectChanges(before, after),
    ...issueTypeChanges(before, after),
    ...fieldChanges(before, after),
    ...statusChanges(before, after),
    ...userChanges(before, after),
    ...transferChanges(before, after),
    ...advancedChanges(before, after),
  ];
}

function projectChanges(before: SyncConfig, after: SyncConfig): string[] {
  const out: string[] = [];
  if (before.local.projectKey !== after.local.projectKey) out.push(`Project: ${before.local.projectKey} → ${after.local.projectKey}`);
  if (before.partner.site !== after.partner.site) out.push(`Partner site: ${before.partner.site} → ${after.partner.site}`);
  if (before.partner.projectKey !== after.partner.projectKey) out.push(`Partner project: ${before.partner.projectKey} → ${after.partner.projectKey}`);
  return out;
}

const pairName = (p: Pair) => `${p.local.name} ↔ ${p.partner.name}`;

function issueTypeChanges(before: SyncConfig, after: SyncConfig): string[] {
  const m = match<Pair>(before.issueTypes, after.issueTypes, (t) => `${t.local.id}>${t.partner.id}`, pairName);
  return [
    ...m.removed.map((t) => `Removed issue type mapping ${pairName(t)}`),
    ...m.added.map((t) => `Added issue type mapping ${pairName(t)}`),
    ...m.renamed.map(([, t]) => `Issue type mapping ${pairName(t)}: re-pointed to the issue types of the same name`),
  ];
}

const fieldKey = (f: Field) => (f.kind === 'system' ? `system:${f.field}` : `custom:${f.local.id}`);
const fieldName = (f: Field) => (f.kind === 'system' ? systemFieldName(f.field) : f.local.name);
const fieldTitle = (f: Field) => (f.kind === 'system' ? q(systemFieldName(f.field)) : `${q(f.local.name)} ↔ ${q(f.partner.name)}`);

function fieldChanges(before: SyncConfig, after: SyncConfig): string[] {
  const m = match(before.fields, after.fields, fieldKey, (f) => `${f.kind}:${fieldName(f)}`);
  return [
    ...m.removed.map((f) => `Removed field mapping ${fieldTitle(f)}`),
    ...m.added.map((f) => `Added field mapping ${fieldTitle(f)}`),
    ...m.renamed.flatMap(([b, a]) => [`Field ${q(fieldName(a))}: re-pointed to the field of the same name`, ...oneFieldChanges(b, a)]),
    ...m.pairs.flatMap(([b, a]) => oneFieldChanges(b, a)),
  ];
}

function oneFieldChanges(b: Field, a: Field): string[] {
  const out: string[] = [];
  const at = `Field ${q(fieldName(a))}:`;
  if (b.direction !== a.direction) out.push(`${at} direction ${b.direction} → ${a.direction}`);
  if (b.kind === 'custom' && a.kind === 'custom') {
    if (b.type !== a.type) out.push(`${at} type ${b.type} → ${a.type}`);
    if (b.partner.id !== a.partner.id) out.push(`${at} partner field ${q(b.partner.name)} → ${q(a.partner.name)}`);
  }
  if (b.kind === 'system' && a.kind === 'system') {
    if (b.partnerField !== a.partnerField) {
      const target = (f: typeof a) => systemFieldName(f.partnerField ?? f.field);
      out.push(`${at} partner field ${target(b)} → ${target(a)}`);
    }
    if (b.createMissing !== a.createMissing) out.push(`${at} create missing ${onOff(b.createMissing)} → ${onOff(a.createMissing)}`);
  }
  const entry = (e: { local: string; partner: string }) => `${q(e.local)} ↔ ${q(e.partner)}`;
  const has = (map: Field['valueMap'], e: { local: string; partner: string }) => map.some((x) => x.local === e.local && x.partner === e.partner);
  for (const e of b.valueMap) if (!has(a.valueMap, e)) out.push(`${at} value mapping ${entry(e)} removed`);
  for (const e of a.valueMap) if (!has(b.valueMap, e)) out.push(`${at} value mapping ${entry(e)} added`);
  if (b.default !== a.default) out.push(`${at} default value ${orNone(b.default)} → ${orNone(a.default)}`);
  return out;
}

type StatusMapping = SyncConfig['statuses'][number];

function statusChanges(before: SyncConfig, after: SyncConfig): string[] {
  // The restriction is an issue type id; the issue type mappings know its name.
  const typeName = (id: string) =>
    [...after.issueTypes, ...before.issueTypes].find((t) => t.local.id === id)?.local.name ?? `issue type ${id}`;
  const title = (s: StatusMapping) => `Status mapping ${q(s.local.name)} → ${q(s.partner.name)}${s.issueType ? ` (${typeName(s.issueType)} only)` : ''}`;
  const m = match(before.statuses, after.statuses, (s) => `${s.local.id}>${s.partner.id}@${s.issueType ?? ''}`, title);
  return [
    ...m.removed.map((s) => `${title(s)} removed`),
    ...m.added.map((s) => `${title(s)} added`),
    ...m.renamed.map(([, s]) => `${title(s)}: re-pointed to the statuses of the same name`),
  ];
}

const STRATEGY: Record<SyncConfig['users']['strategy'], string> = { 'same-account': 'same account', email: 'email', table: 'table' };

function userChanges(before: SyncConfig, after: SyncConfig): string[] {
  const out: string[] = [];
  const b = before.users;
  const a = after.users;
  if (b.strategy !== a.strategy) out.push(`Users: matching ${STRATEGY[b.strategy]} → ${STRATEGY[a.strategy]}`);
  const row = (r: { local: string; partner: string }) => `${r.local} ↔ ${r.partner}`;
  const has = (t: typeof a.table, r: { local: string; partner: string }) => t.some((x) => x.local === r.local && x.partner === r.partner);
  for (const r of b.table) if (!has(a.table, r)) out.push(`Users: removed table row ${row(r)}`);
  for (const r of a.table) if (!has(b.table, r)) out.push(`Users: added table row ${row(r)}`);
  if (b.defaultUser !== a.defaultUser) out.push(`Users: default user ${orNone(b.defaultUser)} → ${orNone(a.defaultUser)}`);
  return out;
}

function transferChanges(before: SyncConfig, after: SyncConfig): string[] {
  const out: string[] = [];
  const flag = (label: string, b: boolean, a: boolean) => {
    if (b !== a) out.push(`${label} ${onOff(b)} → ${onOff(a)}`);
  };
  const { comments: bc, attachments: ba, links: bl } = before;
  const { comments: ac, attachments: aa, links: al } = after;
  if (bc.direction !== ac.direction) out.push(`Comments: direction ${bc.direction} → ${ac.direction}`);
  flag('Comments: include restricted', bc.includeRestricted, ac.includeRestricted);
  flag('Comments: follow edits', bc.followEdits, ac.followEdits);
  flag('Comments: follow deletes', bc.followDeletes, ac.followDeletes);
  if (ba.direction !== aa.direction) out.push(`Attachments: direction ${ba.direction} → ${aa.direction}`);
  if (ba.maxBytes !== aa.maxBytes) out.push(`Attachments: max size ${formatMegabytes(ba.maxBytes)} → ${formatMegabytes(aa.maxBytes)}`);
  if (ba.mimeTypes.join(',') !== aa.mimeTypes.join(',')) out.push(`Attachments: MIME types ${list(ba.mimeTypes, 'any')} → ${list(aa.mimeTypes, 'any')}`);
  if (ba.fileNamePattern !== aa.fileNamePattern) out.push(`Attachments: file name pattern ${orNone(ba.fileNamePattern)} → ${orNone(aa.fileNamePattern)}`);
  if (bl.direction !== al.direction) out.push(`Links: direction ${bl.direction} → ${al.direction}`);
  if (bl.types.join('\n') !== al.types.join('\n')) out.push(`Links: types ${list(bl.types, 'every type')} → ${list(al.types, 'every type')}`);
  flag('Links: sub-tasks', bl.subtasks, al.subtasks);
  return out;
}

function advancedChanges(before: SyncConfig, after: SyncConfig): string[] {
  const out: string[] = [];
  const b = before.advanced;
  const a = after.advanced;
  if (b.jql !== a.jql) out.push(`Filter JQL changed: ${q(b.jql)} → ${q(a.jql)}`);
  for (const what of ['create', 'update', 'delete'] as const) {
    if (b.accept[what] !== a.accept[what]) out.push(`Accept incoming ${what}s: ${onOff(b.accept[what])} → ${onOff(a.accept[what])}`);
  }
  if (b.deletePolicy !== a.deletePolicy) out.push(`Delete policy: ${b.deletePolicy} → ${a.deletePolicy}`);
  if (b.correlationField?.id !== a.correlationField?.id) {
    const [from, to] = [b.correlationField?.name ?? null, a.correlationField?.name ?? null];
    out.push(from !== null && from === to ? `Correlation field ${q(to)}: re-pointed to the field of the same name` : `Correlation field: ${orNone(from)} → ${orNone(to)}`);
  }
  if (b.conflicts !== a.conflicts) out.push(`Conflicts: ${b.conflicts} → ${a.conflicts}`);
  return out;
}
