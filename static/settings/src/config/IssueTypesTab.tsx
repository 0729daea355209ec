import Button from '@atlaskit/button/default/button';
import { useId, useState } from 'react';
import { VisuallyHidden } from '../../../shared/ui';
import { removeAt, replaceAt } from './editorState';
import { NameSelect, Row, ui, WarnIcon, NewEntry, RemoveCell } from './controls';
import { configRefs, optionOf, refOptions, sameNamed, type Option } from './options';
import { warnedAt, type TabProps } from './tabProps';

/** Which issue types sync, and what each becomes on the other side. */
export function IssueTypesTab({ config, update, local, partner, localName, partnerName, warnings }: TabProps) {
  const localOptions = refOptions(local.issueTypes);
  const partnerOptions = refOptions(partner?.issueTypes ?? configRefs(config, 'partner', 'issueTypes'));
  const toRef = (o: Option) => ({ id: o.value, name: o.label });
  const [draft, setDraft] = useState<{ local: Option | null; partner: Option | null }>({ local: null, partner: null });
  const ids = { local: useId(), partner: useId() };
  const exists = draft.local && draft.partner && config.issueTypes.some((t) => t.local.id === draft.local!.value && t.partner.id === draft.partner!.value);

  const pickLocal = (o: Option | null) => {
    // Pre-select the partner type of the same name, as the suggestion does.
    const same = o && partner ? sameNamed(partner.issueTypes, o.label) : undefined;
    setDraft({ local: o, partner: same ? { label: same.name, value: same.id } : draft.partner });
  };

  return (
    <>
      <table style={ui.table}>
        <caption style={ui.caption}>Issue type mappings</caption>
        <thead>
          <tr>
            <th scope="col" style={ui.th}>On {localName}</th>
            <th scope="col" style={ui.th}>On {partnerName}</th>
            <th scope="col" style={ui.th}><VisuallyHidden>Actions</VisuallyHidden></th>
          </tr>
        </thead>
        <tbody>
          {config.issueTypes.map((t, i) => {
            const warned = warnedAt(warnings, `issueTypes.${i}`);
            return (
              <Row key={i} warned={warned}>
                <td style={ui.td}>
                  <div style={ui.row}>
                    {warned ? <WarnIcon /> : null}
                    <NameSelect
                      label={`Issue type on ${localName}, row ${i + 1}`}
                      options={localOptions}
                      value={optionOf(localOptions, t.local)}
                      onChange={(o) => o && update((c) => ({ ...c, issueTypes: replaceAt(c.issueTypes, i, { ...t, local: toRef(o) }) }))}
                    />
                  </div>
                </td>
                <td style={ui.td}>
                  <NameSelect
                    label={`Issue type on ${partnerName}, row ${i + 1}`}
                    options={partnerOptions}
                    value={optionOf(partnerOptions, t.partner)}
                    onChange={(o) => o && update((c) => ({ ...c, issueTypes: replaceAt(c.issueTypes, i, { ...t, partner: toRef(o) }) }))}
                  />
                </td>
                <RemoveCell label={`Remove issue type mapping ${i + 1}`} isDisabled={config.issueTypes.length < 2} onRemove={() => update((c) => ({ ...c, issueTypes: removeAt(c.issueTypes, i) }))} />
              </Row>
            );
          })}
        </tbody>
      </table>
      {config.issueTypes.length < 2 ? <p style={ui.help}>At least one issue type must be mapped.</p> : null}

      <NewEntry legend="New issue type mapping">
        <div style={ui.row}>
          <div>
            <label htmlFor={ids.local} style={ui.label}>Issue type on {localName}</label>
            <NameSelect inputId={ids.local} label={`New issue type on ${localName}`} options={localOptions} value={draft.local} onChange={pickLocal} />
          </div>
          <div>
            <label htmlFor={ids.partner} style={ui.label}>Issue type on {partnerName}</label>
            <NameSelect inputId={ids.partner} label={`New issue type on ${partnerName}`} options={partnerOptions} value={draft.partner} onChange={(o) => setDraft({ ...draft, partner: o })} />
          </div>
          <Button
            appearance="default"
            isDisabled={!draft.local || !draft.partner || Boolean(exists)}
            onClick={() => {
              if (!draft.local || !draft.partner) return;
              const entry = { local: toRef(draft.local), partner: toRef(draft.partner) };
              update((c) => ({ ...c, issueTypes: [...c.issueTypes, entry] }));
              setDraft({ local: null, partner: null });
            }}
          >
            Add issue type mapping
          </Button>
        </div>
        {exists ? <p style={ui.help}>This pair is already mapped.</p> : null}
      </NewEntry>
    </>
  );
}
