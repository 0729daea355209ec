import Button from '@atlaskit/button/default/button';
import ModalDialog, { ModalBody, ModalFooter, ModalHeader, ModalTitle, ModalTransition } from '@atlaskit/modal-dialog';
import Select from '@atlaskit/select';
import TextArea from '@atlaskit/textarea';
import { token } from '@atlaskit/tokens';
import { useRef, useState } from 'react';
import { ErrorBanner } from '../../../shared/ErrorBanner';
import { toUiError, type UiError } from '../../../shared/errors';
import { invokeResolver } from '../../../shared/invokeResolver';
import type { CreatedConnectionData, CreatedInvitationData, SettingsSync, SyncableProjects } from '../../../shared/types';
import { LoadingState, RelativeTime, styles } from '../../../shared/ui';
import { useResolver } from '../../../shared/useResolver';
import { isCreatedConnectionData, isCreatedInvitationData, isSyncableProjects } from '../../../shared/validate';
import { copyText } from './clipboard';
import { RadioGroup } from './RadioGroup';
import {
  invitationCodeProblem,
  nextStep,
  normalizeInvitationCode,
  previousStep,
  projectOptions,
  STEP_TITLE,
  type OtherSiteMode,
  type ProjectOption,
  type Where,
  type WizardStep,
} from './wizard';

export interface CreateSyncDialogProps {
  open: boolean;
  onClose: () => void;
  /** The wizard finished with this connection: close, reload the list, open its page. */
  onCreated: (connection: SettingsSync) => void;
  /** A connection now exists though the wizard is still open (an invitation was created): reload the list. */
  onConnectionAdded: () => void;
}

const loadProjects = () => invokeResolver<SyncableProjects>('listSyncableProjects', undefined, { validate: isSyncableProjects });

const fieldLabel = {
  display: 'block',
  font: token('font.body.small', 'normal 400 12px/16px ui-sans-serif, sans-serif'),
  fontWeight: token('font.weight.semibold', '600'),
  color: token('color.text.subtle', '#44546F'),
  marginBottom: token('space.050', '4px'),
} as const;

function SameSiteStep({ value, onChange }: { value: ProjectOption | null; onChange: (option: ProjectOption | null) => void }) {
  const projects = useResolver(loadProjects);
  if (projects.status === 'loading') return <LoadingState label="Loading your projects…" />;
  if (projects.status === 'error') return <ErrorBanner error={projects.error} onRetry={projects.retry} />;
  const options = projectOptions(projects.data);
  return (
    <div>
      <p style={{ ...styles.subtle, margin: `0 0 ${token('space.200', '16px')}` }}>
        Pick another project of this site that you administer. Its issues and this project's will be kept in step.
      </p>
      <label htmlFor="lockstep-partner-project" style={fieldLabel}>
        Partner project
      </label>
      <Select<ProjectOption, false>
        inputId="lockstep-partner-project"
        options={options}
        value={value}
        onChange={(option) => onChange(option ?? null)}
        placeholder={options.length ? 'Choose a project' : 'No other project you administer'}
        isDisabled={options.length === 0}
        menuPortalTarget={document.body}
        styles={{ menuPortal: (base) => ({ ...base, zIndex: 9999 }) }}
      />
      {options.length === 0 ? (
        <p style={{ ...styles.subtle, marginTop: token('space.100', '8px') }}>
          You administer no other project on this site. Ask for admin rights on the partner project first.
        </p>
      ) : null}
    </div>
  );
}

