import { describe, expect, it } from 'vitest';
import { names, offerText, partnerName, resyncWaitingText, siteLabel } from './labels';

const offer = { syncId: 's2', partnerSite: 'beta', partnerProject: 'DEV' };

describe('panel wording', () => {
  it('names the site of an offer, this site for a same-site sync', () => {
    expect(siteLabel('same')).toBe('this site');
    expect(siteLabel('beta')).toBe('beta');
    expect(siteLabel('https://acme.atlassian.net')).toBe('acme.atlassian.net');
    expect(siteLabel('http://127.0.0.1:4180/beta')).toBe('127.0.0.1:4180');
    expect(offerText(offer)).toBe('Not synced with DEV (beta)');
    expect(offerText({ ...offer, partnerSite: 'same', partnerProject: 'OPS' })).toBe('Not synced with OPS (this site)');
  });

  it('gives every button a name that contains its visible text and tells its target apart', () => {
    expect(names.copy('DEV-12')).toBe('Copy DEV-12');
    expect(names.resync({ partnerKey: 'DEV-12' })).toBe('Resync with DEV-12');
    expect(names.resync({ partnerKey: null })).toBe('Resync with the partner issue');
    expect(names.retry({ partnerKey: 'DEV-12' })).toBe('Retry sync with DEV-12');
    expect(names.syncThis(offer)).toBe('Sync this issue with DEV on beta');
    expect(names.pair({ ...offer, partnerSite: 'same' })).toBe('Pair with an existing issue in DEV on this site');
    expect(partnerName({ partnerKey: null })).toBe('the partner issue');
  });

  it('says how far a resync of the sync is', () => {
    expect(resyncWaitingText({ jobId: 'j1', done: 120, total: 500, etaSeconds: 125 })).toBe('Waiting for resync — 120 of 500 done, about 2 min left');
    expect(resyncWaitingText({ jobId: 'j1', done: 0, total: null, etaSeconds: null })).toBe('Waiting for resync — 0 done');
  });
});
