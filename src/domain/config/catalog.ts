/**
 * What one side's project offers for mapping, with names (the editor never shows raw ids) and the
 * values a value map can name. Read from Jira on each side; a partner's catalog arrives over the
 * signed partner channel, so it is parsed here before anything uses it.
 */
import { z } from 'zod';
import { CUSTOM_TYPES } from './schema';
import type { ProjectMeta } from './suggest';

const Named = z.object({ id: z.string().min(1).max(200), name: z.string().min(1).max(500) });

export const CatalogField = z.object({
  id: z.string().min(1).max(200),
  name: z.string().min(1).max(500),
  /** The mapping type Lockstep carries it as (CUSTOM_TYPES). */
  type: z.enum(CUSTOM_TYPES),
  /** Jira's own type key (the part after customfieldtypes:). */
  jiraType: z.string().min(1).max(200),
  /** Option values of select and multi-select fields. */
  options: z.array(z.string().max(500)).max(1000).default([]),
});
export type CatalogField = z.infer<typeof CatalogField>;

export const ProjectCatalog = z.object({
  /** `same` for this site, else the partner site's URL or name. */
  site: z.string().min(1).max(300),
  /** The site's base URL, for links to issues; null when unknown. */
  siteUrl: z.string().max(300).nullable().default(null),
  project: z.object({ key: z.string().min(1).max(20), name: z.string().min(1).max(500) }),
  issueTypes: z.array(Named).max(500),
  statuses: z.array(Named.extend({ category: z.string().min(1).max(50) })).max(2000),
  /** Which statuses each issue type's workflow uses (issue type id → status ids). */
  workflows: z.array(z.object({ issueTypeId: z.string().min(1), statusIds: z.array(z.string().min(1)).max(500) })).max(500).default([]),
  /** Custom fields of a type Lockstep carries; other custom fields are left out. */
  customFields: z.array(CatalogField).max(2000),
  priorities: z.array(z.string().min(1).max(500)).max(200).default([]),
  components: z.array(z.string().min(1).max(500)).max(2000).default([]),
  versions: z.array(z.string().min(1).max(500)).max(2000).default([]),
  linkTypes: z.array(z.string().min(1).max(500)).max(200).default([]),
  /**
   * Ids of the named values above, when the reader knows them: a configuration export records them so
   * an import can follow a value renamed on the new site. Absent from older catalogs.
   */
  named: z.object({
    priorities: z.array(Named).max(2000),
    components: z.array(Named).max(2000),
    versions: z.array(Named).max(2000),
    linkTypes: z.array(Named).max(2000),
  }).optional(),
});
export type ProjectCatalog = z.infer<typeof ProjectCatalog>;

/** The part of a catalog a configuration suggestion reads. */
export function metaOf(catalog: ProjectCatalog): ProjectMeta {
  return {
    projectKey: catalog.project.key,
    issueTypes: catalog.issueTypes,
    statuses: catalog.statuses,
    customFields: catalog.customFields.map((f) => ({ id: f.id, name: f.name, jiraType: f.jiraType })),
  };
}
