import type { EventBatch } from '../../../shared/ipc/contract';

/** The batch that says the link to the core is back: what was read before may be stale. */
export const isLinkRestored = (batch: EventBatch): boolean => batch.link === 'restored';
