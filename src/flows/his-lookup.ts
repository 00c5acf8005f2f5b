import { SCHEMA_NAMES } from '../avro/schemas.js'
import type { Clients } from '../clients/index.js'
import type { HisPerson } from '../clients/moph-types.js'
import type { CaseEvent, HisLookupResult } from '../domain/records.js'
import { DeliveryError } from '../errors.js'
import { TOPICS } from '../kafka/topics.js'
import {
  failedResult,
  invalidRequestResult,
  notFoundResult,
  toHisLookupResult,
  type LookupContext,
} from '../mapping/his-person-to-lookup-result.js'
import { defineStage } from '../pipeline/stage.js'

export interface LookupRequest {
  readonly requestId: string
  readonly recordId: string
  readonly nationalId: string | null
  readonly nationalIdIssue: string | null
  readonly requestedBy: string | null
}

export type HisAnswer =
  | { readonly kind: 'found'; readonly person: HisPerson; readonly at: number }
  | { readonly kind: 'not_found'; readonly at: number }
  | { readonly kind: 'invalid'; readonly reason: string; readonly at: number }
  | { readonly kind: 'rejected'; readonly reason: string; readonly at: number }

/** Phase 1: a Sync click or a new case → HIS person with visits and risk model → his.lookup-results. */
export const hisLookup = defineStage<CaseEvent, LookupRequest, Clients>({
  name: 'his-lookup',
  input: { topic: TOPICS.caseEvents, schema: SCHEMA_NAMES.caseEvent },
  transform: (event) =>
    event.type === 'SYNC_REQUESTED' || event.type === 'CREATED'
      ? {
          requestId: event.eventId,
          recordId: event.recordId,
          nationalId: event.nationalId,
          nationalIdIssue: event.nationalIdIssue,
          requestedBy: event.requestedBy,
        }
      : null,
  destination: {
    kind: 'enrich',
    target: 'his',
    topic: TOPICS.hisLookupResults,
    schema: SCHEMA_NAMES.hisLookupResult,
    key: (result: HisLookupResult) => result.recordId,
    /**
     * No national id: answered without asking HIS. HIS outages — including a 3xx and a 401 that persists after
     * the token refresh (isRetryableStatus in errors.ts) — are thrown and retried, never turned into FAILED or
     * NOT_FOUND; HIS's other refusals (e.g. 400, 403) become FAILED. Interventions or a risk model of another
     * child are left out by the client and counted here as mapping warnings.
     */
    async call(clients, req, ctx): Promise<HisAnswer> {
      if (req.nationalId === null)
        return { kind: 'invalid', reason: `national-id-${req.nationalIdIssue ?? 'missing'}`, at: Date.now() }
      const note = {
        system: 'his',
        action: 'read',
        resource: 'person',
        recordId: req.recordId,
        actor: req.requestedBy,
        correlationId: req.requestId,
      } as const
      try {
        const person = await clients.moph.findPersonWithHistory(req.nationalId, {
          onDropped: (part) => ctx.warn(part),
        })
        const fields = person ? ['person', 'interventions', 'riskmodel'] : []
        ctx.audit({ ...note, fields, outcome: person ? 'success' : 'not_found' })
        return person ? { kind: 'found', person, at: Date.now() } : { kind: 'not_found', at: Date.now() }
      } catch (err) {
        if (!(err instanceof DeliveryError) || err.retryable) throw err
        ctx.audit({ ...note, fields: [], outcome: 'rejected', httpStatus: err.status ?? null })
        return { kind: 'rejected', reason: `his-rejected-${err.status ?? 'request'}`, at: Date.now() }
      }
    },
    result(answer: HisAnswer, req): HisLookupResult {
      const ctx: LookupContext = { ...req, fetchedAt: answer.at }
      switch (answer.kind) {
        case 'found':
          return toHisLookupResult(answer.person, ctx)
        case 'not_found':
          return notFoundResult(ctx)
        case 'invalid':
          return invalidRequestResult(ctx, answer.reason)
        case 'rejected':
          return failedResult(ctx, answer.reason)
      }
    },
  },
})
