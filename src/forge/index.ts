/**
 * Every Forge handler named in manifest.yml (`forge/index.<export>`), each wrapped here in its license
 * check (src/forge/license.ts) so no handler module needs to know about licensing. The cleanup consumer,
 * the lifecycle events and personal data reporting are never gated: deleting data, and reporting and erasing
 * the accounts Lockstep holds, must work whatever the license says.
 */
import { licenseAllowsWork } from '../domain/license';
import { onCleanupEvent } from './consumers/cleanup';
import { onJobEvent as jobEvent } from './consumers/jobs';
import { onInboxEvent as inboxEvent, onOutboxEvent as outboxEvent } from './consumers/queue';
import { licensed, licensedResolver, licensedWebTrigger, licenseOf, panelAllowedUnlicensed, settingsAllowedUnlicensed, skippedUnlicensed } from './license';
import { panelResolver as panel } from './resolvers/panel';
import { settingsResolver as settings } from './resolvers/settings';
import { scheduledPrivacyReport } from './scheduled/privacy';
import { scheduledTick } from './scheduled/tick';
import { appInstalled, appUpgraded } from './triggers/lifecycle';
import { onProductEvent as productEvent } from './triggers/product-event';
import { onPartnerRequest as partnerRequest } from './webtrigger/partner';

export const settingsResolver = licensedResolver(settings, settingsAllowedUnlicensed);
export const panelResolver = licensedResolver(panel, panelAllowedUnlicensed);
export const onProductEvent = licensed(productEvent, skippedUnlicensed('product event'));
export const onPartnerRequest = licensedWebTrigger(partnerRequest);
export const onOutboxEvent = licensed(outboxEvent, skippedUnlicensed('outbox delivery'));
export const onInboxEvent = licensed(inboxEvent, skippedUnlicensed('inbox apply'));
export const onJobEvent = licensed(jobEvent, skippedUnlicensed('job step'));
export { onCleanupEvent };
export const onScheduledTick = (_request: unknown, context?: unknown) => scheduledTick(licenseAllowsWork(licenseOf(context)));
export const onPrivacyReport = (_request?: unknown) => scheduledPrivacyReport();
export const onAppInstalled = (event: unknown) => appInstalled(event);
export const onAppUpgraded = (event: unknown, context?: unknown) => appUpgraded(event, licenseAllowsWork(licenseOf(context)));
