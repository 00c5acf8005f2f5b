import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from '@jest/globals'
import avro from 'avsc'
import { cdcChangeToCaseEvent } from '../../../src/cdc/to-case-event.js'
import { UNAVAILABLE_PLACEHOLDER } from '../../../src/cdc/case-row.js'
import { TransformError } from '../../../src/errors.js'
import type { RecordMeta } from '../../../src/pipeline/stage.js'
import { caseData, caseRow, debeziumEnvelopeSchema, envelope, withSchemaWrapper } from '../../fixtures/cdc/debezium.js'

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'cdc')
const RECORD_ID = '9a4f2c1e-0b7d-4e3a-8c5f-1d2e3f4a5b6c'
const meta: RecordMeta = {
  topic: 'primero.public.cases',
  partition: 0,
  offset: '42',
  key: null,
  timestamp: 1_717_400_999_000,
  now: 1_717_401_000_000,
}
const options = { table: 'cases', filterNoop: true }
const normalise = (value: unknown, opts = options) => cdcChangeToCaseEvent(value, meta, opts)

describe('cdcChangeToCaseEvent: ops', () => {
  it('maps an insert (op c) to a CREATED CaseEvent with the case fields from after.data', () => {
    const data = caseData()
    const event = normalise(envelope({ op: 'c', after: caseRow(RECORD_ID, data), sourceTsMs: 1_717_400_000_500 }))
    expect(event).toEqual({
      eventId: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
      type: 'CREATED',
      source: 'CDC',
      occurredAt: 1_717_400_000_500,
      recordId: RECORD_ID,
      caseId: 'c0ffee00-0000-4000-8000-00000000c0de',
      caseIdDisplay: 'ab12cd3',
      nationalId: '1100700123455',
      nationalIdIssue: null,
      status: 'open',
      lastUpdatedAt: Date.parse('2024-06-03T08:55:01.010Z'),
      requestedBy: 'caseworker.one',
      caseData: JSON.stringify(data),
    })
  })

  it('maps an update (op u) and a snapshot read (op r) to UPDATED', () => {
    const after = caseRow(RECORD_ID, caseData({ status: 'closed' }))
    expect(normalise(envelope({ op: 'u', after }))?.type).toBe('UPDATED')
    expect(normalise(envelope({ op: 'u', after }))?.status).toBe('closed')
    expect(normalise(envelope({ op: 'r', after }))?.type).toBe('UPDATED')
  })

  it('skips deletes, tombstones, truncates and logical-decoding messages', () => {
    expect(normalise(envelope({ op: 'd', before: caseRow(RECORD_ID, caseData()) }))).toBeNull()
    expect(normalise(null)).toBeNull()
    expect(normalise({ ...envelope({ op: 'c' }), op: 't' })).toBeNull()
    expect(normalise({ ...envelope({ op: 'c' }), op: 'm' })).toBeNull()
    expect(normalise({ schema: { type: 'struct' }, payload: null })).toBeNull()
  })

  it('reports a missing national id and falls back to the envelope ts_ms for occurredAt', () => {
    const raw = envelope({ op: 'c', after: caseRow(RECORD_ID, caseData({ national_id_no: '' })) })
    const event = normalise({ ...raw, source: { ...raw.source, ts_ms: undefined } })
    expect(event?.nationalId).toBeNull()
    expect(event?.nationalIdIssue).toBe('missing')
    expect(event?.occurredAt).toBe(raw.ts_ms)
  })
})

