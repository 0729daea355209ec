/** Shapes of the demo catalog: issue templates with `{slot}` placeholders and the catalog's markup. */

/** What an issue is about; decides its components, log excerpts and documentation links. */
export type Topic = 'billing' | 'login' | 'mobile' | 'api' | 'account' | 'platform';

/** The sandbox projects' components (sandbox/jira/sites.ts) each topic files under. */
export const TOPIC_COMPONENTS: Record<Topic, readonly string[]> = {
  billing: ['Billing'], login: ['Login'], mobile: ['Mobile app'], api: ['API'], account: [], platform: [],
};

export interface IssueTemplate {
  /** Issue type name, as the project's create metadata lists it. */
  type: string;
  topic: Topic;
  /** One line, with `{slot}` placeholders. */
  summary: string;
  /** The opening paragraph, in catalog markup. */
  context: string;
  steps?: readonly string[];
  expected?: string;
  actual?: string;
  /** Bullet points (facts, acceptance criteria, checklist). */
  notes?: readonly string[];
  /** Heading for `notes`; "Details" when absent. */
  notesTitle?: string;
  /** Include a log or code excerpt for the topic. */
  log?: boolean;
  labels?: readonly string[];
}

/** A code block excerpt: language and text with slots. */
export interface Snippet {
  language: string;
  text: string;
}
