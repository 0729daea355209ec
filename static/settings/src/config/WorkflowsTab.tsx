import Button from '@atlaskit/button/default/button';
import { useId, useState } from 'react';
import type { SyncConfig } from '../../../../src/domain/config/schema';
import { VisuallyHidden } from '../../../shared/ui';
import { NameSelect, Row, ui, WarnIcon, NewEntry, RemoveCell } from './controls';
import { removeAt, replaceAt } from './editorState';
import { configRefs, optionOf, refOptions, sameNamed, statusGroups, type Option, type OptionGroup } from './options';
import { warnedAt, type TabProps } from './tabProps';

type StatusMapping = SyncConfig['statuses'][number];
const EVERY_TYPE: Option = { label: 'Every issue type', value: '' };

/** Status mappings: a status here ↔ a status there, optionally for one local issue type. */
export function WorkflowsTab({ config, update, local, partner, localName, partnerName, warnings }: TabProps) {
  const localGroups = statusGroups(local.statuses);
  const partnerGroups: OptionGroup[] | Option[] = partner ? statusGroups(partner.statuses) : refOptions(configRefs(config, 'partner', 'statuses'));
  const flat = (g: OptionGroup[] | Option[]): Option[] => g.flatMap((x) => ('options' in x ? x.options : [x]));
  const localFlat = flat(localGroups);
  const partnerFlat = flat(partnerGroups);
  const typeOptions = [EVERY_TYPE, ...refOptions(local.issueTypes)];
  const typeOption = (id: string | undefined): Option =>
    id === undefined ? EVERY_TYPE : typeOptions.find((o) => o.value === id) ?? { label: `${config.issueTypes.find((t) => t.local.id === id)?.local.name ?? 'Unknown issue type'} (missing)`, value: id };
  const withType = (s: Omit<StatusMapping, 'issueType'>, id: string): StatusMapping => (id === '' ? s : { ...s, issueType: id });
  const withoutType = (s: StatusMapping): Omit<StatusMapping, 'issueType'> => ({ local: s.local, partner: s.partner });

  const [draft, setDraft] = useState<{ local: Option | null; partner: Option | null; type: Option }>({ local: null, partner: null, type: EVERY_TYPE });
  const ids = { local: useId(), partner: useId(), type: useId() };
  const pickLocal = (o: Option | null) => {
    const status = o ? local.statuses.find((s) => s.id === o.value) : undefined;
    // Same name first, else the first status of the same category, as the suggestion does.
    const match = status && partner ? sameNamed(partner.statuses, status.name) ?? partner.statuses.find((s) => s.category === status.category) : undefined;
    setDraft({ ...draft, local: o, partner: match ? { label: match.name, value: match.id } : draft.partner });
  };

  return (
    <>
      <table style={ui.table}>
        <caption style={ui.caption}>Status mappings</caption>
        <thead>
          <tr>
            <th scope="col" style={ui.th}>Status on {localName}</th>
            <th scope="col" style={ui.th}>Status on {partnerName}</th>
            <th scope="col" style={ui.th}>Issue type on {localName}</th>
            <th scope="col" style={ui.th}><VisuallyHidden>Actions</VisuallyHidden></th>
          </tr>
        </thead>
        <tbody>
          {config.statuses.length === 0 ? (
            <tr>
              <td colSpan={4} style={ui.td}>No status mappings: statuses do not sync.</td>
            </tr>
          ) : null}
          {config.statuses.map((s, i) => {
            const warned = warnedAt(warnings, `statuses.${i}`);
            const set = (next: StatusMapping) => update((c) => ({ ...c, statuses: replaceAt(c.statuses, i, next) }));
            return (
              <Row key={i} warned={warned}>
                <td style={ui.td}>
                  <div style={ui.row}>
                    {warned ? <WarnIcon /> : null}
                    <NameSelect label={`Status on ${localName}, row ${i + 1}`} options={localGroups} value={optionOf(localFlat, s.local)} onChange={(o) => o && set({ ...s, local: { id: o.value, name: o.label } })} />
                  </div>
                </td>
                <td style={ui.td}>
                  <NameSelect label={`Status on ${partnerName}, row ${i + 1}`} options={partnerGroups} value={optionOf(partnerFlat, s.partner)} onChange={(o) => o && set({ ...s, partner: { id: o.value, name: o.label } })} />
                </td>
                <td style={ui.td}>
                  <NameSelect label={`Issue type of status mapping ${i + 1}`} options={typeOptions} value={typeOption(s.issueType)} onChange={(o) => set(withType(withoutType(s), o?.value ?? ''))} />
                </td>
                <RemoveCell label={`Remove status mapping ${i + 1}`} onRemove={() => update((c) => ({ ...c, statuses: removeAt(c.statuses, i) }))} />
              </Row>
            );
          })}
        </tbody>
      </table>
      <p style={ui.help}>A status change is carried out along the shortest transition path of the receiving workflow.</p>

      <NewEntry legend="New status mapping">
        <div style={ui.row}>
          <div>
            <label htmlFor={ids.local} style={ui.label}>Status on {localName}</label>
            <NameSelect inputId={ids.local} label={`New status on ${localName}`} options={localGroups} value={draft.local} onChange={pickLocal} />
          </div>
          <div>
            <label htmlFor={ids.partner} style={ui.label}>Status on {partnerName}</label>
            <NameSelect inputId={ids.partner} label={`New status on ${partnerName}`} options={partnerGroups} value={draft.partner} onChange={(o) => setDraft({ ...draft, partner: o })} />
          </div>
          <div>
            <label htmlFor={ids.type} style={ui.label}>Issue type</label>
            <NameSelect inputId={ids.type} label="New status mapping's issue type" options={typeOptions} value={draft.type} onChange={(o) => setDraft({ ...draft, type: o ?? EVERY_TYPE })} />
          </div>
          <Button
            appearance="default"
            isDisabled={!draft.local || !draft.partner}
            onClick={() => {
              if (!draft.local || !draft.partner) return;
              const entry = withType({ local: { id: draft.local.value, name: draft.local.label }, partner: { id: draft.partner.value, name: draft.partner.label } }, draft.type.value);
              update((c) => ({ ...c, statuses: [...c.statuses, entry] }));
              setDraft({ local: null, partner: null, type: EVERY_TYPE });
            }}
          >
            Add status mapping
          </Button>
        </div>
      </NewEntry>
    </>
  );
}
