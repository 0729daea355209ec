import Button from '@atlaskit/button/default/button';
import { ModalTransition } from '@atlaskit/modal-dialog';
import { useId, useState } from 'react';
import { customTypeName, fieldMappingName, systemFieldName, valueSourceOf, type AnyDirection } from '../../../../src/domain/config/labels';
import { SYSTEM_FIELDS, type Direction, type FieldMapping } from '../../../../src/domain/config/schema';
import { styles, VisuallyHidden } from '../../../shared/ui';
import { DirectionControl, NameSelect, Row, ui, WarnIcon, NewEntry, RemoveCell } from './controls';
import { removeAt, replaceAt } from './editorState';
import { customFieldsOfType, optionOf, sameNamed, unmappedCustomFields, type Option, type OptionGroup } from './options';
import { warnedAt, type TabProps } from './tabProps';
import { ValueMapDialog } from './ValueMapDialog';

/** System fields and custom field mappings: partner field, direction and value maps. */
export function FieldsTab(props: TabProps) {
  const { config, update, local, partner, localName, partnerName, warnings } = props;
  const [valueMapOf, setValueMapOf] = useState<number | null>(null);
  const setField = (i: number, next: (f: FieldMapping) => FieldMapping) =>
    update((c) => ({ ...c, fields: c.fields[i] ? replaceAt(c.fields, i, next(c.fields[i])) : c.fields }));

  return (
    <>
      <table style={ui.table}>
        <caption style={ui.caption}>Field mappings</caption>
        <thead>
          <tr>
            <th scope="col" style={ui.th}>Field on {localName}</th>
            <th scope="col" style={ui.th}>Field on {partnerName}</th>
            <th scope="col" style={ui.th}>Direction</th>
            <th scope="col" style={ui.th}>Values</th>
            <th scope="col" style={ui.th}><VisuallyHidden>Actions</VisuallyHidden></th>
          </tr>
        </thead>
        <tbody>
          {config.fields.map((f, i) => {
            const name = fieldMappingName(f);
            const warned = warnedAt(warnings, `fields.${i}`);
            const partnerOptions = f.kind === 'custom' ? withConfigRef(customFieldsOfType(partner, f.type), f.partner) : [];
            return (
              <Row key={f.kind === 'system' ? f.field : `${f.local.id}:${i}`} warned={warned}>
                <th scope="row" style={{ ...ui.td, textAlign: 'start', fontWeight: 'normal' }}>
                  {warned ? <WarnIcon /> : null}
                  {name}
                  {f.kind === 'custom' ? <span style={{ ...styles.subtlest, display: 'block' }}>Custom field, {customTypeName(f.type)}</span> : null}
                </th>
                <td style={ui.td}>
                  {f.kind === 'system' ? (
                    systemFieldName(f.partnerField ?? f.field)
                  ) : (
                    <NameSelect
                      label={`Field on ${partnerName} for ${name}`}
                      options={partnerOptions}
                      value={optionOf(partnerOptions, f.partner)}
                      onChange={(o) => o && setField(i, (x) => (x.kind === 'custom' ? { ...x, partner: { id: o.value, name: o.label } } : x))}
                    />
                  )}
                </td>
                <td style={ui.td}>
                  <DirectionControl
                    label={`Direction of ${name}`}
                    value={f.direction}
                    partnerName={partnerName}
                    onChange={(d: AnyDirection) => d !== 'none' && setField(i, (x) => ({ ...x, direction: d as Direction }))}
                  />
                </td>
                <td style={ui.td}>
                  {valueSourceOf(f) ? (
                    <Button appearance="default" spacing="compact" aria-label={`Edit value map of ${name}`} onClick={() => setValueMapOf(i)}>
                      {f.valueMap.length === 0 ? 'By name' : `${f.valueMap.length} mapped`}
                      {f.default !== null ? `, default ${f.default}` : ''}
                    </Button>
                  ) : (
                    <span style={styles.subtlest}>—</span>
                  )}
                </td>
                <RemoveCell label={`Remove field mapping ${name}`} onRemove={() => update((c) => ({ ...c, fields: removeAt(c.fields, i) }))} />
              </Row>
            );
          })}
        </tbody>
      </table>
      <AddFieldMapping {...props} />
      <ModalTransition>
        {valueMapOf !== null && config.fields[valueMapOf] ? <ValueMapDialog {...props} index={valueMapOf} onClose={() => setValueMapOf(null)} /> : null}
      </ModalTransition>
    </>
  );

  function withConfigRef(options: Option[], ref: { id: string; name: string }): Option[] {
    // Without the partner's catalog the only choice is the field the configuration names.
    return partner ? options : [{ label: ref.name, value: ref.id }];
  }
}

