import Button from '@atlaskit/button/default/button';
import { token } from '@atlaskit/tokens';
import type { IssueSyncOffer } from '../../shared/types';
import { names, offerText } from './labels';
import type { ActionProps } from './SyncList';

export interface OfferListProps extends ActionProps {
  issueKey: string;
  offers: IssueSyncOffer[];
  onPair: (offer: IssueSyncOffer) => void;
}

/** Syncs of the project this issue could join: create its partner, or pair it with an existing issue. */
export function OfferList({ issueKey, offers, enabled, disabledReasonId, onAction, onPair }: OfferListProps) {
  const describedBy = disabledReasonId !== undefined ? { 'aria-describedby': disabledReasonId } : {};
  return (
    <ul aria-label={`Syncs ${issueKey} could join`} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {offers.map((offer) => (
        <li
          key={offer.syncId}
          style={{
            margin: 0,
            padding: `${token('space.100', '8px')} 0`,
            borderBlockEnd: `${token('border.width', '1px')} solid ${token('color.border', '#091E4224')}`,
          }}
        >
          <p style={{ margin: 0, overflowWrap: 'anywhere' }}>{offerText(offer)}</p>
          <div style={{ display: 'flex', gap: token('space.100', '8px'), flexWrap: 'wrap', marginBlockStart: token('space.075', '6px') }}>
            <Button
              spacing="compact"
              isDisabled={!enabled}
              aria-label={names.syncThis(offer)}
              {...describedBy}
              onClick={() => onAction({ type: 'syncThis', syncId: offer.syncId, partnerProject: offer.partnerProject })}
            >
              Sync this issue
            </Button>
            <Button spacing="compact" isDisabled={!enabled} aria-label={names.pair(offer)} {...describedBy} onClick={() => onPair(offer)}>
              Pair with an existing issue
            </Button>
          </div>
        </li>
      ))}
    </ul>
  );
}
