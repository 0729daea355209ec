import Button from '@atlaskit/button/default/button';
import DynamicTable from '@atlaskit/dynamic-table';
import type { HeadType, RowType } from '@atlaskit/dynamic-table/types';
import Lozenge from '@atlaskit/lozenge/lozenge';
import SectionMessage from '@atlaskit/section-message';
import { token } from '@atlaskit/tokens';
import type { ReconciliationReport } from '../../../shared/types';
import { RelativeTime, styles } from '../../../shared/ui';
import { keyList, mismatchCaption, reportVerdict } from './reconcile';

type Side = ReconciliationReport['local'];

const card = {
  flex: '1 1 16rem',
  padding: token('space.150', '12px'),
  borderRadius: token('radius.medium', '6px'),
  border: `${token('border.width', '1px')} solid ${token('color.border', '#091E4224')}`,
  backgroundColor: token('elevation.surface.raised', '#FFFFFF'),
  minWidth: 0,
} as const;
const term = { ...styles.subtlest, margin: 0 } as const;
const value = { margin: 0, fontWeight: token('font.weight.semibold', '600') } as const;

function SideCard({ title, side }: { title: string; side: Side }) {
  return (
    <section aria-label={title} style={card}>
      <h4 style={{ margin: `0 0 ${token('space.100', '8px')}`, font: token('font.heading.xsmall', 'normal 653 14px/16px ui-sans-serif, sans-serif') }}>{title}</h4>
      <p style={{ ...styles.subtlest, margin: `0 0 ${token('space.100', '8px')}`, overflowWrap: 'anywhere' }}>
        <code>{side.jql}</code>
      </p>
      <dl style={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: token('space.150', '12px'), rowGap: token('space.050', '4px'), margin: 0, padding: 0 }}>
        <dt style={term}>Issues</dt>
        <dd style={value}>{side.issues.toLocaleString()}</dd>
        <dt style={term}>Paired</dt>
        <dd style={value}>{side.paired.toLocaleString()}</dd>
        <dt style={term}>Unpaired</dt>
        <dd style={{ ...value, color: side.unpaired > 0 ? token('color.text.warning', '#A54800') : undefined }}>{side.unpaired.toLocaleString()}</dd>
      </dl>
      {side.unpairedKeys.length > 0 ? <p style={{ ...styles.subtle, overflowWrap: 'anywhere' }}>{keyList('Unpaired', side.unpairedKeys, side.unpaired)}</p> : null}
    </section>
  );
}

const mismatchHead: HeadType = {
  cells: [
    { key: 'local', content: 'Local key' },
    { key: 'partner', content: 'Partner key' },
    { key: 'fields', content: 'Fields that differ' },
  ],
};

const mismatchRow = (row: ReconciliationReport['mismatches']['rows'][number], index: number): RowType => ({
  key: `${row.localKey}-${index}`,
  cells: [
    { key: 'local', content: <strong>{row.localKey}</strong> },
    { key: 'partner', content: <strong>{row.partnerKey}</strong> },
    { key: 'fields', content: row.fields.join(', ') },
  ],
});

/** The reconciliation report: the cutover checklist, both sides' counts, pairs and mismatching pairs. */
export function ReconciliationView({ report, onExport, exporting }: { report: ReconciliationReport; onExport: () => void; exporting: boolean }) {
  const verdict = reportVerdict(report);
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: token('space.200', '16px'), marginTop: token('space.150', '12px') }}>
      <SectionMessage appearance={report.pass ? 'success' : 'error'} title={verdict.title}>
        <p>
          {verdict.detail} Generated <RelativeTime iso={report.generatedAt} />.
        </p>
      </SectionMessage>
      <div>
        <Button onClick={onExport} isLoading={exporting}>
          Export report CSV
        </Button>
      </div>
      <ul aria-label="Cutover checklist" style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: token('space.075', '6px') }}>
        {report.checks.map((check, i) => (
          <li key={i} style={{ display: 'flex', alignItems: 'baseline', gap: token('space.100', '8px'), flexWrap: 'wrap' }}>
            <Lozenge appearance={check.pass ? 'success' : 'removed'}>{check.pass ? 'Pass' : 'Fail'}</Lozenge>
            <strong>{check.label}</strong>
            <span style={styles.subtle}>{check.detail}</span>
          </li>
        ))}
      </ul>
      <div style={{ display: 'flex', gap: token('space.150', '12px'), flexWrap: 'wrap' }}>
        <SideCard title={`This project (${report.local.projectKey})`} side={report.local} />
        <SideCard title={`Partner (${report.partner.projectKey})`} side={report.partner} />
      </div>
      <p style={{ ...styles.subtle, margin: 0 }}>
        {report.pairs.total.toLocaleString()} pairs, {report.pairs.compared.toLocaleString()} compared
        {report.pairs.dangling > 0 ? `, ${report.pairs.dangling.toLocaleString()} pointing at an issue that is gone` : ''}.
        {report.pairs.danglingKeys.length > 0 ? ` ${keyList('Dangling', report.pairs.danglingKeys, report.pairs.dangling)}` : ''}
      </p>
      <div>
        <h4 style={{ margin: `0 0 ${token('space.100', '8px')}`, font: token('font.heading.xsmall', 'normal 653 14px/16px ui-sans-serif, sans-serif') }}>{mismatchCaption(report.mismatches)}</h4>
        {report.mismatches.rows.length > 0 ? <DynamicTable label="Mismatching pairs" head={mismatchHead} rows={report.mismatches.rows.map(mismatchRow)} rowsPerPage={50} /> : null}
      </div>
    </div>
  );
}
