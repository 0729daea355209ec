import Button from '@atlaskit/button/default/button';
import ModalDialog, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';

export interface ConfirmDialogProps {
  /** Whether the dialog is shown. */
  open: boolean;
  title: string;
  body: string;
  confirmLabel: string;
  /** Danger for destructive actions (Delete), warning otherwise. */
  appearance: 'danger' | 'warning';
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A yes/no question before a destructive action; Cancel has the focus so Enter never destroys by accident. */
export function ConfirmDialog({ open, title, body, confirmLabel, appearance, busy = false, onConfirm, onCancel }: ConfirmDialogProps) {
  return (
    <ModalTransition>
      {open ? (
        <ModalDialog onClose={busy ? () => undefined : onCancel} width="small">
          <ModalHeader hasCloseButton={false}>
            <ModalTitle appearance={appearance}>{title}</ModalTitle>
          </ModalHeader>
          <ModalBody>
            <p style={{ margin: 0 }}>{body}</p>
          </ModalBody>
          <ModalFooter>
            <Button appearance="subtle" onClick={onCancel} isDisabled={busy} autoFocus>
              Cancel
            </Button>
            <Button appearance={appearance} onClick={onConfirm} isLoading={busy}>
              {confirmLabel}
            </Button>
          </ModalFooter>
        </ModalDialog>
      ) : null}
    </ModalTransition>
  );
}
