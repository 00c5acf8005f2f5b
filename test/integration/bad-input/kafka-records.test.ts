import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry'
import type { Producer } from 'kafkajs'
import { createCodec, type Codec } from '../../../src/avro/codec.js'
import { SCHEMA_NAMES, loadSchemas } from '../../../src/avro/schemas.js'
import type { CaseEvent } from '../../../src/domain/records.js'
import { dlqTopic, TOPICS } from '../../../src/kafka/topics.js'
import { toHisLookupResult } from '../../../src/mapping/his-person-to-lookup-result.js'
import { DLQ_HEADERS } from '../../../src/pipeline/dlq.js'
import type { SyntheticChild } from '../../../src/synthetic/children.js'
import { testConfig, uniqueName, waitFor } from '../../support/env.js'
import { HOSTILE_TEXT } from '../../support/hostile-text.js'
import { metricSum, readyStatus, startWorld, type World } from '../reliability/world.js'
import { PHASE1, kafka, knownChildren, patchesOf, recordsFor, syncStatusReached, touchedCases } from './support.js'

// Poison records on the real Phase 1 input topics, keyed by a real case: each is dead-lettered with its reason and
// its bytes unchanged, the case is not written, and the good record for the same case behind them is delivered.

let world: World
let producer: Producer
let codec: Codec
const ids = { caseEvent: 0, result: 0 }

beforeAll(async () => {
  world = await startWorld(0, PHASE1, { children: knownChildren(4) })
  producer = kafka.producer()
  await producer.connect()
  codec = createCodec(loadSchemas(), { url: testConfig().SCHEMA_REGISTRY_URL })
  ids.caseEvent = await codec.register(TOPICS.caseEvents, SCHEMA_NAMES.caseEvent)
  ids.result = await codec.register(TOPICS.hisLookupResults, SCHEMA_NAMES.hisLookupResult)
  await waitFor(async () => (await readyStatus(world.app)) === 200, 'app ready')
}, 120_000)
afterAll(async () => {
  await producer.disconnect()
  await world.close()
})

const wire = (schemaId: number, body: Buffer) => {
  const header = Buffer.alloc(5)
  header.writeInt32BE(schemaId, 1)
  return Buffer.concat([header, body])
}

function syncRequested(child: SyntheticChild): CaseEvent {
  return {
    eventId: randomUUID(),
    type: 'SYNC_REQUESTED',
    source: 'WEBHOOK',
    occurredAt: Date.now(),
    recordId: child.primeroCase.id,
    caseId: null,
    caseIdDisplay: null,
    nationalId: child.nationalId,
    nationalIdIssue: null,
    status: 'open',
    lastUpdatedAt: null,
    requestedBy: 'cw_bad_input',
    caseData: '{}',
  }
}

function found(child: SyntheticChild, firstName: string) {
  return toHisLookupResult(
    { cid: child.nationalId, fname: firstName },
    {
      requestId: randomUUID(),
      recordId: child.primeroCase.id,
      nationalId: child.nationalId,
      requestedBy: 'cw_bad_input',
      fetchedAt: Date.now(),
    },
  )
}

/** A schema named like ours but that our HisLookupResult cannot read (a required field it lacks). */
async function foreignSchemaId(): Promise<number> {
  const registry = new SchemaRegistry({ host: testConfig().SCHEMA_REGISTRY_URL })
  const schema = {
    type: 'record',
    name: 'HisLookupResult',
    namespace: 'org.primerobridge',
    fields: [{ name: 'recordId', type: 'long' }],
  }
  return (await registry.register(schema as never, { subject: `${uniqueName('bad-input-foreign')}-value` })).id
}

/** Zig-zag varint of a non-negative count. */
function varint(n: number): Buffer {
  const out: number[] = []
  for (let z = n * 2; ; z = Math.floor(z / 128)) {
    if (z < 128) return Buffer.from([...out, z])
    out.push((z % 128) | 0x80)
  }
}

const truncated = (schemaId: number) =>
  expect.stringMatching(
    new RegExp(
      `^Avro body does not match schema id ${schemaId}: (truncated|a length of \\d+ at byte \\d+ of \\d+) \\(corrupt\\)$`,
    ),
  )

/** `expected` per DLQ record: the error class, the reason in the message, and the original bytes unchanged. */
function expectDeadLettered(
  dlq: Awaited<ReturnType<typeof recordsFor>>,
  sent: { value: Buffer; message: unknown }[],
  stage: string,
  topic: string,
) {
  expect(dlq.map((r) => r.headers[DLQ_HEADERS.errorMessage])).toEqual(sent.map((s) => s.message))
  dlq.forEach((record, i) => {
    expect(record.value).toEqual(sent[i]!.value)
    expect(record.headers).toMatchObject({
      [DLQ_HEADERS.topic]: topic,
      [DLQ_HEADERS.stage]: stage,
      [DLQ_HEADERS.errorClass]: 'DecodeError',
      [DLQ_HEADERS.errorCode]: 'BRIDGE_DECODE',
      [DLQ_HEADERS.attempts]: '1',
    })
    expect(record.headers[DLQ_HEADERS.offset]).toMatch(/^\d+$/)
    expect(record.headers[DLQ_HEADERS.partition]).toMatch(/^\d+$/)
  })
}

