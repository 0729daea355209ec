/**
 * The guided migration checklist: its steps in order, what each is called and asks of the admin, and
 * how a step's state reads. Pure wording, unit-tested.
 */
import type { ThemeAppearance } from '@atlaskit/lozenge/lozenge';
import type { MigrationStatus, MigrationStep, MigrationStepKey } from '../../../shared/types';

export const STEP_ORDER: readonly MigrationStepKey[] = ['stop', 'export-config', 'download-pairs', 'migrate', 'import-config', 'pair', 'start', 'resync', 'reconcile'];

export const STEP_TITLE: Record<MigrationStepKey, string> = {
  stop: 'Stop the sync',
  'export-config': 'Export the configuration',
  'download-pairs': 'Download the synchronized issues',
  migrate: 'Migrate the project',
  'import-config': 'Import the configuration and fix its warnings',
  pair: 'Pair the issues',
  start: 'Start the sync',
  resync: 'Resync',
  reconcile: 'Reconcile',
};

/** One sentence per step, shown under its title; `partner` names the partner project ("DEV on beta"). */
export function stepHelp(key: MigrationStepKey, partner: string): string {
  switch (key) {
    case 'stop':
      return `Stop the sync so that nothing flows between this project and ${partner} while the project moves.`;
    case 'export-config':
      return 'Save the configuration as a file: ids change in a migration, and the file keeps the names to re-point them by.';
    case 'download-pairs':
      return 'Save the list of synchronized issue pairs, the record of which issue pairs with which after the keys move.';
    case 'migrate':
      return "Move the project with Jira's own tools (for example the Jira Cloud Migration Assistant) while the sync is stopped; Lockstep does not move issues itself.";
    case 'import-config':
      return 'Load the exported configuration into the editor, apply the suggested fixes for anything renamed or re-created, review and save.';
    case 'pair':
      return `Tell Lockstep which issue here pairs with which issue in ${partner}: from the downloaded file, by the same issue key, or by a field both sides share.`;
    case 'start':
      return `Start the sync again so that changes flow between this project and ${partner}.`;
    case 'resync':
      return 'Send chosen fields and the status again for the paired issues, so both sides agree after the move.';
    case 'reconcile':
      return `Compare both projects and every pair with ${partner}: each line of the checklist must pass before the cutover.`;
  }
}

export const STEP_STATE_LABEL: Record<MigrationStep['state'], string> = {
  done: 'Done',
  todo: 'To do',
  running: 'In progress',
  failed: 'Failed',
};

export const STEP_STATE_APPEARANCE: Record<MigrationStep['state'], ThemeAppearance> = {
  done: 'success',
  todo: 'default',
  running: 'inprogress',
  failed: 'removed',
};

/** The nine steps in checklist order; a step the server left out shows as to do. */
export function orderedSteps(status: Pick<MigrationStatus, 'steps'>): MigrationStep[] {
  return STEP_ORDER.map((key) => status.steps.find((s) => s.key === key) ?? { key, state: 'todo', detail: null, jobId: null });
}

/** "4 of 9 steps done". */
export function stepsDoneText(steps: readonly MigrationStep[]): string {
  const done = steps.filter((s) => s.state === 'done').length;
  return `${done} of ${steps.length} steps done`;
}
