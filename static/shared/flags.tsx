/**
 * Small Jira-like flags (toasts) for the outcome of an action. Rendered inline at the top of the app,
 * not fixed to the viewport: a Custom UI iframe grows with its content, so a fixed corner may be off-screen.
 * Success and info flags go away after a while; warnings and errors stay until dismissed.
 */
import Button from '@atlaskit/button/default/button';
import { token } from '@atlaskit/tokens';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';

export type FlagAppearance = 'success' | 'info' | 'warning' | 'error';

export interface FlagInput {
  appearance: FlagAppearance;
  title: string;
  description?: string;
}

interface Flag extends FlagInput {
  id: number;
}

/** How long a success or info flag stays, ms. */
export const FLAG_TIMEOUT_MS = 8_000;

const ShowFlagContext = createContext<(flag: FlagInput) => void>(() => undefined);

/** Shows a flag; a no-op outside a FlagsProvider. */
export function useShowFlag(): (flag: FlagInput) => void {
  return useContext(ShowFlagContext);
}

const COLOURS: Record<FlagAppearance, { border: string; background: string }> = {
  success: { border: token('color.border.success', '#22A06B'), background: token('color.background.success', '#DCFFF1') },
  info: { border: token('color.border.information', '#1D7AFC'), background: token('color.background.information', '#E9F2FF') },
  warning: { border: token('color.border.warning', '#E56910'), background: token('color.background.warning', '#FFF7D6') },
  error: { border: token('color.border.danger', '#E2483D'), background: token('color.background.danger', '#FFECEB') },
};

function FlagView({ flag, onDismiss }: { flag: Flag; onDismiss: (id: number) => void }) {
  const urgent = flag.appearance === 'warning' || flag.appearance === 'error';
  useEffect(() => {
    if (urgent) return undefined;
    const timer = setTimeout(() => onDismiss(flag.id), FLAG_TIMEOUT_MS);
    return () => clearTimeout(timer);
  }, [flag.id, urgent, onDismiss]);
  const colours = COLOURS[flag.appearance];
  return (
    <div
      role={urgent ? 'alert' : 'status'}
      data-flag-appearance={flag.appearance}
      style={{
        display: 'flex',
        alignItems: 'flex-start',
        gap: token('space.150', '12px'),
        padding: `${token('space.150', '12px')} ${token('space.200', '16px')}`,
        borderRadius: token('radius.small', '3px'),
        borderInlineStart: `${token('border.width.selected', '2px')} solid ${colours.border}`,
        backgroundColor: colours.background,
        color: token('color.text', '#172B4D'),
        boxShadow: token('elevation.shadow.raised', '0 1px 1px #091E4240'),
      }}
    >
      <div style={{ flex: '1 1 auto' }}>
        <strong>{flag.title}</strong>
        {flag.description ? <p style={{ margin: `${token('space.050', '4px')} 0 0` }}>{flag.description}</p> : null}
      </div>
      <Button appearance="subtle" spacing="compact" onClick={() => onDismiss(flag.id)} aria-label={`Dismiss: ${flag.title}`}>
        Dismiss
      </Button>
    </div>
  );
}

interface FlagsState {
  flags: Flag[];
  dismiss: (id: number) => void;
}

const FlagsStateContext = createContext<FlagsState>({ flags: [], dismiss: () => undefined });

/** Holds the flags and provides `useShowFlag`; `<FlagOutlet />` renders them where it is placed. */
export function FlagsProvider({ children }: { children: ReactNode }) {
  const [flags, setFlags] = useState<Flag[]>([]);
  const nextId = useRef(1);
  const show = useCallback((input: FlagInput) => {
    const id = nextId.current++;
    // Newest first; keep a handful so a burst of actions does not push the page down forever.
    setFlags((current) => [{ ...input, id }, ...current].slice(0, 4));
  }, []);
  const dismiss = useCallback((id: number) => setFlags((current) => current.filter((f) => f.id !== id)), []);
  const state = useMemo(() => ({ flags, dismiss }), [flags, dismiss]);

  return (
    <ShowFlagContext.Provider value={show}>
      <FlagsStateContext.Provider value={state}>{children}</FlagsStateContext.Provider>
    </ShowFlagContext.Provider>
  );
}

/** The flags, newest first. Always rendered (empty when there are none) so assistive tech tracks the region. */
export function FlagOutlet() {
  const { flags, dismiss } = useContext(FlagsStateContext);
  return (
    <div
      aria-label="Notifications"
      role="region"
      style={{
        display: 'flex',
        flexDirection: 'column',
        gap: token('space.100', '8px'),
        margin: flags.length ? `${token('space.200', '16px')} 0` : 0,
      }}
    >
      {flags.map((flag) => (
        <FlagView key={flag.id} flag={flag} onDismiss={dismiss} />
      ))}
    </div>
  );
}
