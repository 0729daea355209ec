import { token } from '@atlaskit/tokens';
import type { ReactNode } from 'react';

/** A tab panel's heading with its actions on the right (Refresh, Retry all, …). */
export function TabHeader({ id, title, children }: { id: string; title: string; children?: ReactNode }) {
  return (
    <div
      style={{
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'space-between',
        flexWrap: 'wrap',
        gap: token('space.100', '8px'),
        margin: `${token('space.200', '16px')} 0`,
      }}
    >
      <h2 id={id} style={{ font: token('font.heading.small', 'normal 653 16px/20px ui-sans-serif, sans-serif'), margin: 0, color: token('color.text', '#172B4D') }}>
        {title}
      </h2>
      {children ? <div style={{ display: 'flex', gap: token('space.100', '8px') }}>{children}</div> : null}
    </div>
  );
}
