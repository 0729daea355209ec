import { describe, expect, it } from 'vitest';
import { formatEta, percentDone, progressText } from './progress';

describe('formatEta', () => {
  it('says how long is left in minutes and hours', () => {
    expect(formatEta(null)).toBeNull();
    expect(formatEta(-1)).toBeNull();
    expect(formatEta(Number.NaN)).toBeNull();
    expect(formatEta(0)).toBe('less than a minute');
    expect(formatEta(59)).toBe('less than a minute');
    expect(formatEta(60)).toBe('about 1 min');
    expect(formatEta(130)).toBe('about 2 min');
    expect(formatEta(3569)).toBe('about 59 min');
    expect(formatEta(3599)).toBe('about 1 h');
    expect(formatEta(3600)).toBe('about 1 h');
    expect(formatEta(3900)).toBe('about 1 h 5 min');
  });
});

describe('progressText', () => {
  it('counts done of total and adds the time left when known', () => {
    expect(progressText(120, 500, 125)).toBe('120 of 500 done, about 2 min left');
    expect(progressText(120, 500, null)).toBe('120 of 500 done');
    expect(progressText(7, null, null)).toBe('7 done');
    expect(progressText(1200, 25000, 30)).toBe('1,200 of 25,000 done, less than a minute left');
  });
});

describe('percentDone', () => {
  it('is null without a total and stays within 0–100', () => {
    expect(percentDone(3, null)).toBeNull();
    expect(percentDone(0, 0)).toBe(100);
    expect(percentDone(1, 3)).toBe(33);
    expect(percentDone(9, 3)).toBe(100);
  });
});