describe('poison records on the Phase 1 topics', () => {
  it('his-to-primero dead-letters garbage, truncated, unknown, foreign and forged Avro, then delivers the good one', async () => {
    const [child, ...others] = world.children as [SyntheticChild, ...SyntheticChild[]]
    const key = child.primeroCase.id
    const bad = found(child, 'must never reach Primero')
    const valid = codec.encode(TOPICS.hisLookupResults, bad)
    const visitsAt = codec.encode(TOPICS.hisLookupResults, { ...bad, person: null, riskModel: null, fetchedAt: 0 })
    const foreign = await foreignSchemaId()
    const sent = [
      { value: Buffer.from('not avro at all'), message: 'wrong magic byte 110 (expected 0) (not-avro)' },
      { value: Buffer.from([0, 0, 0]), message: 'record value is empty or shorter than the wire header (not-avro)' },
      { value: valid.subarray(0, valid.length - 20), message: truncated(ids.result) },
      {
        value: Buffer.concat([valid, Buffer.from('tail')]),
        message: `Avro body does not match schema id ${ids.result} (corrupt)`,
      },
      {
        value: wire(0x7ffffff0, valid.subarray(5)),
        message: `schema id 2147483632 is not in the registry (unknown-schema)`,
      },
      {
        value: codec.encode(TOPICS.caseEvents, syncRequested(child)),
        message: `schema id ${ids.caseEvent} is org.primerobridge.CaseEvent, expected org.primerobridge.HisLookupResult (unexpected-schema)`,
      },
      {
        value: wire(foreign, Buffer.from([0x02])),
        message: `schema id ${foreign} cannot be read as org.primerobridge.HisLookupResult (unexpected-schema)`,
      },
      {
        // a record of about 100 bytes claiming 2^31 visits: avsc alone would allocate until the process died, on
        // every restart
        value: Buffer.concat([visitsAt.subarray(0, visitsAt.length - 3), varint(2 ** 31)]),
        message: `Avro body does not match schema id ${ids.result}: a block of 2147483648 items in 0 bytes (corrupt)`,
      },
    ]
    await producer.send({ topic: TOPICS.hisLookupResults, messages: sent.map(({ value }) => ({ key, value })) })
    const good = found(child, HOSTILE_TEXT.sql)
    await producer.send({
      topic: TOPICS.hisLookupResults,
      messages: [{ key, value: codec.encode(TOPICS.hisLookupResults, good) }],
    })

    await syncStatusReached(world, key, 'synced')
    const patches = patchesOf(world, key)
    expect(patches).toHaveLength(1)
    expect(patches[0]).toMatchObject({ name_first: HOSTILE_TEXT.sql, mark_synced_status: 'synced' })
    expect(world.primero.state.cases.get(key)?.name_first).toBe(HOSTILE_TEXT.sql)
    const dlq = await waitFor(async () => {
      const records = await recordsFor(dlqTopic(TOPICS.hisLookupResults), key)
      return records.length >= sent.length ? records : undefined
    }, 'every poison record dead-lettered')
    expectDeadLettered(dlq, sent, 'his-to-primero', TOPICS.hisLookupResults)
    expect(touchedCases(world, others)).toEqual([])
    expect(
      await metricSum(world.app, 'primero_bridge_schema_decode_errors_total', 'stage="his-to-primero"'),
    ).toBeGreaterThanOrEqual(sent.length)
    expect(await metricSum(world.app, 'primero_bridge_consumer_crashes_total')).toBe(0)
  })

  it('his-lookup dead-letters garbage, truncated and foreign records, then looks up the good one', async () => {
    const child = world.children[1]!
    const others = world.children.filter((c) => c !== child && c !== world.children[0])
    const key = child.primeroCase.id
    const event = codec.encode(TOPICS.caseEvents, syncRequested(child))
    const sent = [
      { value: Buffer.from('{"data":{"record_id":"x"}}'), message: 'wrong magic byte 123 (expected 0) (not-avro)' },
      { value: event.subarray(0, 40), message: truncated(ids.caseEvent) },
      {
        value: codec.encode(TOPICS.hisLookupResults, found(child, 'must never reach Primero')),
        message: `schema id ${ids.result} is org.primerobridge.HisLookupResult, expected org.primerobridge.CaseEvent (unexpected-schema)`,
      },
    ]
    const before = world.moph.requests.length
    await producer.send({ topic: TOPICS.caseEvents, messages: sent.map(({ value }) => ({ key, value })) })
    await producer.send({ topic: TOPICS.caseEvents, messages: [{ key, value: event }] })

    await syncStatusReached(world, key, 'synced')
    expect(patchesOf(world, key)).toHaveLength(1)
    expect(world.primero.state.cases.get(key)?.name_first).toBe(child.hisPerson?.fname)
    const lookups = world.moph.requests.slice(before).filter((r) => r.path === '/api/people/findOne')
    expect(lookups).toHaveLength(1)
    const dlq = await waitFor(async () => {
      const records = await recordsFor(dlqTopic(TOPICS.caseEvents), key)
      return records.length >= sent.length ? records : undefined
    }, 'every poison record dead-lettered')
    expectDeadLettered(dlq, sent, 'his-lookup', TOPICS.caseEvents)
    expect(touchedCases(world, others)).toEqual([])
    expect(await metricSum(world.app, 'primero_bridge_consumer_crashes_total')).toBe(0)
  })
})