describe('cdcChangeToCaseEvent: event id', () => {
  it('is the same for a re-delivered change and differs for another LSN, record or op', () => {
    const after = caseRow(RECORD_ID, caseData())
    const id = (e: unknown) => normalise(e)?.eventId
    const first = id(envelope({ op: 'u', after, lsn: 1000 }))
    expect(id(envelope({ op: 'u', after, lsn: 1000 }))).toBe(first)
    expect(id(envelope({ op: 'u', after, lsn: 1001 }))).not.toBe(first)
    expect(id(envelope({ op: 'u', after: caseRow('other-id', caseData()), lsn: 1000 }))).not.toBe(first)
    expect(id(envelope({ op: 'r', after, lsn: 1000 }))).not.toBe(first)
  })

  it('falls back to the source timestamp when there is no LSN', () => {
    const after = caseRow(RECORD_ID, caseData())
    const id = (ts: number) => normalise(envelope({ op: 'u', after, lsn: null, sourceTsMs: ts }))?.eventId
    expect(id(5)).toBe(id(5))
    expect(id(5)).not.toBe(id(6))
  })
})

describe('cdcChangeToCaseEvent: encodings', () => {
  it('reads the JSON converter output with the schema wrapper (schemas.enable=true)', () => {
    const fixture = JSON.parse(readFileSync(join(FIXTURES, 'update-with-schema.json'), 'utf8')) as unknown
    const event = normalise(fixture)
    expect(event).toMatchObject({
      type: 'UPDATED',
      recordId: '5b0c3f3e-6f1e-4b7a-9d0e-0a1b2c3d4e5f',
      nationalId: '3100500678905',
      occurredAt: 1_717_405_964_120,
      lastUpdatedAt: Date.parse('2024-06-03T09:12:44.120Z'),
      requestedBy: 'caseworker.two',
    })
    expect(JSON.parse(event!.caseData)).toMatchObject({ assessment_requested_on: '2024-06-03' })
  })

  it('gives the same event for the same change with and without the wrapper', () => {
    const raw = envelope({ op: 'u', after: caseRow(RECORD_ID, caseData()) })
    expect(normalise(withSchemaWrapper(raw))).toEqual(normalise(raw))
  })

  it.each([
    ['unwrapped unions (avsc default)', {}],
    ['wrapped unions', { wrapUnions: true }],
  ])('reads an Avro-decoded Debezium Envelope with %s', (_label, typeOptions) => {
    const type = avro.Type.forSchema(debeziumEnvelopeSchema('primero') as avro.Schema, typeOptions)
    const plain = envelope({ op: 'u', after: caseRow(RECORD_ID, caseData()) })
    const written = 'wrapUnions' in typeOptions ? wrapForAvro(plain) : plain
    const decoded: unknown = type.fromBuffer(type.toBuffer(written))
    expect(normalise(decoded)).toEqual(normalise(plain))
    expect(normalise(decoded)?.nationalId).toBe('1100700123455')
  })
})

/** The same envelope with every union value wrapped as avsc's wrapUnions writer expects. */
function wrapForAvro(e: ReturnType<typeof envelope>) {
  const value = 'primero.public.cases.Value'
  const row = (r: typeof e.after) =>
    r === null
      ? null
      : {
          [value]: {
            id: r.id,
            data: r.data === null ? null : { string: r.data },
            created_at: r.created_at === null ? null : { long: r.created_at },
            updated_at: r.updated_at === null ? null : { long: r.updated_at },
          },
        }
  const s = e.source
  const long = (n: number | null) => (n === null ? null : { long: n })
  return {
    before: row(e.before),
    after: row(e.after),
    source: {
      ...s,
      snapshot: { string: s.snapshot },
      sequence: s.sequence === null ? null : { string: s.sequence },
      txId: long(s.txId),
      lsn: long(s.lsn),
      xmin: null,
    },
    op: e.op,
    ts_ms: long(e.ts_ms),
  }
}

