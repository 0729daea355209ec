/** Users, Filters and Advanced: how people are matched, which issues sync, what is accepted. */
import Button from '@atlaskit/button/default/button';
import TextArea from '@atlaskit/textarea';
import Textfield from '@atlaskit/textfield';
import { useId, useState } from 'react';
import type { SyncConfig } from '../../../../src/domain/config/schema';
import { VisuallyHidden } from '../../../shared/ui';
import { Field, LabeledToggle, NameSelect, Row, ui, WarnIcon, NewEntry, RemoveCell } from './controls';
import { removeAt } from './editorState';
import { customFieldsOfType, optionOf, type Option } from './options';
import { warnedAt, type TabProps } from './tabProps';

type Users = SyncConfig['users'];
const STRATEGIES: Array<{ value: Users['strategy']; label: string; help: string }> = [
  { value: 'same-account', label: 'Same account', help: 'Both sites are in one Atlassian organisation, so a person has the same account on both.' },
  { value: 'email', label: 'By email address', help: 'People are matched by email address; the table below is tried next.' },
  { value: 'table', label: 'Only the listed people', help: 'Only the account pairs in the table below are matched.' },
];

export function UsersTab({ config, update, localName, partnerName, warnings }: TabProps) {
  const u = config.users;
  const set = (next: Partial<Users>) => update((x) => ({ ...x, users: { ...x.users, ...next } }));
  const name = useId();
  const ids = { local: useId(), partner: useId(), default: useId() };
  const [draft, setDraft] = useState({ local: '', partner: '' });
  const ready = draft.local.trim() !== '' && draft.partner.trim() !== '';
  return (
    <div style={ui.stack}>
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <legend style={ui.label}>How people are matched</legend>
        {STRATEGIES.map((s) => (
          <div key={s.value} style={{ marginBottom: 8 }}>
            <label style={{ display: 'inline-flex', gap: 8, alignItems: 'center', cursor: 'pointer' }}>
              <input type="radio" name={name} value={s.value} checked={u.strategy === s.value} onChange={() => set({ strategy: s.value })} />
              {s.label}
            </label>
            <p style={{ ...ui.help, marginInlineStart: 24 }}>{s.help}</p>
          </div>
        ))}
      </fieldset>

      <table style={ui.table}>
        <caption style={ui.caption}>People matched by hand</caption>
        <thead>
          <tr>
            <th scope="col" style={ui.th}>Account on {localName}</th>
            <th scope="col" style={ui.th}>Account on {partnerName}</th>
            <th scope="col" style={ui.th}><VisuallyHidden>Actions</VisuallyHidden></th>
          </tr>
        </thead>
        <tbody>
          {u.table.length === 0 ? (
            <tr>
              <td colSpan={3} style={ui.td}>Nobody is listed.</td>
            </tr>
          ) : null}
          {u.table.map((row, i) => {
            const warned = warnedAt(warnings, `users.table.${i}`);
            return (
              <Row key={i} warned={warned}>
                <td style={ui.td}>{warned ? <WarnIcon /> : null}{row.local}</td>
                <td style={ui.td}>{row.partner}</td>
                <RemoveCell label={`Remove user row ${i + 1}`} onRemove={() => set({ table: removeAt(u.table, i) })} />
              </Row>
            );
          })}
        </tbody>
      </table>
      <NewEntry legend="New user row">
        <div style={ui.row}>
          <Field label={`Account on ${localName}`} htmlFor={ids.local}>
            <Textfield id={ids.local} value={draft.local} placeholder="accountId" onChange={(e) => setDraft({ ...draft, local: e.currentTarget.value })} />
          </Field>
          <Field label={`Account on ${partnerName}`} htmlFor={ids.partner}>
            <Textfield id={ids.partner} value={draft.partner} placeholder="accountId" onChange={(e) => setDraft({ ...draft, partner: e.currentTarget.value })} />
          </Field>
          <Button
            appearance="default"
            isDisabled={!ready}
            onClick={() => {
              set({ table: [...u.table, { local: draft.local.trim(), partner: draft.partner.trim() }] });
              setDraft({ local: '', partner: '' });
            }}
          >
            Add user row
          </Button>
        </div>
      </NewEntry>

      <Field label="Default user" htmlFor={ids.default} help={`The accountId on ${localName} that stands in for anyone unmatched. Empty leaves the field empty.`}>
        <div style={{ maxWidth: 360 }}>
          <Textfield id={ids.default} value={u.defaultUser ?? ''} placeholder="Nobody" onChange={(e) => set({ defaultUser: e.currentTarget.value.trim() === '' ? null : e.currentTarget.value.trim() })} />
        </div>
      </Field>
    </div>
  );
}

