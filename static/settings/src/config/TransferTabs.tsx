/** Comments, attachments and links: what travels besides fields, and which way. */
import Textfield from '@atlaskit/textfield';
import { useId } from 'react';
import { isValidRegExp } from '../../../../src/domain/config/warnings';
import { DirectionControl, Field, LabeledToggle, NamesMultiSelect, ui } from './controls';
import { MAX_MB, parseMegabytes, parseMimeList } from './editorState';
import { commonLinkTypes } from './options';
import type { TabProps } from './tabProps';
import { useTextDraft } from './useTextDraft';

export function CommentsTab({ config, update, partnerName }: TabProps) {
  const c = config.comments;
  const set = (next: Partial<typeof c>) => update((x) => ({ ...x, comments: { ...x.comments, ...next } }));
  return (
    <div style={ui.stack}>
      <div>
        <p style={ui.label}>Direction</p>
        <DirectionControl label="Direction of comments" value={c.direction} withNone partnerName={partnerName} onChange={(direction) => set({ direction })} />
      </div>
      <LabeledToggle label="Include restricted comments" checked={c.includeRestricted} onChange={(includeRestricted) => set({ includeRestricted })} help="Internal comments (restricted to a role or group) stay on their side unless this is on." />
      <LabeledToggle label="Follow edits" checked={c.followEdits} onChange={(followEdits) => set({ followEdits })} help="An edited comment is edited on the other side too." />
      <LabeledToggle label="Follow deletes" checked={c.followDeletes} onChange={(followDeletes) => set({ followDeletes })} help="A deleted comment is deleted on the other side too." />
    </div>
  );
}

export function AttachmentsTab({ config, update, partnerName }: TabProps) {
  const a = config.attachments;
  const set = (next: Partial<typeof a>) => update((x) => ({ ...x, attachments: { ...x.attachments, ...next } }));
  const ids = { size: useId(), mime: useId(), pattern: useId() };
  const mb = String(Number((a.maxBytes / (1024 * 1024)).toFixed(2)));
  const [sizeText, setSize, sizeValid] = useTextDraft(mb, (text) => {
    const bytes = parseMegabytes(text);
    if (bytes === null) return null;
    set({ maxBytes: bytes });
    return String(Number((bytes / (1024 * 1024)).toFixed(2)));
  });
  const [mimeText, setMime, mimeValid] = useTextDraft(a.mimeTypes.join(', '), (text) => {
    const { types, bad } = parseMimeList(text);
    if (bad.length > 0) return null;
    set({ mimeTypes: types });
    return types.join(', ');
  });
  const [patternText, setPattern, patternValid] = useTextDraft(a.fileNamePattern ?? '', (text) => {
    if (text !== '' && !isValidRegExp(text)) return null;
    set({ fileNamePattern: text === '' ? null : text });
    return text;
  });
  const badMime = parseMimeList(mimeText).bad;
  return (
    <div style={ui.stack}>
      <div>
        <p style={ui.label}>Direction</p>
        <DirectionControl label="Direction of attachments" value={a.direction} withNone partnerName={partnerName} onChange={(direction) => set({ direction })} />
      </div>
      <Field label="Maximum size (MB)" htmlFor={ids.size} help="Larger files stay on their side." error={sizeValid ? null : `Enter a size above 0 and up to ${MAX_MB} MB.`}>
        <div style={{ maxWidth: 160 }}>
          <Textfield id={ids.size} type="number" min={0} max={MAX_MB} step="any" value={sizeText} isInvalid={!sizeValid} onChange={(e) => setSize(e.currentTarget.value)} />
        </div>
      </Field>
      <Field label="MIME types" htmlFor={ids.mime} help="Comma-separated, e.g. image/*, application/pdf. Empty allows every type." error={mimeValid ? null : `Not a MIME type: ${badMime.join(', ')}. Use a form such as image/png or image/*.`}>
        <div style={{ maxWidth: 480 }}>
          <Textfield id={ids.mime} value={mimeText} isInvalid={!mimeValid} onChange={(e) => setMime(e.currentTarget.value)} />
        </div>
      </Field>
      <Field label="File name pattern" htmlFor={ids.pattern} help="A regular expression file names must match, e.g. \.(pdf|png)$. Empty allows every name." error={patternValid ? null : 'This is not a valid regular expression.'}>
        <div style={{ maxWidth: 480 }}>
          <Textfield id={ids.pattern} value={patternText} isInvalid={!patternValid} onChange={(e) => setPattern(e.currentTarget.value)} />
        </div>
      </Field>
      <p style={ui.help}>Attachments move after their issue, so the issue is never held up by a large file.</p>
    </div>
  );
}

export function LinksTab({ config, update, local, partner, partnerName }: TabProps) {
  const l = config.links;
  const set = (next: Partial<typeof l>) => update((x) => ({ ...x, links: { ...x.links, ...next } }));
  const id = useId();
  // Types the config names but a side lacks stay listed, so they can be seen and removed.
  const choices = [...new Set([...commonLinkTypes(local, partner), ...l.types])];
  return (
    <div style={ui.stack}>
      <div>
        <p style={ui.label}>Direction</p>
        <DirectionControl label="Direction of links" value={l.direction} withNone partnerName={partnerName} onChange={(direction) => set({ direction })} />
      </div>
      <Field label="Link types" htmlFor={id} help={`Only link types both sides have can be carried. Empty carries every type that exists on both sides.`}>
        <NamesMultiSelect inputId={id} label="Link types" options={choices} value={l.types} onChange={(types) => set({ types })} />
      </Field>
      <LabeledToggle label="Sub-tasks" checked={l.subtasks} onChange={(subtasks) => set({ subtasks })} help="A sub-task's parent link is carried when both issues sync." />
    </div>
  );
}
