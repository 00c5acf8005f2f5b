import type { PrimeroCase } from '../clients/primero-types.js'
import { TOPICS } from '../kafka/topics.js'
import { toCaseEvent } from './case-event.js'
import { definePoller, type Poller } from './poller-source.js'
import { epochOf } from './poller.js'

/**
 * Phase 2 feed: pages through Primero cases updated since the cursor (PRIMERO_POLL_CRON in POLL_TIMEZONE,
 * default daily 01:00 Asia/Bangkok) and publishes each as an UPDATED CaseEvent (source POLLER) whose caseData
 * is the case as Primero returned it. Cursor = the latest `last_updated_at` seen. `name` is for tests only.
 */
export function createPrimeroPoller(name = 'primero-poller'): Poller {
  return definePoller<PrimeroCase>(
    {
      name,
      topic: TOPICS.caseEvents,
      async *pages(clients, since) {
        for await (const page of clients.primero.listCasesUpdatedSince(since)) yield page.data
      },
      toRecord: (c, stamp) => ({
        key: c.id,
        value: toCaseEvent({ recordId: c.id, fields: c }, { type: 'UPDATED', source: 'POLLER', ...stamp }),
      }),
      changedAt: (c) => epochOf(c.last_updated_at),
    },
    {
      cron: (c) => c.PRIMERO_POLL_CRON,
      startValue: (c) => c.PRIMERO_POLL_START,
      enabled: (c) => c.PRIMERO_POLLER_ENABLED,
    },
  )
}

export const primeroPoller = createPrimeroPoller()
