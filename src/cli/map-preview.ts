import type { CaseEvent, HisLookupResult, RiskScore } from '../domain/records.js'
import type { Config } from '../config.js'
import { caseToChildShield } from '../flows/case-to-childshield.js'
import { cdcNormalizerStage } from '../flows/cdc-normalizer.js'
import { hisLookup } from '../flows/his-lookup.js'
import { hisToPrimero } from '../flows/his-to-primero.js'
import { riskToPrimero } from '../flows/risk-to-primero.js'
import { buildChildShieldSnapshot, type ChildShieldTranslations } from '../mapping/case-to-childshield.js'
import { hisResultToPrimeroPatch } from '../mapping/his-to-primero.js'
import { SCHEMA_NAMES } from '../avro/schemas.js'
import { TOPICS } from '../kafka/topics.js'
import type { RecordMeta } from '../pipeline/stage.js'

export interface PreviewContext {
  readonly config: Config
  readonly meta: RecordMeta
  readonly syncUrl: string
  readonly translations: ChildShieldTranslations
}

/** What `map` prints: the stage's own transform, then the same mapping its send step applies. Never I/O. */
export interface Previewer {
  /** Avro full name the input record must satisfy; absent when the input is not one of ours (Debezium). */
  readonly schema?: string
  preview(record: unknown, ctx: PreviewContext): unknown
}

const skipped = (why: string) => ({ skipped: why })

export const PREVIEWERS: Readonly<Record<string, Previewer>> = {
  'his-to-primero': {
    schema: SCHEMA_NAMES.hisLookupResult,
    preview(record, { meta, syncUrl }) {
      const write = hisToPrimero.transform(record as HisLookupResult, meta)
      if (!write) return skipped('the stage skips this record')
      const patch = hisResultToPrimeroPatch(write.result, { syncUrl, now: new Date(write.now) })
      return { request: `PATCH /api/v2/cases/${patch.recordId}`, body: { data: patch.data }, warnings: patch.warnings }
    },
  },
  'risk-to-primero': {
    schema: SCHEMA_NAMES.riskScore,
    preview(record, { meta }) {
      const write = riskToPrimero.transform(record as RiskScore, meta)
      if (!write) return skipped('the stage skips this record')
      return {
        request: 'PATCH /api/v2/cases/<id> for every case with this national_id_no',
        body: { data: write.data },
        warnings: write.warnings,
      }
    },
  },
  'his-lookup': {
    schema: SCHEMA_NAMES.caseEvent,
    preview(record, { meta }) {
      const req = hisLookup.transform(record as CaseEvent, meta)
      if (!req) return skipped('only SYNC_REQUESTED and CREATED events are looked up')
      if (req.nationalId === null) {
        return {
          asks: 'nothing (no usable national id)',
          result: { status: 'INVALID_REQUEST', reason: `national-id-${req.nationalIdIssue ?? 'missing'}` },
        }
      }
      return {
        asks: 'HIS GET /api/people/findOne (person with interventions and riskmodel)',
        cid: req.nationalId,
        request: req,
      }
    },
  },
  'case-to-childshield': {
    schema: SCHEMA_NAMES.caseEvent,
    preview(record, { meta, translations }) {
      const upload = caseToChildShield.transform(record as CaseEvent, meta)
      if (!upload) return skipped('not eligible for Child-Shield (no national id, or outside the selection rule)')
      return {
        request: `upsert Child-Shield intervention of cid ${upload.cid}, key activities.primeroservice.${upload.day}`,
        snapshot: buildChildShieldSnapshot(upload.caseData, translations),
      }
    },
  },
  'cdc-normalizer': {
    preview(record, { config, meta }) {
      const event = cdcNormalizerStage(config).transform(record, meta)
      if (!event) {
        return skipped(
          'tombstone, delete/truncate/message, unsent data column, or (CDC_FILTER_NOOP) bookkeeping-only update',
        )
      }
      return { publishes: `${TOPICS.caseEvents} key ${event.recordId}`, value: event }
    },
  },
}
