/**
 * The parts of manifest.yml the local Forge runtime acts on, parsed with zod. Full validation is
 * @forge/manifest's job (test/manifest); this only refuses what the runtime could not run.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

const Key = z.string().regex(/^[a-zA-Z0-9_-]+$/);

const FunctionModule = z.object({ key: Key, handler: z.string().regex(/^[\w./-]+\.\w+$/), timeoutSeconds: z.number().int().positive().optional() });
const TriggerModule = z.object({
  key: Key,
  function: Key,
  events: z.array(z.string().min(1)).min(1),
  filter: z.object({ ignoreSelf: z.boolean().optional(), expression: z.string().optional(), onError: z.enum(['IGNORE', 'IGNORE_AND_LOG', 'RECEIVE', 'RECEIVE_AND_LOG']).optional() }).optional(),
});
const ScheduledTriggerModule = z.object({ key: Key, function: Key, interval: z.enum(['fiveMinute', 'hour', 'day', 'week']) });
const WebTriggerModule = z.object({ key: Key, function: Key, response: z.object({ type: z.enum(['static', 'dynamic']) }).optional() });
const ConsumerModule = z.object({ key: Key, queue: Key, function: Key });
const UiModule = z.object({ key: Key, resource: Key, resolver: z.object({ function: Key }).optional(), title: z.string() });
const Resource = z.object({ key: Key, path: z.string().min(1) });

const ManifestShape = z.object({
  app: z.object({
    id: z.string().startsWith('ari:cloud:ecosystem::app/'),
    runtime: z.object({ name: z.string() }).optional(),
    storage: z.object({ entities: z.array(z.unknown()).optional() }).passthrough().optional(),
  }).passthrough(),
  modules: z.object({
    function: z.array(FunctionModule).default([]),
    trigger: z.array(TriggerModule).default([]),
    scheduledTrigger: z.array(ScheduledTriggerModule).default([]),
    webtrigger: z.array(WebTriggerModule).default([]),
    consumer: z.array(ConsumerModule).default([]),
    'jira:projectSettingsPage': z.array(UiModule).default([]),
    'jira:issuePanel': z.array(UiModule).default([]),
  }).passthrough(),
  resources: z.array(Resource).default([]),
  permissions: z.object({ scopes: z.array(z.string()).default([]) }).passthrough().optional(),
}).passthrough();

export type FunctionModule = z.infer<typeof FunctionModule>;
export type TriggerModule = z.infer<typeof TriggerModule>;
export type ScheduledTriggerModule = z.infer<typeof ScheduledTriggerModule>;
export type WebTriggerModule = z.infer<typeof WebTriggerModule>;
export type ConsumerModule = z.infer<typeof ConsumerModule>;
export type UiModule = z.infer<typeof UiModule> & { type: UiModuleType };
export type UiModuleType = 'jira:projectSettingsPage' | 'jira:issuePanel';

/** The manifest as the runtime uses it: modules by kind, functions and resources by key. */
export interface AppManifest {
  appId: string;
  raw: unknown;
  functions: Map<string, FunctionModule>;
  triggers: TriggerModule[];
  scheduledTriggers: ScheduledTriggerModule[];
  webtriggers: WebTriggerModule[];
  consumers: ConsumerModule[];
  uiModules: UiModule[];
  resources: Map<string, string>;
  scopes: string[];
}

/** Parses a manifest document; throws one error listing every problem, each with its path. */
export function readManifest(doc: unknown): AppManifest {
  const parsed = ManifestShape.safeParse(doc);
  if (!parsed.success) {
    throw new Error(`manifest.yml cannot be run locally:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const m = parsed.data;
  const functions = new Map(m.modules.function.map((f) => [f.key, f]));
  const problems: string[] = [];
  const needFunction = (where: string, key: string | undefined): void => {
    if (key !== undefined && !functions.has(key)) problems.push(`${where} names function '${key}', which modules.function does not declare`);
  };
  m.modules.trigger.forEach((t) => needFunction(`trigger ${t.key}`, t.function));
  m.modules.scheduledTrigger.forEach((t) => needFunction(`scheduledTrigger ${t.key}`, t.function));
  m.modules.webtrigger.forEach((t) => needFunction(`webtrigger ${t.key}`, t.function));
  m.modules.consumer.forEach((c) => needFunction(`consumer ${c.key}`, c.function));
  const uiModules: UiModule[] = [
    ...m.modules['jira:projectSettingsPage'].map((u) => ({ ...u, type: 'jira:projectSettingsPage' as const })),
    ...m.modules['jira:issuePanel'].map((u) => ({ ...u, type: 'jira:issuePanel' as const })),
  ];
  const resources = new Map(m.resources.map((r) => [r.key, r.path]));
  for (const u of uiModules) {
    needFunction(`${u.type} ${u.key}`, u.resolver?.function);
    if (!resources.has(u.resource)) problems.push(`${u.type} ${u.key} names resource '${u.resource}', which resources does not declare`);
  }
  if (problems.length) throw new Error(`manifest.yml cannot be run locally:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  return {
    appId: m.app.id.slice('ari:cloud:ecosystem::app/'.length),
    raw: doc,
    functions,
    triggers: m.modules.trigger,
    scheduledTriggers: m.modules.scheduledTrigger,
    webtriggers: m.modules.webtrigger,
    consumers: m.modules.consumer,
    uiModules,
    resources,
    scopes: m.permissions?.scopes ?? [],
  };
}

export function loadManifest(file: string): AppManifest {
  return readManifest(parse(readFileSync(file, 'utf8')));
}

/** Forge's default function timeout, and the maximum a module kind may ask for (FORGE-NOTES, Manifest). */
export const DEFAULT_TIMEOUT_SECONDS = 25;
export const WEBTRIGGER_TIMEOUT_SECONDS = 55;
export const MAX_LONG_TIMEOUT_SECONDS = 900;