export function FiltersTab({ config, update, localName }: TabProps) {
  const id = useId();
  return (
    <div style={ui.stack}>
      <Field
        label="JQL filter"
        htmlFor={id}
        help={`Which ${localName} issues sync, e.g. labels = escalated or priority in (High, Highest). Empty syncs the whole project. The project clause is added for you.`}
      >
        <TextArea id={id} value={config.advanced.jql} minimumRows={3} onChange={(e) => {
          const jql = e.currentTarget.value;
          update((x) => ({ ...x, advanced: { ...x.advanced, jql } }));
        }} />
      </Field>
    </div>
  );
}

const DELETE_POLICIES: Option[] = [
  { value: 'ignore', label: 'Keep the issue here' },
  { value: 'delete', label: 'Delete the issue here too' },
  { value: 'mark', label: 'Keep it, add a label and a comment' },
];

export function AdvancedTab({ config, update, local, partnerName, warnings }: TabProps) {
  const adv = config.advanced;
  const set = (next: Partial<typeof adv>) => update((x) => ({ ...x, advanced: { ...x.advanced, ...next } }));
  const accept = (what: keyof typeof adv.accept, on: boolean) => set({ accept: { ...adv.accept, [what]: on } });
  const ids = { policy: useId(), correlation: useId() };
  const textFields = customFieldsOfType(local, 'text');
  const warned = warnedAt(warnings, 'advanced.correlationField');
  return (
    <div style={ui.stack}>
      <fieldset style={{ border: 0, padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: 12 }}>
        <legend style={ui.label}>Changes accepted from {partnerName}</legend>
        <LabeledToggle label={`Accept new issues from ${partnerName}`} checked={adv.accept.create} onChange={(on) => accept('create', on)} />
        <LabeledToggle label={`Accept updates from ${partnerName}`} checked={adv.accept.update} onChange={(on) => accept('update', on)} />
        <LabeledToggle label={`Accept deletes from ${partnerName}`} checked={adv.accept.delete} onChange={(on) => accept('delete', on)} />
      </fieldset>
      <Field label={`When ${partnerName} deletes an issue`} htmlFor={ids.policy}>
        <div style={{ maxWidth: 360 }}>
          <NameSelect inputId={ids.policy} label={`When ${partnerName} deletes an issue`} options={DELETE_POLICIES} value={DELETE_POLICIES.find((o) => o.value === adv.deletePolicy) ?? null} onChange={(o) => o && set({ deletePolicy: o.value as typeof adv.deletePolicy })} />
        </div>
      </Field>
      <Field label="Correlation field" htmlFor={ids.correlation} help={`A text field here that shows the ${partnerName} issue's key. Empty: none.`}>
        <div style={{ ...ui.row, maxWidth: 400, flexWrap: 'nowrap', alignItems: 'center', ...(warned ? ui.warnedRow : {}) }}>
          {warned ? <WarnIcon /> : null}
          <NameSelect inputId={ids.correlation} label="Correlation field" options={textFields} value={optionOf(textFields, adv.correlationField)} isClearable placeholder="None" onChange={(o) => set({ correlationField: o ? { id: o.value, name: o.label } : null })} />
        </div>
      </Field>
      <div>
        <p style={ui.label}>Conflicts</p>
        <p style={{ margin: 0 }}>Newest change wins</p>
        <p style={ui.help}>On a field synced both ways, when both sides change it, the later change wins.</p>
      </div>
    </div>
  );
}
