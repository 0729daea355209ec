import Button from '@atlaskit/button/default/button';
import Modal, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import Textfield from '@atlaskit/textfield';
import { token } from '@atlaskit/tokens';
import { useId, useState, type FormEvent } from 'react';
import { ErrorBanner } from '../../shared/ErrorBanner';
import type { UiError } from '../../shared/errors';
import type { IssueSyncOffer } from '../../shared/types';
import { offerTarget } from './labels';
import { checkPartnerKey } from './partnerKey';

export const PAIR_DIALOG_TITLE = 'Pair with an existing issue';

export interface PairDialogProps {
  issueKey: string;
  /** The offer being paired; undefined when the dialog is closed. */
  offer: IssueSyncOffer | undefined;
  busy: boolean;
  /** The pair request's failure, shown in the dialog so the key can be corrected. */
  error: UiError | undefined;
  onSubmit: (partnerKey: string) => void;
  onClose: () => void;
}

function PairForm({ issueKey, offer, busy, error, onSubmit, onClose }: PairDialogProps & { offer: IssueSyncOffer }) {
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const ids = { form: useId(), field: useId(), hint: useId(), problem: useId() };

  const attempt = () => {
    if (busy) return;
    const check = checkPartnerKey(value, issueKey);
    if (!check.ok) {
      setProblem(check.message);
      return;
    }
    setProblem(undefined);
    onSubmit(check.key);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    attempt();
  };

  return (
    <>
      <ModalHeader>
        <ModalTitle>{PAIR_DIALOG_TITLE}</ModalTitle>
      </ModalHeader>
      <ModalBody>
        <form id={ids.form} onSubmit={submit} noValidate>
          <p id={ids.hint} style={{ margin: `0 0 ${token('space.100', '8px')}` }}>
            Pair {issueKey} with an issue that already exists in {offerTarget(offer)}. Its synced fields will be
            overwritten with {issueKey}&rsquo;s values.
          </p>
          <label htmlFor={ids.field} style={{ display: 'block', fontWeight: token('font.weight.semibold', '600'), marginBlockEnd: token('space.050', '4px') }}>
            Partner issue key
          </label>
          <Textfield
            id={ids.field}
            name="partnerKey"
            autoFocus
            autoComplete="off"
            spellCheck={false}
            placeholder="DEV-12"
            value={value}
            isInvalid={problem !== undefined}
            aria-invalid={problem !== undefined}
            aria-describedby={problem !== undefined ? `${ids.problem} ${ids.hint}` : ids.hint}
            onChange={(event) => {
              setValue(event.currentTarget.value);
              if (problem !== undefined) setProblem(undefined);
            }}
          />
          {problem !== undefined ? (
            <p id={ids.problem} style={{ margin: `${token('space.050', '4px')} 0 0`, color: token('color.text.danger', '#AE2E24') }}>
              {problem}
            </p>
          ) : null}
          {error !== undefined ? <ErrorBanner error={error} onRetry={attempt} /> : null}
        </form>
      </ModalBody>
      <ModalFooter>
        <Button appearance="subtle" onClick={onClose}>
          Cancel
        </Button>
        <Button appearance="primary" type="submit" form={ids.form} isDisabled={busy}>
          {busy ? 'Pairing…' : 'Pair'}
        </Button>
      </ModalFooter>
    </>
  );
}

/** "Pair with an existing issue": asks for the partner's key, checks its form, then pairs. */
export function PairDialog(props: PairDialogProps) {
  const { offer, onClose } = props;
  return (
    <ModalTransition>
      {offer !== undefined ? (
        <Modal onClose={onClose} width="small" shouldScrollInViewport>
          <PairForm {...props} offer={offer} />
        </Modal>
      ) : null}
    </ModalTransition>
  );
}
