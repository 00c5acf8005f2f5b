import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { randomUUID } from 'node:crypto'
import { Kafka, logLevel, type Admin, type Producer } from 'kafkajs'
import { createCodec, type Codec } from '../../../src/avro/codec.js'
import { SCHEMA_NAMES, loadSchemas } from '../../../src/avro/schemas.js'
import { DecodeError } from '../../../src/errors.js'
import { kafkaPort, registryPort, uniqueName, waitFor } from '../../support/env.js'

const brokers = [`127.0.0.1:${kafkaPort}`]
const kafka = new Kafka({ clientId: 'test', brokers, logLevel: logLevel.NOTHING })
const schemas = loadSchemas()
let admin: Admin
let producer: Producer
let codec: Codec

function caseEvent(i: number) {
  return {
    eventId: randomUUID(),
    type: 'SYNC_REQUESTED',
    source: 'WEBHOOK',
    occurredAt: 1_717_400_000_000 + i,
    recordId: `rec-${i % 7}`,
    caseId: null,
    caseIdDisplay: `c${i}`,
    nationalId: null,
    nationalIdIssue: 'missing',
    status: 'open',
    lastUpdatedAt: null,
    requestedBy: 'cw_test',
    caseData: '{}',
  }
}

beforeAll(async () => {
  admin = kafka.admin()
  producer = kafka.producer()
  await Promise.all([admin.connect(), producer.connect()])
  codec = createCodec(schemas, { url: `http://127.0.0.1:${registryPort}/apis/ccompat/v7` })
})

afterAll(async () => {
  await Promise.all([admin.disconnect(), producer.disconnect()])
})

describe('Avro over the real broker and registry', () => {
  it('registers, produces, consumes in a group, decodes, and commits offsets', async () => {
    const topic = uniqueName('t-roundtrip')
    const groupId = uniqueName('g')
    await admin.createTopics({ topics: [{ topic, numPartitions: 3 }], waitForLeaders: true })
    const id = await codec.register(topic, SCHEMA_NAMES.caseEvent)
    expect(id).toBeGreaterThan(0)
    expect(await codec.register(topic, SCHEMA_NAMES.caseEvent)).toBe(id)

    const sent = Array.from({ length: 30 }, (_, i) => caseEvent(i))
    await producer.send({ topic, messages: sent.map((e) => ({ key: e.recordId, value: codec.encode(topic, e) })) })

    const received: { eventId: string }[] = []
    const consumer = kafka.consumer({ groupId })
    await consumer.connect()
    await consumer.subscribe({ topic, fromBeginning: true })
    await consumer.run({
      eachMessage: async ({ message }) => {
        received.push(await codec.decode(message.value, SCHEMA_NAMES.caseEvent))
      },
    })
    await waitFor(() => received.length === sent.length, 'all records consumed')
    await consumer.disconnect()

    expect(new Set(received.map((r) => r.eventId))).toEqual(new Set(sent.map((e) => e.eventId)))
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] })
    const ends = await admin.fetchTopicOffsets(topic)
    for (const p of ends) {
      expect(committed?.partitions.find((c) => c.partition === p.partition)?.offset).toBe(p.high)
    }
  })

  it('gives typed decode errors for a wrong magic byte, an unknown schema id and another schema', async () => {
    await expect(codec.decode(Buffer.from([1, 0, 0, 0, 1, 2]), SCHEMA_NAMES.caseEvent)).rejects.toMatchObject({
      reason: 'not-avro',
    })
    const unknownId = Buffer.from([0, 0x7f, 0xff, 0xff, 0x00, 0x02])
    const err = await codec.decode(unknownId, SCHEMA_NAMES.caseEvent).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(DecodeError)
    expect(err).toMatchObject({ reason: 'unknown-schema', retryable: false })

    const other = uniqueName('t-cursor')
    await codec.register(other, SCHEMA_NAMES.cursor)
    const cursorBytes = codec.encode(other, { source: 's', value: 'v', takenAt: 1, recordsPublished: 0 })
    await expect(codec.decode(cursorBytes, SCHEMA_NAMES.caseEvent)).rejects.toMatchObject({
      reason: 'unexpected-schema',
    })

    const topic = uniqueName('t-trunc')
    await codec.register(topic, SCHEMA_NAMES.caseEvent)
    const good = codec.encode(topic, caseEvent(1))
    await expect(codec.decode(good.subarray(0, good.length - 10), SCHEMA_NAMES.caseEvent)).rejects.toMatchObject({
      reason: 'corrupt',
    })
  })
})
