import { SCHEMA_NAMES } from '../avro/schemas.js'
import type { Clients } from '../clients/index.js'
import type { HisLookupResult } from '../domain/records.js'
import { NotFoundError } from '../errors.js'
import { TOPICS } from '../kafka/topics.js'
import { hisResultToPrimeroPatch, syncStatusPatch } from '../mapping/his-to-primero.js'
import { defineStage, type SendContext } from '../pipeline/stage.js'
import { auditedWrite } from './audited-write.js'
import { warningField } from './warnings.js'

export interface SyncWrite {
  readonly result: HisLookupResult
  /** Reference time for computed fields (age), from the record's processing time. */
  readonly now: number
}

/**
 * Phase 1 write-back: PATCH the Primero case by record id (never search-then-write). FOUND → the mapped HIS
 * fields + `synced`; NOT_FOUND → `not_found`; INVALID_REQUEST/FAILED → `failed`. A rejected PATCH (e.g. 422) is
 * dead-lettered by the runner, then `mark_synced_status: failed` is written so the caseworker sees it.
 */
export const hisToPrimero = defineStage<HisLookupResult, SyncWrite, Clients>({
  name: 'his-to-primero',
  input: { topic: TOPICS.hisLookupResults, schema: SCHEMA_NAMES.hisLookupResult },
  transform: (result, meta) => ({ result, now: meta.now }),
  destination: {
    kind: 'http',
    target: 'primero',
    async send(clients, { result, now }, ctx) {
      const patch = hisResultToPrimeroPatch(result, { syncUrl: clients.syncUrl, now: new Date(now) })
      await patchAudited(clients, result, patch.data, ctx)
      for (const warning of patch.warnings) ctx.warn(warningField(warning))
    },
    async onRejected(clients, { result }, error, ctx) {
      if (error instanceof NotFoundError) return
      await patchAudited(clients, result, syncStatusPatch('failed', clients.syncUrl), ctx)
    },
  },
})

async function patchAudited(
  clients: Clients,
  result: HisLookupResult,
  data: Record<string, unknown>,
  ctx: SendContext,
) {
  const note = {
    system: 'primero',
    action: 'update',
    resource: 'case',
    recordId: result.recordId,
    fields: Object.keys(data),
    actor: result.requestedBy,
    correlationId: result.requestId,
  } as const
  await auditedWrite(ctx, note, () => clients.primero.patchCase(result.recordId, data))
}
