/** The create-sync wizard's steps and checks. Pure: tested without a DOM. */
import type { SyncableProjects } from '../../../shared/types';

/** Where the partner project lives; for another site, whether this side invites or accepts. */
export type Where = 'same' | 'other';
export type OtherSiteMode = 'invite' | 'paste';

export type WizardStep =
  | { step: 'where' }
  | { step: 'same-site' }
  | { step: 'other-site' }
  | { step: 'invite' }
  | { step: 'paste' };

export const STEP_TITLE: Record<WizardStep['step'], string> = {
  where: 'Where is the other project?',
  'same-site': 'Choose the partner project',
  'other-site': 'Connect to another Jira site',
  invite: 'Create an invitation code',
  paste: 'Paste an invitation code',
};

/** The step before this one (Back), or null on the first. */
export function previousStep(step: WizardStep['step']): WizardStep | null {
  switch (step) {
    case 'where':
      return null;
    case 'same-site':
    case 'other-site':
      return { step: 'where' };
    case 'invite':
    case 'paste':
      return { step: 'other-site' };
  }
}

export function nextStep(from: 'where', choice: Where): WizardStep;
export function nextStep(from: 'other-site', choice: OtherSiteMode): WizardStep;
export function nextStep(from: 'where' | 'other-site', choice: Where | OtherSiteMode): WizardStep {
  if (from === 'where') return choice === 'same' ? { step: 'same-site' } : { step: 'other-site' };
  return choice === 'invite' ? { step: 'invite' } : { step: 'paste' };
}

/** A pasted code without the line breaks and spaces that copying across chat or mail tends to add. */
export function normalizeInvitationCode(raw: string): string {
  return raw.replace(/\s+/g, '');
}

/** Why a pasted code cannot be sent yet, or null when it can (the server checks the rest). */
export function invitationCodeProblem(raw: string): string | null {
  return normalizeInvitationCode(raw) === '' ? 'Paste the invitation code from the other site.' : null;
}

export interface ProjectOption {
  label: string;
  value: string;
}

/** Select options, "Operations (OPS)", sorted by name. */
export function projectOptions(data: SyncableProjects): ProjectOption[] {
  return [...data.projects]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((p) => ({ label: `${p.name} (${p.key})`, value: p.key }));
}
