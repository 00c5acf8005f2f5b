import type { RiskModel } from '../clients/moph-types.js'
import { TOPICS } from '../kafka/topics.js'
import { riskModelToScore } from '../mapping/risk-model-to-score.js'
import { definePoller, type Poller } from './poller-source.js'
import { epochOf } from './poller.js'

/**
 * Phase 2 risk feed: Child-Shield risk models updated since the cursor (CHILDSHIELD_POLL_CRON) → RiskScore on
 * childshield.risk-scores keyed by national id. A model without a valid 13-digit `cid` is counted
 * (mapping-warnings metric, field `cid`) and skipped. Cursor = the latest `updatedAt` seen.
 */
export function createChildShieldPoller(name = 'childshield-poller'): Poller {
  return definePoller<RiskModel>(
    {
      name,
      topic: TOPICS.riskScores,
      pages: (clients, since) => clients.moph.listRiskModelsUpdatedSince(since),
      toRecord: (model) => {
        const score = riskModelToScore(model)
        return score ? { key: score.nationalId, value: score } : { skip: 'cid' }
      },
      changedAt: (model) => epochOf(model.updatedAt),
    },
    { cron: (c) => c.CHILDSHIELD_POLL_CRON, startValue: (c) => c.CHILDSHIELD_POLL_START },
  )
}

export const childShieldPoller = createChildShieldPoller()
