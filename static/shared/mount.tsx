import '@atlaskit/css-reset';
import { Component, StrictMode, type ErrorInfo, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { enableHostTheme } from './bridge';
import { ErrorBanner } from './ErrorBanner';
import { NO_RESPONSE_STATUS, UiError } from './errors';

/** Last line of defence: a render crash shows an alert instead of a blank iframe. */
class CrashBoundary extends Component<{ children: ReactNode }, { crashed: boolean }> {
  override state = { crashed: false };

  static getDerivedStateFromError(): { crashed: boolean } {
    return { crashed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Lockstep UI crashed', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.crashed) return this.props.children;
    return (
      <main style={{ padding: 16 }}>
        <ErrorBanner
          error={new UiError(NO_RESPONSE_STATUS, 'render crash')}
          onRetry={() => this.setState({ crashed: false })}
        />
      </main>
    );
  }
}

/** Renders an app into #root and opts into the host's light/dark theme. */
export function mountApp(app: ReactNode): void {
  void enableHostTheme();
  const container = document.getElementById('root');
  if (!container) throw new Error('Lockstep UI: #root element missing');
  createRoot(container).render(
    <StrictMode>
      <CrashBoundary>{app}</CrashBoundary>
    </StrictMode>,
  );
}
