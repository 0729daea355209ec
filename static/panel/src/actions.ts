/** The panel's four actions, as a union keyed on `type`, and how each maps to its resolver call. Pure: unit-tested. */
import type { ResolverResults } from '../../shared/types';
import { partnerName } from './labels';

export type PanelAction =
  | { type: 'resync'; syncId: string; partnerKey: string | null }
  | { type: 'retry'; syncId: string; partnerKey: string | null }
  | { type: 'syncThis'; syncId: string; partnerProject: string }
  | { type: 'pair'; syncId: string; partnerKey: string };

export type PanelActionResolver = keyof Pick<ResolverResults, 'resyncIssue' | 'retryIssueSync' | 'syncThisIssue' | 'pairWithExistingIssue'>;

export interface ActionRequest {
  resolver: PanelActionResolver;
  /** The issue is not in it: resolvers take it from the trusted context. */
  payload: { syncId: string; partnerKey?: string };
}

export function actionRequest(action: PanelAction): ActionRequest {
  switch (action.type) {
    case 'resync': return { resolver: 'resyncIssue', payload: { syncId: action.syncId } };
    case 'retry': return { resolver: 'retryIssueSync', payload: { syncId: action.syncId } };
    case 'syncThis': return { resolver: 'syncThisIssue', payload: { syncId: action.syncId } };
    case 'pair': return { resolver: 'pairWithExistingIssue', payload: { syncId: action.syncId, partnerKey: action.partnerKey } };
  }
}

/** The status line while an action is in flight. */
export function actionProgress(action: PanelAction): string {
  switch (action.type) {
    case 'resync': return `Resyncing with ${partnerName(action)}…`;
    case 'retry': return `Retrying the sync with ${partnerName(action)}…`;
    case 'syncThis': return `Asking ${action.partnerProject} to create the partner issue…`;
    case 'pair': return `Pairing with ${action.partnerKey}…`;
  }
}

/** Actions after which the pair appears only once the partner answers: the panel offers Refresh meanwhile. */
export function requestsPair(action: PanelAction): boolean {
  return action.type === 'syncThis' || action.type === 'pair';
}