describe('cdcChangeToCaseEvent: no-op filter', () => {
  const before = caseRow(RECORD_ID, caseData())

  it('skips an update that only moved bookkeeping fields', () => {
    const after = caseRow(
      RECORD_ID,
      caseData({ last_updated_at: '2024-06-04T00:00:00.000Z', last_updated_by: 'bridge', sync_status: 'synced' }),
    )
    expect(normalise(envelope({ op: 'u', before, after }))).toBeNull()
  })

  it('publishes it when CDC_FILTER_NOOP is off, and publishes real changes and record_state changes', () => {
    const touched = caseRow(RECORD_ID, caseData({ last_updated_at: '2024-06-04T00:00:00.000Z' }))
    expect(normalise(envelope({ op: 'u', before, after: touched }), { ...options, filterNoop: false })).not.toBeNull()
    const changed = caseRow(RECORD_ID, caseData({ status: 'closed' }))
    expect(normalise(envelope({ op: 'u', before, after: changed }))).not.toBeNull()
    const disabled = caseRow(RECORD_ID, caseData({ record_state: false }))
    expect(normalise(envelope({ op: 'u', before, after: disabled }))).not.toBeNull()
  })

  it('publishes when before is absent (REPLICA IDENTITY DEFAULT), its data was not sent or is unreadable', () => {
    const after = caseRow(RECORD_ID, caseData())
    expect(normalise(envelope({ op: 'u', after }))).not.toBeNull()
    const toasted = caseRow(RECORD_ID, UNAVAILABLE_PLACEHOLDER)
    expect(normalise(envelope({ op: 'u', before: toasted, after }))).not.toBeNull()
    const unreadable = caseRow(RECORD_ID, null)
    expect(normalise(envelope({ op: 'u', before: unreadable, after }))).not.toBeNull()
  })

  it('skips an update whose data column was not sent (unchanged TOAST value), filter on or off', () => {
    const after = caseRow(RECORD_ID, UNAVAILABLE_PLACEHOLDER)
    expect(normalise(envelope({ op: 'u', after }))).toBeNull()
    expect(normalise(envelope({ op: 'u', after }), { ...options, filterNoop: false })).toBeNull()
  })

  it('does not filter snapshot reads even when before equals after', () => {
    expect(normalise(envelope({ op: 'r', before, after: before }))).not.toBeNull()
  })
})

describe('cdcChangeToCaseEvent: malformed envelopes', () => {
  const good = envelope({ op: 'u', after: caseRow(RECORD_ID, caseData()) })
  it.each([
    ['a JSON string', 'hello', /not an object \(got string\)/],
    ['an array', [1, 2], /not an object \(got array\)/],
    ['a wrapper whose payload is a number', { schema: {}, payload: 3 }, /payload is not an object/],
    ['no op', { ...good, op: undefined }, /has no op/],
    ['an unknown op', { ...good, op: 'x' }, /unknown op "x"/],
    ['an update without after', { ...good, after: null }, /op "u" has no after/],
    ['after that is not a row', { ...good, after: 'row' }, /after is not a row/],
    ['no after.id', { ...good, after: { ...good.after, id: undefined } }, /after\.id is missing/],
    ['after.data not JSON', { ...good, after: caseRow(RECORD_ID, '{"status": ') }, /after\.data is not valid JSON/],
    ['after.data a JSON array', { ...good, after: caseRow(RECORD_ID, '[1]') }, /after\.data is not a JSON object/],
    ['after.data null', { ...good, after: caseRow(RECORD_ID, null) }, /after\.data is missing/],
    ['another table', envelope({ op: 'c', after: good.after, table: 'incidents' }), /table "incidents"/],
  ])('rejects %s with a TransformError naming the reason', (_label, value, reason) => {
    expect(() => normalise(value)).toThrow(TransformError)
    expect(() => normalise(value)).toThrow(reason)
  })

  it('never puts case data into the reason', () => {
    const secret = '{"national_id_no": "1100700123455", '
    expect(() => normalise({ ...good, after: caseRow(RECORD_ID, secret) })).toThrow(/^after\.data is not valid JSON$/)
  })

  it('accepts a qualified table name in CDC_TABLE', () => {
    expect(normalise(good, { table: 'public.cases', filterNoop: true })).not.toBeNull()
    expect(() => normalise(good, { table: 'other.cases', filterNoop: true })).toThrow(TransformError)
  })
})
