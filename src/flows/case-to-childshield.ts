import { SCHEMA_NAMES } from '../avro/schemas.js'
import type { Clients } from '../clients/index.js'
import type { CaseEvent } from '../domain/records.js'
import { NotFoundError, TransformError } from '../errors.js'
import { TOPICS } from '../kafka/topics.js'
import {
  buildChildShieldCreateBody,
  buildChildShieldPatchBody,
  buildChildShieldSnapshot,
  childShieldDayKey,
  isEligibleForChildShield,
} from '../mapping/case-to-childshield.js'
import { defineStage } from '../pipeline/stage.js'
import { auditedWrite } from './audited-write.js'
import { childShieldTranslations } from './childshield-translations.js'

const DAY_MS = 86_400_000

export interface ChildShieldUpload {
  readonly recordId: string
  readonly cid: string
  /** Child-Shield date key (UTC YYYY-MM-DD of the processing time). */
  readonly day: string
  readonly caseData: Record<string, unknown>
  readonly actor: string | null
}

/**
 * The cursor date of the reference selection rule. OpenFn used the previous daily run; a record does not carry
 * it, so the rule is anchored on the case's own `last_updated_at` (else the event time) minus one day: a case is
 * sent when its assessment was requested, or it was closed, within a day of the change that produced the event.
 * Deterministic, so replays decide the same way.
 */
export function selectionCursor(event: CaseEvent): Date {
  return new Date((event.lastUpdatedAt ?? event.occurredAt) - DAY_MS)
}

/**
 * Phase 2: today's copy of an eligible case → Child-Shield intervention (upsert by cid and date key). Select
 * values are labelled from Primero's lookups and locations (cached); a value without a label is counted in the
 * mapping-warnings metric under its field. Each write is audited, a rejected one as `rejected`.
 */
export const caseToChildShield = defineStage<CaseEvent, ChildShieldUpload, Clients>({
  name: 'case-to-childshield',
  input: { topic: TOPICS.caseEvents, schema: SCHEMA_NAMES.caseEvent },
  transform: (event, meta) => {
    let caseData: unknown
    try {
      caseData = JSON.parse(event.caseData)
    } catch (err) {
      throw new TransformError('caseData is not valid JSON', { cause: err })
    }
    if (typeof caseData !== 'object' || caseData === null || Array.isArray(caseData)) {
      throw new TransformError('caseData is not a JSON object')
    }
    const fields = caseData as Record<string, unknown>
    // Child-Shield is keyed by national id: a case without one cannot be linked, so it is skipped.
    if (event.nationalId === null || !isEligibleForChildShield(fields, selectionCursor(event))) return null
    const day = childShieldDayKey(new Date(meta.now))
    return { recordId: event.recordId, cid: event.nationalId, day, caseData: fields, actor: event.requestedBy }
  },
  destination: {
    kind: 'http',
    target: 'child-shield',
    async send(clients, upload, ctx) {
      const translations = childShieldTranslations(
        await clients.primero.getLookups(),
        await clients.primero.getLocations(),
      )
      const snapshot = buildChildShieldSnapshot(upload.caseData, translations, {
        onUntranslated: (field) => ctx.warn(field),
      })
      const note = {
        system: 'child-shield',
        resource: 'intervention',
        recordId: upload.recordId,
        actor: upload.actor,
      } as const
      const existing = await clients.moph.findPrimeroIntervention(upload.cid)
      if (existing) {
        const body = buildChildShieldPatchBody(upload.day, snapshot)
        const update = { ...note, action: 'update', fields: Object.keys(body) } as const
        await auditedWrite(ctx, update, () => clients.moph.patchIntervention(existing.id, body))
        return
      }
      const person = await clients.moph.findPerson(upload.cid)
      if (!person?.id) {
        ctx.audit({ ...note, action: 'create', fields: [], outcome: 'not_found' })
        throw new NotFoundError('child-shield', 'person does not exist in Child-Shield')
      }
      const body = buildChildShieldCreateBody({ cid: upload.cid, personId: person.id, day: upload.day, snapshot })
      const create = { ...note, action: 'create', fields: [`activities.primeroservice.${upload.day}`] } as const
      await auditedWrite(ctx, create, () => clients.moph.createIntervention(body))
    },
  },
})
