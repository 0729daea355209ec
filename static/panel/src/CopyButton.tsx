import Button from '@atlaskit/button/default/button';
import { useEffect, useRef, useState } from 'react';
import { visuallyHidden } from '../../shared/ui';
import { browserClipboard, copyText } from './clipboard';
import { names } from './labels';

const FEEDBACK_MS = 2000;

/** "Copy" for a partner key; says "Copied" (or "Copy failed") for two seconds, also to screen readers. */
export function CopyButton({ text }: { text: string }) {
  const [result, setResult] = useState<'copied' | 'failed' | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const copy = async () => {
    const ok = await copyText(text, browserClipboard());
    setResult(ok ? 'copied' : 'failed');
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setResult(undefined), FEEDBACK_MS);
  };

  return (
    <>
      <Button appearance="subtle" spacing="compact" aria-label={names.copy(text)} onClick={() => void copy()}>
        {result === 'copied' ? 'Copied' : result === 'failed' ? 'Copy failed' : 'Copy'}
      </Button>
      <span aria-live="polite" style={visuallyHidden}>
        {result === 'copied' ? `Copied ${text}` : result === 'failed' ? `Could not copy ${text}` : ''}
      </span>
    </>
  );
}
