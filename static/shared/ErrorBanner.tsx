import Button from '@atlaskit/button/default/button';
import { token } from '@atlaskit/tokens';
import { describeUiError, type UiError } from './errors';

export interface ErrorBannerProps {
  error: UiError;
  /** Offered as a Retry button for 5xx / no-response errors. */
  onRetry?: () => void;
}

/**
 * Announces a failed resolver call (role="alert"). 4xx errors carry an actionable message from
 * the resolver ("Fix this: …"); anything else gets a generic text and, if possible, Retry.
 */
export function ErrorBanner({ error, onRetry }: ErrorBannerProps) {
  const { text, retryable } = describeUiError(error);
  const fixable = !retryable;
  return (
    <div
      role="alert"
      data-error-status={error.status}
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: token('space.150', '12px'),
        flexWrap: 'wrap',
        margin: `${token('space.200', '16px')} 0`,
        padding: `${token('space.150', '12px')} ${token('space.200', '16px')}`,
        borderRadius: token('radius.small', '3px'),
        borderInlineStart: `${token('border.width.selected', '2px')} solid ${
          fixable ? token('color.border.warning', '#E56910') : token('color.border.danger', '#E2483D')
        }`,
        backgroundColor: fixable
          ? token('color.background.warning', '#FFF7D6')
          : token('color.background.danger', '#FFECEB'),
        color: token('color.text', '#172B4D'),
      }}
    >
      <p style={{ margin: 0, flex: '1 1 auto' }}>{text}</p>
      {retryable && onRetry ? (
        <Button appearance="default" onClick={onRetry}>
          Retry
        </Button>
      ) : null}
    </div>
  );
}
