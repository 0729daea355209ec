import { describe, expect, it } from 'vitest';
import { downloadFile, safeFileName, type Downloader } from './download';

function fakeDownloader() {
  const log: string[] = [];
  const blobs: Blob[] = [];
  const pending: Array<() => void> = [];
  const downloader: Downloader = {
    createObjectURL: (blob) => {
      blobs.push(blob);
      log.push('create');
      return 'blob:1';
    },
    revokeObjectURL: (url) => log.push(`revoke ${url}`),
    clickLink: (href, name) => log.push(`click ${href} ${name}`),
    later: (task) => pending.push(task),
  };
  return { downloader, log, blobs, pending };
}

describe('downloadFile', () => {
  it('clicks a download link to a blob of the text and revokes the URL afterwards', async () => {
    const { downloader, log, blobs, pending } = fakeDownloader();
    downloadFile({ fileName: 'lockstep-config-SUP-DEV.json', mimeType: 'application/json', text: '{"a":"é"}' }, downloader);
    expect(log).toEqual(['create', 'click blob:1 lockstep-config-SUP-DEV.json']);
    expect(blobs[0]!.type).toBe('application/json');
    await expect(blobs[0]!.text()).resolves.toBe('{"a":"é"}');
    pending.forEach((task) => task());
    expect(log.at(-1)).toBe('revoke blob:1');
  });

  it('revokes even when the click fails', () => {
    const { downloader, log, pending } = fakeDownloader();
    downloader.clickLink = () => {
      throw new Error('blocked');
    };
    expect(() => downloadFile({ fileName: 'a.csv', mimeType: 'text/csv', text: 'x' }, downloader)).toThrow('blocked');
    pending.forEach((task) => task());
    expect(log).toEqual(['create', 'revoke blob:1']);
  });
});

describe('safeFileName', () => {
  it('keeps ordinary names and strips folders and forbidden characters', () => {
    expect(safeFileName('lockstep-pairs-SUP-DEV.csv')).toBe('lockstep-pairs-SUP-DEV.csv');
    expect(safeFileName('../etc/passwd')).toBe('etc-passwd');
    expect(safeFileName('a:b*c?.json')).toBe('a-b-c-.json');
    expect(safeFileName('  ')).toBe('download');
    expect(safeFileName('')).toBe('download');
  });
});
