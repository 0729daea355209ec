import Button from '@atlaskit/button/default/button';
import ModalDialog, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import { ErrorBanner } from '../../../shared/ErrorBanner';
import { toUiError, type UiError } from '../../../shared/errors';
import { formatAbsoluteTime } from '../../../shared/format';
import { invokeResolver } from '../../../shared/invokeResolver';
import type { RotatedKeyData, SettingsSync } from '../../../shared/types';
import { styles } from '../../../shared/ui';
import { isRotatedKeyData } from '../../../shared/validate';
import { partnerLabel } from '../list/syncActions';
import { canRotate, ROTATE_LABEL, ROTATE_TITLE, ROTATED_TITLE, rotateQuestion, rotationOutcome } from './rotateKey';

type Step = { at: 'closed' } | { at: 'asking'; error?: UiError } | { at: 'rotating' } | { at: 'done'; result: RotatedKeyData };

const formatTime = (iso: string) => formatAbsoluteTime(iso) ?? iso;

/** The question, or once answered what changed; a failure stays in the dialog so the admin can retry or cancel. */
function RotateDialog({ sync, step, onRotate, onClose }: { sync: SettingsSync; step: Exclude<Step, { at: 'closed' }>; onRotate: () => void; onClose: () => void }) {
  const busy = step.at === 'rotating';
  const outcome = step.at === 'done' ? rotationOutcome(step.result, sync, formatTime) : null;
  return (
    <ModalDialog onClose={busy ? () => undefined : onClose} width="small">
      <ModalHeader hasCloseButton={false}>
        <ModalTitle>{outcome ? ROTATED_TITLE : ROTATE_TITLE}</ModalTitle>
      </ModalHeader>
      <ModalBody>
        {/* A status region, so the outcome is announced when it replaces the question. */}
        <div role="status">
          {outcome ? (
            <SectionMessage appearance={outcome.appearance}>
              {outcome.lines.map((line) => (
                <p key={line} style={{ margin: `0 0 ${token('space.050', '4px')}` }}>
                  {line}
                </p>
              ))}
            </SectionMessage>
          ) : null}
        </div>
        {outcome ? null : <p style={{ margin: 0 }}>{rotateQuestion(sync)}</p>}
        {step.at === 'asking' && step.error ? <ErrorBanner error={step.error} onRetry={onRotate} /> : null}
      </ModalBody>
      <ModalFooter>
        {outcome ? (
          <Button appearance="primary" onClick={onClose} autoFocus>
            Done
          </Button>
        ) : (
          <>
            {/* Cancel has the focus: Enter alone never rotates. */}
            <Button appearance="subtle" onClick={onClose} isDisabled={busy} autoFocus>
              Cancel
            </Button>
            <Button appearance="warning" onClick={onRotate} isLoading={busy}>
              Rotate key
            </Button>
          </>
        )}
      </ModalFooter>
    </ModalDialog>
  );
}

/**
 * "Rotate signing key" on a sync's page (decision 0015). The page is only shown to project admins
 * (getSettings answers 403 to anyone else) and the resolver checks again.
 */
export function RotateKeyAction({ sync }: { sync: SettingsSync }) {
  const [step, setStep] = useState<Step>({ at: 'closed' });
  if (!canRotate(sync)) return null;

  const rotate = async () => {
    setStep({ at: 'rotating' });
    try {
      const result = await invokeResolver<RotatedKeyData>('rotateSigningKey', { connectionId: sync.id }, { validate: isRotatedKeyData });
      setStep({ at: 'done', result });
    } catch (thrown) {
      const error = toUiError(thrown);
      console.warn(`[lockstep] rotateSigningKey failed (${error.status}): ${error.message}`);
      setStep({ at: 'asking', error });
    }
  };

  return (
    <div style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px'), flexWrap: 'wrap', margin: `0 0 ${token('space.200', '16px')}` }}>
      <span style={{ ...styles.subtle, margin: 0 }}>Lockstep signs this sync’s messages with a key shared only with {partnerLabel(sync)}.</span>
      <Button spacing="compact" onClick={() => setStep({ at: 'asking' })}>
        {ROTATE_LABEL}
      </Button>
      <ModalTransition>
        {step.at !== 'closed' ? <RotateDialog sync={sync} step={step} onRotate={() => void rotate()} onClose={() => setStep({ at: 'closed' })} /> : null}
      </ModalTransition>
    </div>
  );
}
