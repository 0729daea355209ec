/** Small presentational pieces shared by both apps. Colours and spacing come from design tokens. */
import { token } from '@atlaskit/tokens';
import type { CSSProperties, ReactNode } from 'react';
import { formatAbsoluteTime, formatRelativeTime } from './format';

export const styles = {
  page: {
    padding: token('space.200', '16px'),
    color: token('color.text', '#172B4D'),
  },
  compactPage: {
    padding: token('space.100', '8px'),
    color: token('color.text', '#172B4D'),
  },
  heading: {
    font: token('font.heading.large', 'normal 653 24px/28px ui-sans-serif, sans-serif'),
    color: token('color.text', '#172B4D'),
    margin: 0,
  },
  subtle: {
    color: token('color.text.subtle', '#44546F'),
    margin: `${token('space.050', '4px')} 0 0`,
  },
  subtlest: {
    color: token('color.text.subtlest', '#626F86'),
  },
} satisfies Record<string, CSSProperties>;

/** Visible to screen readers only. */
export const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
};

export function VisuallyHidden({ children }: { children: ReactNode }) {
  return <span style={visuallyHidden}>{children}</span>;
}

/** Polite status line shown while a resolver call is in flight. */
export function LoadingState({ label }: { label: string }) {
  return (
    <p role="status" style={{ ...styles.subtle, margin: `${token('space.200', '16px')} 0` }}>
      {label}
    </p>
  );
}

/** A relative time ("5 minutes ago") with the exact timestamp in a <time> element and tooltip. */
export function RelativeTime({ iso, never = 'never' }: { iso: string | null; never?: string }) {
  if (iso === null) return <span style={styles.subtlest}>{never}</span>;
  const absolute = formatAbsoluteTime(iso);
  const relative = formatRelativeTime(iso, new Date(), { never });
  if (absolute === undefined) return <span>{relative}</span>;
  return (
    <time dateTime={iso} title={absolute}>
      {relative}
    </time>
  );
}
