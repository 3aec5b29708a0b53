import type { Feed } from '../store/feed';
import { applyBatch, emptyFacts, withStatus, type Facts } from './checklist';

const nowIso = () => new Date().toISOString();

/** The commissioning screen's feed: the facts, each step stamped with the time it first turns green. */
export const commissioningFacts: Feed<Facts> = {
  init: (status) => (status ? withStatus(emptyFacts(), status, nowIso()) : emptyFacts()),
  batch: (facts, batch) => applyBatch(facts, batch, nowIso()),
  status: (facts, status) => withStatus(facts, status, nowIso()),
};