function InvitationCode({ invitation }: { invitation: CreatedInvitationData }) {
  const field = useRef<HTMLTextAreaElement>(null);
  const [copied, setCopied] = useState<string>('');
  const copy = async () => {
    const result = await copyText(invitation.code, field.current);
    setCopied(
      result === 'copied'
        ? 'Copied to the clipboard.'
        : 'The code is selected: press Ctrl+C (⌘C on a Mac) to copy it.',
    );
  };
  return (
    <div>
      <p style={{ margin: `0 0 ${token('space.150', '12px')}` }}>
        Paste this code in Lockstep's settings of the partner project on the other site.
      </p>
      <label htmlFor="lockstep-created-code" style={fieldLabel}>
        Invitation code for the partner
      </label>
      <TextArea
        id="lockstep-created-code"
        ref={field}
        value={invitation.code}
        isReadOnly
        isMonospaced
        resize="none"
        minimumRows={3}
        onFocus={(event) => event.currentTarget.select()}
      />
      <div style={{ display: 'flex', alignItems: 'center', gap: token('space.150', '12px'), marginTop: token('space.100', '8px') }}>
        <Button onClick={() => void copy()}>Copy code</Button>
        <span role="status" style={styles.subtle}>
          {copied}
        </span>
      </div>
      <p style={{ ...styles.subtle, marginTop: token('space.150', '12px') }}>
        The code works once and expires <RelativeTime iso={invitation.expiresAt} />. Until the partner pastes it, the sync
        stays a draft waiting for them.
      </p>
    </div>
  );
}

