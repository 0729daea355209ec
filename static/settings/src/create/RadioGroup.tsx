import { token } from '@atlaskit/tokens';
import { useId } from 'react';

export interface RadioChoice<T extends string> {
  value: T;
  label: string;
  description?: string;
}

export interface RadioGroupProps<T extends string> {
  legend: string;
  name: string;
  choices: ReadonlyArray<RadioChoice<T>>;
  value: T | null;
  onChange: (value: T) => void;
}

/** Native radio buttons in a fieldset (no @atlaskit/radio installed): labelled, arrow-key operable. */
export function RadioGroup<T extends string>({ legend, name, choices, value, onChange }: RadioGroupProps<T>) {
  const id = useId();
  return (
    <fieldset style={{ border: 0, margin: 0, padding: 0 }}>
      <legend
        style={{
          font: token('font.heading.xsmall', 'normal 653 14px/16px ui-sans-serif, sans-serif'),
          color: token('color.text', '#172B4D'),
          marginBottom: token('space.150', '12px'),
          padding: 0,
        }}
      >
        {legend}
      </legend>
      {choices.map((choice) => {
        const inputId = `${id}-${choice.value}`;
        const descriptionId = `${inputId}-description`;
        const checked = value === choice.value;
        return (
          <div
            key={choice.value}
            style={{
              display: 'flex',
              gap: token('space.100', '8px'),
              alignItems: 'flex-start',
              padding: token('space.150', '12px'),
              marginBottom: token('space.100', '8px'),
              borderRadius: token('radius.small', '3px'),
              border: `${token('border.width', '1px')} solid ${
                checked ? token('color.border.selected', '#0C66E4') : token('color.border', '#091E4224')
              }`,
              backgroundColor: checked ? token('color.background.selected', '#E9F2FF') : token('color.background.input', '#FFFFFF'),
            }}
          >
            <input
              type="radio"
              id={inputId}
              name={name}
              value={choice.value}
              checked={checked}
              onChange={() => onChange(choice.value)}
              aria-describedby={choice.description ? descriptionId : undefined}
              style={{ marginTop: 3, accentColor: token('color.background.selected.bold', '#0C66E4') }}
            />
            <div>
              <label htmlFor={inputId} style={{ fontWeight: token('font.weight.medium', '500'), color: token('color.text', '#172B4D') }}>
                {choice.label}
              </label>
              {choice.description ? (
                <p id={descriptionId} style={{ margin: `${token('space.025', '2px')} 0 0`, color: token('color.text.subtle', '#44546F') }}>
                  {choice.description}
                </p>
              ) : null}
            </div>
          </div>
        );
      })}
    </fieldset>
  );
}
