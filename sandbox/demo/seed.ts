/**
 * Demo data for the sandbox: a support desk (SUP on `alpha`) and an engineering backlog (DEV on `beta`), made
 * through the emulator's REST API as the people who would do the work, from a seeded PRNG so every run is identical.
 */
import { SeedClient, SeedRequestError, type PersonName, type SeedTarget } from './client';
import { planEngineering } from './plan-engineering';
import { planSupport } from './plan-support';
import type { FieldValues, PlannedIssue, ProjectPlan } from './plan';
import { Random, hashSeed } from './random';
import { tallyProject, type SeedSummary } from './summary';

export type { SeedSummary } from './summary';
export { SeedRequestError, type SeedTarget } from './client';

/** Tuning for {@link seedDemoData}; the defaults give the sandbox's standard demo data. */
export interface SeedOptions {
  /** Issues per project, epics and sub-tasks included; 220 by default. */
  issuesPerProject?: number;
  /** PRNG seed; the same seed always gives the same data. */
  seed?: number;
}

/** Issues per project unless told otherwise. */
export const DEFAULT_ISSUES_PER_PROJECT = 220;
/** The seed behind the sandbox's demo data. */
export const DEFAULT_SEED = 20260105;
/** Jira's limit for one bulk create. */
const BULK_LIMIT = 50;

interface Created {
  id: string;
  key: string;
}

/** Resolves custom field names to this site's ids (they differ per site) and builds a create/edit body. */
function requestBody(values: FieldValues, customIds: ReadonlyMap<string, string>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...extra, ...values.system };
  for (const [name, value] of Object.entries(values.custom)) {
    const id = customIds.get(name);
    if (id === undefined) throw new Error(`demo data needs custom field '${name}', which this site does not have`);
    fields[id] = value;
  }
  return { fields, ...(values.update ? { update: values.update } : {}) };
}

class ProjectSeeder {
  private readonly created: (Created | undefined)[] = [];
  private customIds = new Map<string, string>();
  private typeIds = new Map<string, string>();
  /** Transitions available from a status, learnt from the first issue seen in it (one workflow per project). */
  private readonly transitionsFrom = new Map<string, { id: string; to: { name: string } }[]>();
  transitions = 0;
  edits = 0;

  constructor(private readonly client: SeedClient, private readonly plan: ProjectPlan) {}

  private keyOf(ref: number): string {
    const c = this.created[ref];
    if (!c) throw new Error(`demo plan refers to issue #${ref} before it was created`);
    return c.key;
  }

  async run(): Promise<{ firstKey: string; lastKey: string }> {
    await this.loadMetadata();
    await this.createIssues();
    await this.workIssues();
    await this.attach();
    await this.link();
    return { firstKey: this.keyOf(0), lastKey: this.keyOf(this.plan.issues.length - 1) };
  }

  private async loadMetadata(): Promise<void> {
    const key = this.plan.projectKey;
    const fields = await this.client.json<{ id: string; name: string; custom: boolean }[]>('ada', 'GET', '/rest/api/3/field');
    this.customIds = new Map(fields.body.filter((f) => f.custom).map((f) => [f.name, f.id]));
    const types = await this.client.json<{ issueTypes: { id: string; name: string }[] }>('ada', 'GET', `/rest/api/3/issue/createmeta/${key}/issuetypes?maxResults=200`);
    this.typeIds = new Map(types.body.issueTypes.map((t) => [t.name, t.id]));
    // Demo data goes into empty projects only: seeding twice would double every count.
    const existing = await this.client.json<{ issues: unknown[] }>('ada', 'POST', '/rest/api/3/search/jql', { jql: `project = ${key}`, maxResults: 1 });
    if (existing.body.issues.length > 0) throw new Error(`project ${key} already has issues; demo data is only seeded into an empty project`);
  }

  private createBody(issue: PlannedIssue): Record<string, unknown> {
    const typeId = this.typeIds.get(issue.type);
    if (typeId === undefined) throw new Error(`project ${this.plan.projectKey} has no issue type '${issue.type}'`);
    const structural: Record<string, unknown> = { project: { key: this.plan.projectKey }, issuetype: { id: typeId } };
    if (issue.parent !== null) structural['parent'] = { key: this.keyOf(issue.parent) };
    return requestBody({ system: issue.values.system, custom: issue.values.custom }, this.customIds, structural);
  }

