import Button from '@atlaskit/button/default/button';
import { token } from '@atlaskit/tokens';
import { useState } from 'react';
import { downloadFile } from '../../../shared/download';
import { useShowFlag } from '../../../shared/flags';
import { invokeResolver } from '../../../shared/invokeResolver';
import type { FileData } from '../../../shared/types';
import { failureFlag } from './failure';
import { exportPairFile, type PairFormat } from './pairExport';
import { isFileData } from './validate';

const row = { display: 'flex', alignItems: 'center', gap: token('space.100', '8px'), flexWrap: 'wrap' } as const;

/** "Export configuration": the versioned configuration document, saved as a file. */
export function ExportConfigAction({ connectionId, onDone }: { connectionId: string; onDone: () => void }) {
  const showFlag = useShowFlag();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const file = await invokeResolver<FileData>('exportSyncConfig', { connectionId }, { validate: isFileData });
      downloadFile(file);
      showFlag({ appearance: 'success', title: 'Configuration exported.', description: `Saved as ${file.fileName}.` });
      onDone();
    } catch (thrown) {
      showFlag(failureFlag('export the configuration', thrown));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button appearance="primary" isLoading={busy} onClick={() => void run()}>
      Export configuration
    </Button>
  );
}

/** "Download JSON" / "Download CSV": every pair of the sync, read piece by piece, then saved as one file. */
export function DownloadPairsAction({ connectionId, onDone }: { connectionId: string; onDone: () => void }) {
  const showFlag = useShowFlag();
  const [busy, setBusy] = useState<PairFormat | null>(null);
  const [progress, setProgress] = useState('');
  const run = async (format: PairFormat) => {
    setBusy(format);
    setProgress('Reading the pairs…');
    try {
      const file = await exportPairFile(invokeResolver, connectionId, format, (written) => setProgress(`${written.toLocaleString()} ${written === 1 ? 'pair' : 'pairs'}…`));
      downloadFile(file);
      setProgress(`Saved ${file.fileName}.`);
      showFlag({ appearance: 'success', title: 'Synchronized issues downloaded.', description: `Saved as ${file.fileName}.` });
      onDone();
    } catch (thrown) {
      setProgress('');
      showFlag(failureFlag('download the synchronized issues', thrown));
    } finally {
      setBusy(null);
    }
  };
  return (
    <div style={row}>
      <Button appearance="primary" isLoading={busy === 'json'} isDisabled={busy === 'csv'} onClick={() => void run('json')}>
        Download JSON
      </Button>
      <Button isLoading={busy === 'csv'} isDisabled={busy === 'json'} onClick={() => void run('csv')}>
        Download CSV
      </Button>
      <span role="status" style={{ color: token('color.text.subtle', '#44546F') }}>
        {progress}
      </span>
    </div>
  );
}