/** "Create sync": a guided dialog for a same-site sync, or an invitation between two sites. */
export function CreateSyncDialog({ open, onClose, onCreated, onConnectionAdded }: CreateSyncDialogProps) {
  const [step, setStep] = useState<WizardStep>({ step: 'where' });
  const [where, setWhere] = useState<Where | null>(null);
  const [mode, setMode] = useState<OtherSiteMode | null>(null);
  const [project, setProject] = useState<ProjectOption | null>(null);
  const [code, setCode] = useState('');
  const [codeProblem, setCodeProblem] = useState<string | null>(null);
  const [invitation, setInvitation] = useState<CreatedInvitationData | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<UiError | null>(null);

  const reset = () => {
    setStep({ step: 'where' });
    setWhere(null);
    setMode(null);
    setProject(null);
    setCode('');
    setCodeProblem(null);
    setInvitation(null);
    setBusy(false);
    setError(null);
  };

  const close = () => {
    if (busy) return;
    // An invitation already made a draft connection: show its page rather than lose it.
    if (invitation) onCreated(invitation.connection);
    else onClose();
    reset();
  };

  const go = (to: WizardStep) => {
    setError(null);
    setStep(to);
  };

  const submit = async () => {
    setBusy(true);
    setError(null);
    try {
      if (step.step === 'same-site' && project) {
        const result = await invokeResolver<CreatedConnectionData>(
          'createSameSiteConnection',
          { partnerProjectKey: project.value },
          { validate: isCreatedConnectionData },
        );
        reset();
        onCreated(result.connection);
        return;
      }
      if (step.step === 'paste') {
        const problem = invitationCodeProblem(code);
        setCodeProblem(problem);
        if (problem) return;
        const result = await invokeResolver<CreatedConnectionData>(
          'acceptInvitation',
          { code: normalizeInvitationCode(code) },
          { validate: isCreatedConnectionData },
        );
        reset();
        onCreated(result.connection);
        return;
      }
      if (step.step === 'invite') {
        const result = await invokeResolver<CreatedInvitationData>('createInvitation', undefined, {
          validate: isCreatedInvitationData,
        });
        setInvitation(result);
        onConnectionAdded();
      }
    } catch (thrown) {
      const uiError = toUiError(thrown);
      console.warn(`[lockstep] create sync failed (${uiError.status}): ${uiError.message}`);
      setError(uiError);
    } finally {
      setBusy(false);
    }
  };

  const back = previousStep(step.step);
  const body = (() => {
    switch (step.step) {
      case 'where':
        return (
          <RadioGroup<Where>
            legend={STEP_TITLE.where}
            name="lockstep-where"
            value={where}
            onChange={setWhere}
            choices={[
              { value: 'same', label: 'On this site', description: 'Another project of this Jira site.' },
              {
                value: 'other',
                label: 'On another Jira site',
                description: 'Lockstep must be installed there too; you connect with a one-time invitation code.',
              },
            ]}
          />
        );
      case 'same-site':
        return <SameSiteStep value={project} onChange={setProject} />;
      case 'other-site':
        return (
          <RadioGroup<OtherSiteMode>
            legend="How do you want to connect?"
            name="lockstep-other-site"
            value={mode}
            onChange={setMode}
            choices={[
              {
                value: 'invite',
                label: 'Create an invitation code',
                description: 'Start here, then paste the code on the other site.',
              },
              {
                value: 'paste',
                label: 'Paste an invitation code',
                description: 'The other site already created a code for this project.',
              },
            ]}
          />
        );
      case 'invite':
        return invitation ? (
          <InvitationCode invitation={invitation} />
        ) : (
          <p style={{ margin: 0 }}>
            Lockstep creates a one-time code. You paste it in Lockstep's settings of the partner project on the other site,
            and the two sites connect.
          </p>
        );
      case 'paste':
        return (
          <div>
            <label htmlFor="lockstep-paste-code" style={fieldLabel}>
              Invitation code
            </label>
            <TextArea
              id="lockstep-paste-code"
              name="invitation-code"
              value={code}
              isMonospaced
              isInvalid={codeProblem !== null}
              aria-describedby={codeProblem ? 'lockstep-paste-code-problem' : 'lockstep-paste-code-help'}
              minimumRows={3}
              resize="vertical"
              spellCheck={false}
              onChange={(event) => {
                setCode(event.target.value);
                setCodeProblem(null);
              }}
            />
            {codeProblem ? (
              <p id="lockstep-paste-code-problem" style={{ color: token('color.text.danger', '#AE2E24'), margin: `${token('space.050', '4px')} 0 0` }}>
                {codeProblem}
              </p>
            ) : (
              <p id="lockstep-paste-code-help" style={{ ...styles.subtle, marginTop: token('space.050', '4px') }}>
                The code starts with LSI1 and was created in Lockstep's settings of the partner project.
              </p>
            )}
          </div>
        );
    }
  })();

  const primary = (() => {
    switch (step.step) {
      case 'where':
        return (
          <Button appearance="primary" isDisabled={where === null} onClick={() => where && go(nextStep('where', where))}>
            Next
          </Button>
        );
      case 'other-site':
        return (
          <Button appearance="primary" isDisabled={mode === null} onClick={() => mode && go(nextStep('other-site', mode))}>
            Next
          </Button>
        );
      case 'same-site':
        return (
          <Button appearance="primary" isDisabled={project === null} isLoading={busy} onClick={() => void submit()}>
            Create sync
          </Button>
        );
      case 'invite':
        return invitation ? (
          <Button appearance="primary" onClick={close}>
            Done
          </Button>
        ) : (
          <Button appearance="primary" isLoading={busy} onClick={() => void submit()}>
            Create code
          </Button>
        );
      case 'paste':
        return (
          <Button appearance="primary" isLoading={busy} onClick={() => void submit()}>
            Connect
          </Button>
        );
    }
  })();

  return (
    <ModalTransition>
      {open ? (
        <ModalDialog onClose={close} width="medium" shouldCloseOnOverlayClick={!busy} label="Create sync">
          <ModalHeader hasCloseButton closeButtonLabel="Close: Create sync">
            <ModalTitle>Create sync</ModalTitle>
          </ModalHeader>
          <ModalBody>
            {step.step !== 'where' && step.step !== 'other-site' ? (
              <h3 style={{ font: token('font.heading.xsmall', 'normal 653 14px/16px ui-sans-serif, sans-serif'), margin: `0 0 ${token('space.150', '12px')}` }}>
                {STEP_TITLE[step.step]}
              </h3>
            ) : null}
            {body}
            {error ? <ErrorBanner error={error} onRetry={() => void submit()} /> : null}
          </ModalBody>
          <ModalFooter>
            {back && !invitation ? (
              <Button appearance="subtle" onClick={() => go(back)} isDisabled={busy}>
                Back
              </Button>
            ) : null}
            {!invitation ? (
              <Button appearance="subtle" onClick={close} isDisabled={busy}>
                Cancel
              </Button>
            ) : null}
            {primary}
          </ModalFooter>
        </ModalDialog>
      ) : null}
    </ModalTransition>
  );
}
