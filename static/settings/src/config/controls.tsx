/** Building blocks of the configuration editor's tabs: labelled pickers, the direction control, warnings, tables. */
import Button from '@atlaskit/button/default/button';
import SectionMessage from '@atlaskit/section-message';
import Select, { CreatableSelect } from '@atlaskit/select';
import Toggle from '@atlaskit/toggle';
import { token } from '@atlaskit/tokens';
import { useId, type CSSProperties, type ReactNode } from 'react';
import { directionOptions, type AnyDirection } from '../../../../src/domain/config/labels';
import type { SyncConfig } from '../../../../src/domain/config/schema';
import type { ConfigWarning } from '../../../../src/domain/config/warnings';
import { styles as shared } from '../../../shared/ui';
import type { Option, OptionGroup } from './options';

export const ui = {
  table: { width: '100%', borderCollapse: 'collapse', margin: `${token('space.100', '8px')} 0` },
  caption: { textAlign: 'start', font: token('font.heading.xsmall', 'normal 653 14px/16px ui-sans-serif, sans-serif'), padding: `${token('space.100', '8px')} 0` },
  th: {
    textAlign: 'start',
    padding: token('space.100', '8px'),
    color: token('color.text.subtle', '#44546F'),
    borderBottom: `${token('border.width', '1px')} solid ${token('color.border', '#091E4224')}`,
  },
  td: { padding: token('space.100', '8px'), verticalAlign: 'middle', borderBottom: `${token('border.width', '1px')} solid ${token('color.border', '#091E4224')}` },
  warnedRow: { backgroundColor: token('color.background.warning', '#FFF7D6') },
  stack: { display: 'flex', flexDirection: 'column', gap: token('space.150', '12px'), marginTop: token('space.200', '16px') },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: token('space.100', '8px') },
  label: { display: 'block', marginBottom: token('space.050', '4px'), font: token('font.body.small', 'normal 400 12px/16px ui-sans-serif, sans-serif'), fontWeight: token('font.weight.semibold', '600'), color: token('color.text.subtle', '#44546F') },
  help: { ...shared.subtlest, margin: `${token('space.050', '4px')} 0 0`, font: token('font.body.small', 'normal 400 12px/16px ui-sans-serif, sans-serif') },
  error: { color: token('color.text.danger', '#AE2E24'), margin: `${token('space.050', '4px')} 0 0`, font: token('font.body.small', 'normal 400 12px/16px ui-sans-serif, sans-serif') },
  selectBox: { minWidth: 200 },
} satisfies Record<string, CSSProperties>;

/** Menus go to the document body so they are not cut off by tables or dialogs. */
const portal = {
  menuPortalTarget: typeof document === 'undefined' ? null : document.body,
  styles: { menuPortal: (base: object) => ({ ...base, zIndex: 1000 }) },
};

export interface NameSelectProps {
  label: string;
  options: Option[] | OptionGroup[];
  value: Option | null;
  onChange: (value: Option | null) => void;
  isClearable?: boolean;
  placeholder?: string;
  /** Lets the user type a name the list does not have (when the side's catalog is unknown). */
  creatable?: boolean;
  inputId?: string;
  isInvalid?: boolean;
}

/** An @atlaskit/select of named things; `label` is its accessible name (use `inputId` with a visible <label>). */
export function NameSelect({ label, options, value, onChange, isClearable = false, placeholder = 'Choose…', creatable = false, inputId, isInvalid = false }: NameSelectProps) {
  const common = {
    'aria-label': label,
    options,
    value,
    isClearable,
    placeholder,
    isInvalid,
    ...(inputId === undefined ? {} : { inputId }),
    ...portal,
  };
  return (
    <div style={ui.selectBox}>
      {creatable ? (
        <CreatableSelect<Option, false>
          {...common}
          onChange={(o) => onChange(o ?? null)}
          onCreateOption={(name: string) => onChange({ label: name, value: name })}
          formatCreateLabel={(name: string) => `Use "${name}"`}
        />
      ) : (
        <Select<Option, false> {...common} onChange={(o) => onChange(o ?? null)} />
      )}
    </div>
  );
}

/** A multi-select of names, e.g. link types. */
export function NamesMultiSelect({ label, options, value, onChange, inputId }: { label: string; options: string[]; value: string[]; onChange: (value: string[]) => void; inputId: string }) {
  const toOption = (name: string): Option => ({ label: name, value: name });
  return (
    <div style={{ minWidth: 300 }}>
      <Select<Option, true>
        isMulti
        inputId={inputId}
        aria-label={label}
        options={options.map(toOption)}
        value={value.map(toOption)}
        onChange={(list) => onChange(list.map((o) => o.value))}
        placeholder="Every link type both sides have"
        {...portal}
      />
    </div>
  );
}

