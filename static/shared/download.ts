/**
 * Saves text the server built (a configuration, a pair list, a report) as a file in the browser:
 * a Blob behind an object URL, clicked through a temporary <a download>. The browser's side is
 * injected so the steps are unit-tested without a DOM.
 */
import type { FileData } from './types';

export interface Downloader {
  createObjectURL: (blob: Blob) => string;
  revokeObjectURL: (url: string) => void;
  /** Follows `href` with a download link named `fileName`. */
  clickLink: (href: string, fileName: string) => void;
  /** Runs `task` later (the URL must outlive the click a moment for some browsers). */
  later: (task: () => void) => void;
}

/** How long the object URL stays valid after the click, ms. */
export const REVOKE_AFTER_MS = 10_000;

export function browserDownloader(): Downloader {
  return {
    createObjectURL: (blob) => URL.createObjectURL(blob),
    revokeObjectURL: (url) => URL.revokeObjectURL(url),
    clickLink: (href, fileName) => {
      const link = document.createElement('a');
      link.href = href;
      link.download = fileName;
      link.rel = 'noopener';
      link.style.display = 'none';
      document.body.appendChild(link);
      link.click();
      link.remove();
    },
    later: (task) => void setTimeout(task, REVOKE_AFTER_MS),
  };
}

/** A file name without folders or characters file systems refuse; "download" when nothing is left. */
export function safeFileName(name: string): string {
  const cleaned = name.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '-').replace(/^[.\s-]+|[.\s]+$/g, '');
  return cleaned === '' ? 'download' : cleaned;
}

/** Saves `file.text` under `file.fileName`; the text is written exactly as the server sent it. */
export function downloadFile(file: FileData, downloader: Downloader = browserDownloader()): void {
  const blob = new Blob([file.text], { type: file.mimeType || 'application/octet-stream' });
  const url = downloader.createObjectURL(blob);
  try {
    downloader.clickLink(url, safeFileName(file.fileName));
  } finally {
    downloader.later(() => downloader.revokeObjectURL(url));
  }
}
