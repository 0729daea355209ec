/**
 * What "Rotate signing key" says before and after (src/forge/resolvers/keys.ts, decision 0015). Pure: no
 * React, so the wording is unit-tested.
 */
import type { RotatedKeyData, SettingsSync } from '../../../shared/types';
import { isAwaitingPartner, partnerLabel } from '../list/syncActions';

export const ROTATE_LABEL = 'Rotate signing key';
export const ROTATE_TITLE = 'Rotate the signing key?';
export const ROTATED_TITLE = 'Signing key rotated';

type PartnerFields = Pick<SettingsSync, 'partnerSite' | 'partnerProject'>;

/** A pending invitation has no key yet: the server refuses it (400), so the page does not offer it. */
export const canRotate = (sync: PartnerFields): boolean => !isAwaitingPartner(sync);

/** The confirmation, in two plain sentences: what changes, and that nothing in flight breaks. */
export function rotateQuestion(sync: PartnerFields): string {
  return (
    `Lockstep makes a new key to sign the messages of this sync, and ${partnerLabel(sync)} switches to it too. ` +
    'Messages already on their way keep working: the old key is still accepted for a grace period.'
  );
}

/** Timestamps as the page shows them (the component passes a locale-aware formatter). */
export type FormatTime = (iso: string) => string;

export interface RotationOutcome {
  appearance: 'success' | 'warning';
  lines: string[];
}

/** After the rotation: when the new key took over, until when the old one is accepted, and whether the partner confirmed. */
export function rotationOutcome(result: RotatedKeyData, sync: PartnerFields, format: FormatTime): RotationOutcome {
  const lines = [
    `The new key has been in use since ${format(result.rotatedAt)}.`,
    `The old key is accepted until ${format(result.previousKeyAcceptedUntil)}.`,
  ];
  if (result.partner.notified) return { appearance: 'success', lines };
  const reason = result.partner.reason.trim().replace(/[.!?]$/, '');
  lines.push(`${partnerLabel(sync)} has not confirmed the switch (${reason}); it switches with the next message this site sends.`);
  return { appearance: 'warning', lines };
}