/** A segmented control of directions: a radio group named e.g. "Direction of Summary". */
export function DirectionControl({ label, value, onChange, partnerName, withNone = false }: { label: string; value: AnyDirection; onChange: (d: AnyDirection) => void; partnerName: string; withNone?: boolean }) {
  const name = useId();
  return (
    <div role="radiogroup" aria-label={label} style={{ display: 'inline-flex', flexWrap: 'wrap', border: `${token('border.width', '1px')} solid ${token('color.border', '#091E4224')}`, borderRadius: token('radius.small', '3px') }}>
      {directionOptions(partnerName, withNone).map((o) => {
        const checked = o.value === value;
        return (
          <label
            key={o.value}
            style={{
              display: 'inline-flex',
              alignItems: 'center',
              gap: token('space.050', '4px'),
              padding: `${token('space.050', '4px')} ${token('space.100', '8px')}`,
              cursor: 'pointer',
              whiteSpace: 'nowrap',
              backgroundColor: checked ? token('color.background.selected', '#E9F2FF') : 'transparent',
              color: checked ? token('color.text.selected', '#0C66E4') : token('color.text', '#172B4D'),
            }}
          >
            <input type="radio" name={name} value={o.value} checked={checked} onChange={() => onChange(o.value)} style={{ margin: 0 }} />
            {o.label}
          </label>
        );
      })}
    </div>
  );
}

/** A toggle with a visible label to its right. */
export function LabeledToggle({ label, checked, onChange, help }: { label: string; checked: boolean; onChange: (checked: boolean) => void; help?: string }) {
  const id = useId();
  return (
    <div>
      <div style={{ display: 'flex', alignItems: 'center', gap: token('space.100', '8px') }}>
        <Toggle id={id} isChecked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />
        <label htmlFor={id}>{label}</label>
      </div>
      {help ? <p style={ui.help}>{help}</p> : null}
    </div>
  );
}

/** A labelled form control with optional help and error text. */
export function Field({ label, htmlFor, help, error, children }: { label: string; htmlFor: string; help?: ReactNode; error?: string | null; children: ReactNode }) {
  return (
    <div>
      <label htmlFor={htmlFor} style={ui.label}>
        {label}
      </label>
      {children}
      {error ? <p role="alert" style={ui.error}>{error}</p> : help ? <p style={ui.help}>{help}</p> : null}
    </div>
  );
}

/** The marker on a row that has a warning. */
export function WarnIcon() {
  return (
    <span role="img" aria-label="Has a warning" title="This row has a warning" style={{ color: token('color.icon.warning', '#E56910'), marginInlineEnd: token('space.050', '4px') }}>
      ⚠
    </span>
  );
}

/** A tab's warnings, each with its suggested fix and an Apply button (the fix still needs Save). */
export function WarningList({ warnings, onApply }: { warnings: ConfigWarning[]; onApply: (apply: (config: SyncConfig) => SyncConfig) => void }) {
  if (warnings.length === 0) return null;
  return (
    <div style={{ margin: `${token('space.150', '12px')} 0` }}>
      <SectionMessage appearance="warning" title={warnings.length === 1 ? '1 reference needs attention' : `${warnings.length} references need attention`}>
        <ul style={{ margin: 0, paddingInlineStart: token('space.250', '20px') }}>
          {warnings.map((w) => (
            <li key={w.id} data-warning-id={w.id} style={{ marginBottom: token('space.100', '8px') }}>
              <span>{w.message}.</span>{' '}
              {w.fix ? (
                <span style={{ display: 'inline-flex', alignItems: 'center', gap: token('space.100', '8px'), flexWrap: 'wrap' }}>
                  <span style={shared.subtle}>Suggested fix: {w.fix.label}</span>
                  <Button appearance="default" spacing="compact" aria-label={`Apply fix: ${w.fix.label}`} onClick={() => onApply(w.fix!.apply)}>
                    Apply
                  </Button>
                </span>
              ) : (
                <span style={shared.subtle}>Fix it by hand below.</span>
              )}
            </li>
          ))}
        </ul>
      </SectionMessage>
    </div>
  );
}

/** A table row, highlighted with the warning colour (and marked for screen readers) when `warned`. */
export function Row({ warned, children }: { warned: boolean; children: ReactNode }) {
  return (
    <tr data-warned={warned || undefined} style={warned ? ui.warnedRow : undefined}>
      {children}
    </tr>
  );
}

/** The last cell of a mapping row: a Remove button named for the row it removes. */
export function RemoveCell({ label, onRemove, isDisabled = false }: { label: string; onRemove: () => void; isDisabled?: boolean }) {
  return (
    <td style={ui.td}>
      <Button appearance="subtle" aria-label={label} isDisabled={isDisabled} onClick={onRemove}>
        Remove
      </Button>
    </td>
  );
}

/** The small form under a mapping table that adds one entry. */
export function NewEntry({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
      <legend style={ui.caption}>{legend}</legend>
      {children}
    </fieldset>
  );
}
