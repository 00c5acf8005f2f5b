import { SCHEMA_NAMES, loadSchemas } from '../../src/avro/schemas.js'
import type { CaseEvent, HisLookupResult, RiskScore } from '../../src/domain/records.js'
import { toHisLookupResult } from '../../src/mapping/his-person-to-lookup-result.js'
import { riskModelToScore } from '../../src/mapping/risk-model-to-score.js'
import { generateChildren } from '../../src/synthetic/children.js'
import type { BenchContext } from '../lib/context.js'
import type { Row } from '../lib/report.js'
import { median } from '../lib/stats.js'

/** Scenario 6: avsc vs JSON.stringify/parse on the real record types (a figure, no bar). */
export function avroJsonScenario(ctx: BenchContext): Row[] {
  const samples = buildSamples()
  const schemas = loadSchemas()
  const ms = ctx.quick ? 300 : 1_000
  const rows: Row[] = []
  for (const [label, schema, values] of samples) {
    const type = schemas.type(schema)
    const avroBytes = values.map((v) => type.toBuffer(v))
    const jsonText = values.map((v) => JSON.stringify(v))
    const roundTrips = avroBytes.every((b, i) => JSON.stringify(type.fromBuffer(b)) === jsonText[i])
    const avroEnc = median(repeat(ctx.repeats, () => opsPerSecond(ms, values, (v) => type.toBuffer(v))))
    const jsonEnc = median(repeat(ctx.repeats, () => opsPerSecond(ms, values, (v) => Buffer.from(JSON.stringify(v)))))
    const avroDec = median(repeat(ctx.repeats, () => opsPerSecond(ms, avroBytes, (b) => type.fromBuffer(b))))
    const jsonBuf = jsonText.map((t) => Buffer.from(t))
    const jsonDec = median(repeat(ctx.repeats, () => opsPerSecond(ms, jsonBuf, (b) => JSON.parse(b.toString('utf8')))))
    const avroSize = median(avroBytes.map((b) => b.length))
    const jsonSize = median(jsonBuf.map((b) => b.length))
    const row = (measure: string, unit: string, value: number, baseline: number): Row => ({
      scenario: `6 Avro vs JSON`,
      measure: `${label} ${measure}`,
      unit,
      value,
      baseline,
      ratio: value / baseline,
      pass: null,
      verified: roundTrips,
    })
    rows.push(
      row('encode (Avro vs JSON)', 'ops/s', avroEnc, jsonEnc),
      row('decode (Avro vs JSON)', 'ops/s', avroDec, jsonDec),
      row('size, median', 'bytes', avroSize, jsonSize),
    )
  }
  return rows
}

function buildSamples(): [string, string, unknown[]][] {
  const children = [...generateChildren(200, 7)]
  const now = Date.UTC(2025, 0, 1)
  const withHis = children.filter((c) => c.hisPerson !== null)
  const lookups: HisLookupResult[] = withHis.map((c, i) =>
    toHisLookupResult(
      { ...c.hisPerson, interventions: c.visits, riskmodel: c.riskmodel ?? undefined },
      {
        requestId: `req-${i}`,
        recordId: c.primeroCase.id,
        nationalId: c.nationalId,
        requestedBy: 'bench',
        fetchedAt: now,
      },
    ),
  )
  const events: CaseEvent[] = children.map((c, i) => ({
    eventId: `evt-${i}`,
    type: 'SYNC_REQUESTED',
    source: 'WEBHOOK',
    occurredAt: now,
    recordId: c.primeroCase.id,
    caseId: null,
    caseIdDisplay: null,
    nationalId: c.nationalId,
    nationalIdIssue: null,
    status: 'open',
    lastUpdatedAt: now,
    requestedBy: 'bench',
    caseData: JSON.stringify(c.primeroCase),
  }))
  const scores = children.flatMap((c) => (c.riskmodel ? [riskModelToScore(c.riskmodel)] : []))
  return [
    ['CaseEvent', SCHEMA_NAMES.caseEvent, events],
    ['HisLookupResult', SCHEMA_NAMES.hisLookupResult, lookups],
    ['RiskScore', SCHEMA_NAMES.riskScore, scores.filter((s): s is RiskScore => s !== null)],
  ]
}

function repeat<T>(times: number, f: () => T): T[] {
  return Array.from({ length: Math.max(1, times) }, f)
}

function opsPerSecond<T>(ms: number, inputs: readonly T[], op: (v: T) => unknown): number {
  let n = 0
  const start = performance.now()
  let elapsed = 0
  while (elapsed < ms) {
    for (const v of inputs) op(v)
    n += inputs.length
    elapsed = performance.now() - start
  }
  return n / (elapsed / 1000)
}
