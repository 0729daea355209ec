import Button from '@atlaskit/button/default/button';
import EmptyState from '@atlaskit/empty-state';
import { token } from '@atlaskit/tokens';
import type { SettingsData } from '../../../shared/types';
import { styles } from '../../../shared/ui';
import { SyncTable } from './SyncTable';

export const EMPTY_TEXT = 'No syncs yet — this project is not synchronized with any other project.';

export interface SyncListProps {
  data: SettingsData;
  onCreate: () => void;
  onChanged: () => void;
}

/** The default view: every sync of this project, or an empty state that offers to create one. */
export function SyncList({ data, onCreate, onChanged }: SyncListProps) {
  if (data.syncs.length === 0) {
    return (
      <section aria-labelledby="lockstep-syncs">
        <EmptyState
          header="Keep this project in step with another"
          headingLevel={2}
          description={
            <>
              <span id="lockstep-syncs">{EMPTY_TEXT}</span> Create a sync with a project on this site or on another Jira
              site, and Lockstep keeps their issues the same, field by field.
            </>
          }
          primaryAction={
            <Button appearance="primary" onClick={onCreate}>
              Create sync
            </Button>
          }
        />
      </section>
    );
  }
  return (
    <section aria-labelledby="lockstep-syncs">
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: token('space.100', '8px'), margin: `${token('space.200', '16px')} 0 0` }}>
        <p style={{ ...styles.subtle, margin: 0 }}>
          Each sync keeps this project's issues in step with one partner project.
        </p>
        <Button appearance="primary" onClick={onCreate}>
          Create sync
        </Button>
      </div>
      <SyncTable projectName={data.project.name} syncs={data.syncs} headingId="lockstep-syncs" onChanged={onChanged} />
    </section>
  );
}