  /** Bulk creates in plan order, one call per run of issues by the same reporter (≤ 50), after their parents exist. */
  private async createIssues(): Promise<void> {
    let batch: PlannedIssue[] = [];
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      const reporter = batch[0]!.reporter;
      const body = { issueUpdates: batch.map((i) => this.createBody(i)) };
      const reply = await this.client.json<{ issues: Created[]; errors: unknown[] }>(reporter, 'POST', '/rest/api/3/issue/bulk', body);
      if (reply.body.errors.length > 0 || reply.body.issues.length !== batch.length) {
        throw new SeedRequestError(this.client.site, `POST /rest/api/3/issue/bulk (as ${reporter})`, reply.status, JSON.stringify(reply.body.errors));
      }
      batch.forEach((issue, n) => { this.created[issue.ref] = reply.body.issues[n]; });
      batch = [];
    };
    for (const issue of this.plan.issues) {
      const parentPending = issue.parent !== null && this.created[issue.parent] === undefined;
      if (batch.length > 0 && (batch[0]!.reporter !== issue.reporter || batch.length === BULK_LIMIT || parentPending)) await flush();
      batch.push(issue);
    }
    await flush();
  }

  private async transitionsOf(key: string, status: string): Promise<{ id: string; to: { name: string } }[]> {
    const known = this.transitionsFrom.get(status);
    if (known) return known;
    const reply = await this.client.json<{ transitions: { id: string; to: { name: string } }[] }>('ada', 'GET', `/rest/api/3/issue/${key}/transitions`);
    this.transitionsFrom.set(status, reply.body.transitions);
    return reply.body.transitions;
  }

  /** Comments, edits and transitions of each issue, in the order the plan tells its story. */
  private async workIssues(): Promise<void> {
    const first = this.keyOf(0);
    const initial = await this.client.json<{ fields: { status: { name: string } } }>('ada', 'GET', `/rest/api/3/issue/${first}?fields=status`);
    for (const issue of this.plan.issues) {
      const key = this.keyOf(issue.ref);
      let status = initial.body.fields.status.name;
      for (const step of issue.steps) {
        if (step.kind === 'comment') {
          await this.client.json(step.actor, 'POST', `/rest/api/3/issue/${key}/comment`, { body: step.body });
        } else if (step.kind === 'edit') {
          await this.client.json(step.actor, 'PUT', `/rest/api/3/issue/${key}`, requestBody(step.values, this.customIds));
          this.edits++;
        } else {
          const transition = (await this.transitionsOf(key, status)).find((t) => t.to.name === step.to);
          if (!transition) throw new Error(`${key}: the workflow has no transition from '${status}' to '${step.to}'`);
          const values = step.values ? requestBody(step.values, this.customIds) : {};
          await this.client.json(step.actor, 'POST', `/rest/api/3/issue/${key}/transitions`, { transition: { id: transition.id }, ...values });
          status = step.to;
          this.transitions++;
        }
      }
    }
  }

  /** One multipart upload per issue, carrying all of that issue's files. */
  private async attach(): Promise<void> {
    const byIssue = new Map<number, typeof this.plan.attachments>();
    for (const a of this.plan.attachments) byIssue.set(a.issue, [...(byIssue.get(a.issue) ?? []), a]);
    for (const [ref, files] of byIssue) await this.client.upload(files[0]!.actor, this.keyOf(ref), files);
  }

  private async link(): Promise<void> {
    for (const l of this.plan.links) {
      await this.client.json(l.actor, 'POST', '/rest/api/3/issueLink', { type: { name: l.type }, inwardIssue: { key: this.keyOf(l.inward) }, outwardIssue: { key: this.keyOf(l.outward) } });
    }
  }
}

async function seedProject(client: SeedClient, plan: ProjectPlan): Promise<SeedSummary> {
  const seeder = new ProjectSeeder(client, plan);
  const { firstKey, lastKey } = await seeder.run();
  const tally = await tallyProject(client, plan.projectKey);
  return { site: client.site, projectKey: plan.projectKey, firstKey, lastKey, ...tally, transitions: seeder.transitions, edits: seeder.edits, requests: client.requests };
}

/**
 * Fills SUP on `alpha` and DEV on `beta` (added by `addSandboxSites`) with realistic, deterministic demo data:
 * issues with ADF descriptions, comments, attachments, links, several statuses, priorities, components, versions,
 * labels, due dates and custom fields. Call it before rate limits are switched on; a 429 is still honoured.
 *
 * @throws SeedRequestError when the emulator answers any request with a non-2xx status.
 * @throws Error when a project already has issues; RangeError for an issue count outside 10–5000.
 */
export async function seedDemoData(
  emulator: SeedTarget,
  tokens: Record<PersonName, string>,
  options: SeedOptions = {},
): Promise<{ alpha: SeedSummary; beta: SeedSummary }> {
  const count = options.issuesPerProject ?? DEFAULT_ISSUES_PER_PROJECT;
  if (!Number.isInteger(count) || count < 10 || count > 5000) throw new RangeError(`issuesPerProject must be an integer from 10 to 5000, got ${count}`);
  const seed = options.seed ?? DEFAULT_SEED;
  const alpha = await seedProject(new SeedClient(emulator, 'alpha', tokens), planSupport(new Random(hashSeed(`${seed}:SUP`)), count));
  const beta = await seedProject(new SeedClient(emulator, 'beta', tokens), planEngineering(new Random(hashSeed(`${seed}:DEV`)), count));
  return { alpha, beta };
}