/** The form below the table: a field not mapped yet and, for a custom field, its partner field of the same type. */
function AddFieldMapping({ config, update, local, partner, localName, partnerName }: TabProps) {
  const [choice, setChoice] = useState<Option | null>(null);
  const [partnerChoice, setPartnerChoice] = useState<Option | null>(null);
  const ids = { local: useId(), partner: useId() };
  const mappedSystem = new Set(config.fields.flatMap((f) => (f.kind === 'system' ? [f.field] : [])));
  const unmapped = unmappedCustomFields(config, local);
  const groups: OptionGroup[] = [
    { label: 'System fields', options: SYSTEM_FIELDS.filter((f) => !mappedSystem.has(f)).map((f) => ({ label: systemFieldName(f), value: `system:${f}` })) },
    { label: 'Custom fields', options: unmapped.map((f) => ({ label: f.name, value: `custom:${f.id}` })) },
  ].filter((g) => g.options.length > 0);
  const localField = choice?.value.startsWith('custom:') ? local.customFields.find((f) => `custom:${f.id}` === choice.value) : undefined;
  const partnerOptions = localField ? customFieldsOfType(partner, localField.type) : [];
  const ready = choice !== null && (choice.value.startsWith('system:') || (localField !== undefined && partnerChoice !== null));

  const add = () => {
    if (!choice) return;
    let entry: FieldMapping;
    if (choice.value.startsWith('system:')) {
      const field = SYSTEM_FIELDS.find((f) => `system:${f}` === choice.value);
      if (!field) return;
      entry = { kind: 'system', field, direction: 'both', valueMap: [], default: null, createMissing: false };
    } else {
      if (!localField || !partnerChoice) return;
      entry = { kind: 'custom', type: localField.type, local: { id: localField.id, name: localField.name }, partner: { id: partnerChoice.value, name: partnerChoice.label }, direction: 'both', valueMap: [], default: null };
    }
    update((c) => ({ ...c, fields: [...c.fields, entry] }));
    setChoice(null);
    setPartnerChoice(null);
  };

  return (
    <NewEntry legend="New field mapping">
      {groups.length === 0 ? <p style={ui.help}>Every field of {localName} that Lockstep can carry is mapped.</p> : null}
      <div style={ui.row}>
        <div>
          <label htmlFor={ids.local} style={ui.label}>Field on {localName}</label>
          <NameSelect
            inputId={ids.local}
            label={`New field on ${localName}`}
            options={groups}
            value={choice}
            onChange={(o) => {
              setChoice(o);
              const lf = o ? local.customFields.find((f) => `custom:${f.id}` === o.value) : undefined;
              const same = lf && partner ? sameNamed(partner.customFields.filter((p) => p.type === lf.type), lf.name) : undefined;
              setPartnerChoice(same ? { label: same.name, value: same.id } : null);
            }}
          />
        </div>
        {localField ? (
          <div>
            <label htmlFor={ids.partner} style={ui.label}>Field on {partnerName} ({customTypeName(localField.type)})</label>
            <NameSelect inputId={ids.partner} label={`New field on ${partnerName}`} options={partnerOptions} value={partnerChoice} onChange={setPartnerChoice} />
          </div>
        ) : null}
        <Button appearance="default" isDisabled={!ready} onClick={add}>
          Add field mapping
        </Button>
      </div>
      {localField && !partner ? <p style={ui.help}>{partnerName}'s fields are unknown right now, so a custom field cannot be added.</p> : null}
      {localField && partner && partnerOptions.length === 0 ? <p style={ui.help}>{partnerName} has no {customTypeName(localField.type)} field.</p> : null}
    </NewEntry>
  );
}
