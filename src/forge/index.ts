/** Every Forge handler named in manifest.yml (`forge/index.<export>`). */
export { settingsResolver } from './resolvers/settings';
export { panelResolver } from './resolvers/panel';
export { onProductEvent } from './triggers/product-event';
export { onPartnerRequest } from './webtrigger/partner';
export { onOutboxEvent, onInboxEvent } from './consumers/queue';
export { onCleanupEvent } from './consumers/cleanup';
export { onScheduledTick } from './scheduled/tick';
export { onJobEvent } from './consumers/jobs';
