import { SCHEMA_NAMES } from '../avro/schemas.js'
import type { Clients } from '../clients/index.js'
import type { RiskScore } from '../domain/records.js'
import { TOPICS } from '../kafka/topics.js'
import { riskScoreToPrimeroFields } from '../mapping/risk-to-primero.js'
import { defineStage } from '../pipeline/stage.js'
import { auditedWrite } from './audited-write.js'
import { warningField } from './warnings.js'

export interface RiskWrite {
  readonly nationalId: string
  readonly childShieldCaseId: string | null
  readonly data: Record<string, unknown>
  readonly warnings: readonly string[]
}

/**
 * Phase 2 risk write-back: PATCH the mapped Child-Shield risk fields into every Primero case with the child's
 * national id. No case → counted (mapping-warnings metric, field `no_case`), audited as not_found and skipped. A
 * PATCH Primero refuses (e.g. 422) is audited as rejected and dead-lettered by the runner.
 */
export const riskToPrimero = defineStage<RiskScore, RiskWrite, Clients>({
  name: 'risk-to-primero',
  input: { topic: TOPICS.riskScores, schema: SCHEMA_NAMES.riskScore },
  transform: (score) => {
    const { data, warnings } = riskScoreToPrimeroFields(score)
    return { nationalId: score.nationalId, childShieldCaseId: score.childShieldCaseId, data, warnings }
  },
  destination: {
    kind: 'http',
    target: 'primero',
    async send(clients, write, ctx) {
      const recordIds = await clients.primero.findCasesByNationalId(write.nationalId)
      const note = {
        system: 'primero',
        action: 'update',
        resource: 'case',
        correlationId: write.childShieldCaseId,
      } as const
      for (const warning of write.warnings) ctx.warn(warningField(warning))
      if (recordIds.length === 0) {
        ctx.warn('no_case')
        ctx.audit({ ...note, recordId: null, fields: [], outcome: 'not_found' })
        return
      }
      for (const recordId of recordIds) {
        const fields = Object.keys(write.data)
        await auditedWrite(ctx, { ...note, recordId, fields }, () => clients.primero.patchCase(recordId, write.data))
      }
    },
  },
})
