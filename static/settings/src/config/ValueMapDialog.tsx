import Button from '@atlaskit/button/default/button';
import ModalDialog, { ModalBody, ModalFooter, ModalHeader, ModalTitle } from '@atlaskit/modal-dialog';
import { useId, useState } from 'react';
import { canCreateMissing, fieldMappingName, valueSourceNoun, valueSourceOf } from '../../../../src/domain/config/labels';
import type { FieldMapping } from '../../../../src/domain/config/schema';
import { VisuallyHidden } from '../../../shared/ui';
import { Field, LabeledToggle, NameSelect, Row, ui, WarnIcon, NewEntry, RemoveCell } from './controls';
import { removeAt, replaceAt } from './editorState';
import { sameNamed, valueChoices, type Option } from './options';
import { warnedAt, type TabProps } from './tabProps';

const toOption = (name: string): Option => ({ label: name, value: name });
const options = (names: string[] | null, current: string[]): Option[] =>
  [...new Set([...(names ?? []), ...(names === null ? current : [])])].map(toOption);

/**
 * Edits one field's value map (local value ↔ partner value), its default value and, for components
 * and versions, whether missing values are created. Changes go straight into the edited configuration.
 */
export function ValueMapDialog({ index, onClose, ...tab }: TabProps & { index: number; onClose: () => void }) {
  const { config, update, local, partner, localName, partnerName, warnings } = tab;
  const f = config.fields[index];
  const [draft, setDraft] = useState<{ local: Option | null; partner: Option | null }>({ local: null, partner: null });
  const ids = { local: useId(), partner: useId(), default: useId() };
  if (!f) return null;
  const name = fieldMappingName(f);
  const source = valueSourceOf(f);
  if (!source) return null;
  const partnerSource = f.kind === 'system' && f.partnerField ? valueSourceOf({ kind: 'system', field: f.partnerField }) ?? source : source;
  const localValues = valueChoices(local, source, f.kind === 'custom' ? f.local.id : null);
  const partnerValues = valueChoices(partner, partnerSource, f.kind === 'custom' ? f.partner.id : null);
  const localOptions = options(localValues, f.valueMap.map((e) => e.local));
  const partnerOptions = options(partnerValues, f.valueMap.map((e) => e.partner));
  const noun = valueSourceNoun(source).toLowerCase();
  const change = (next: (x: FieldMapping) => FieldMapping) => update((c) => ({ ...c, fields: replaceAt(c.fields, index, next(c.fields[index] ?? f)) }));
  const exists = draft.local && draft.partner && f.valueMap.some((e) => e.local === draft.local!.value && e.partner === draft.partner!.value);

  return (
    <ModalDialog onClose={onClose} width="large" label={`Value map of ${name}`}>
      <ModalHeader>
        <ModalTitle>Value map of {name}</ModalTitle>
      </ModalHeader>
      <ModalBody>
        <p style={{ marginTop: 0 }}>
          Values are matched by name. List here only the values whose names differ between {localName} and {partnerName}.
        </p>
        <table style={ui.table}>
          <caption style={ui.caption}>Value mappings of {name}</caption>
          <thead>
            <tr>
              <th scope="col" style={ui.th}>On {localName}</th>
              <th scope="col" style={ui.th}>On {partnerName}</th>
              <th scope="col" style={ui.th}><VisuallyHidden>Actions</VisuallyHidden></th>
            </tr>
          </thead>
          <tbody>
            {f.valueMap.length === 0 ? (
              <tr>
                <td colSpan={3} style={ui.td}>No value mappings: every {noun} is matched by its name.</td>
              </tr>
            ) : null}
            {f.valueMap.map((e, j) => {
              const warned = warnedAt(warnings, `fields.${index}.valueMap.${j}`);
              return (
                <Row key={j} warned={warned}>
                  <td style={ui.td}>
                    <div style={ui.row}>
                      {warned ? <WarnIcon /> : null}
                      <NameSelect
                        label={`Value on ${localName}, row ${j + 1}`}
                        options={localOptions}
                        value={toOption(e.local)}
                        creatable={localValues === null}
                        onChange={(o) => o && change((x) => ({ ...x, valueMap: replaceAt(x.valueMap, j, { ...e, local: o.value }) }))}
                      />
                    </div>
                  </td>
                  <td style={ui.td}>
                    <NameSelect
                      label={`Value on ${partnerName}, row ${j + 1}`}
                      options={partnerOptions}
                      value={toOption(e.partner)}
                      creatable={partnerValues === null}
                      onChange={(o) => o && change((x) => ({ ...x, valueMap: replaceAt(x.valueMap, j, { ...e, partner: o.value }) }))}
                    />
                  </td>
                  <RemoveCell label={`Remove value mapping ${j + 1}`} onRemove={() => change((x) => ({ ...x, valueMap: removeAt(x.valueMap, j) }))} />
                </Row>
              );
            })}
          </tbody>
        </table>

        <NewEntry legend="New value mapping">
          <div style={ui.row}>
            <div>
              <label htmlFor={ids.local} style={ui.label}>Value on {localName}</label>
              <NameSelect
                inputId={ids.local}
                label={`New value on ${localName}`}
                options={localOptions}
                value={draft.local}
                creatable={localValues === null}
                onChange={(o) => {
                  const same = o && partnerValues ? sameNamed(partnerValues.map((n) => ({ name: n })), o.value) : undefined;
                  setDraft({ local: o, partner: same ? toOption(same.name) : draft.partner });
                }}
              />
            </div>
            <div>
              <label htmlFor={ids.partner} style={ui.label}>Value on {partnerName}</label>
              <NameSelect
                inputId={ids.partner}
                label={`New value on ${partnerName}`}
                options={partnerOptions}
                value={draft.partner}
                creatable={partnerValues === null}
                onChange={(o) => setDraft({ ...draft, partner: o })}
              />
            </div>
            <Button
              appearance="default"
              isDisabled={!draft.local || !draft.partner || Boolean(exists)}
              onClick={() => {
                if (!draft.local || !draft.partner) return;
                const entry = { local: draft.local.value, partner: draft.partner.value };
                change((x) => ({ ...x, valueMap: [...x.valueMap, entry] }));
                setDraft({ local: null, partner: null });
              }}
            >
              Add value mapping
            </Button>
          </div>
        </NewEntry>

        <div style={ui.stack}>
          <Field label="Default value" htmlFor={ids.default} help={`Used on ${localName} when a ${noun} from ${partnerName} has no counterpart. Empty leaves the field alone.`}>
            <NameSelect
              inputId={ids.default}
              label="Default value"
              options={localOptions}
              value={f.default === null ? null : toOption(f.default)}
              isClearable
              placeholder="None"
              creatable={localValues === null}
              onChange={(o) => change((x) => ({ ...x, default: o ? o.value : null }))}
            />
          </Field>
          {f.kind === 'system' && canCreateMissing(f) ? (
            <LabeledToggle
              label="Create missing"
              checked={f.createMissing}
              onChange={(on) => change((x) => (x.kind === 'system' ? { ...x, createMissing: on } : x))}
              help={`A ${noun} missing on the receiving side is created there instead of using the default.`}
            />
          ) : null}
        </div>
      </ModalBody>
      <ModalFooter>
        <Button appearance="primary" onClick={onClose}>
          Done
        </Button>
      </ModalFooter>
    </ModalDialog>
  );
}
