import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Admin, Producer } from 'kafkajs'
import { startApp, type App } from '../../../src/app.js'
import { cdcNormalizerStage } from '../../../src/flows/cdc-normalizer.js'
import { createLogger } from '../../../src/logger.js'
import { DLQ_HEADERS } from '../../../src/pipeline/dlq.js'
import { testConfig, uniqueName, waitFor } from '../../support/env.js'
import { committedEqualsEnd, createTopic, readAll, testKafka } from '../../support/stage-harness.js'
import { caseData, caseRow, envelope, withSchemaWrapper } from '../../fixtures/cdc/debezium.js'
import { avroDebezium, caseEventsFor, produceChanges } from './debezium-producer.js'

let admin: Admin
let producer: Producer

beforeAll(async () => {
  admin = testKafka.admin()
  producer = testKafka.producer()
  await Promise.all([admin.connect(), producer.connect()])
})
afterAll(async () => {
  await Promise.all([admin.disconnect(), producer.disconnect()])
})

const json = (value: unknown) => Buffer.from(JSON.stringify(value))

async function startCdcApp(format: 'json' | 'avro') {
  const prefix = uniqueName('cdc')
  const topic = `${prefix}.public.cases`
  const config = testConfig({ CDC_TOPIC: topic, CDC_FORMAT: format })
  const stageName = uniqueName('cdc-normalizer')
  const stage = { ...cdcNormalizerStage(config), name: stageName }
  // One partition, so "committed = end" is exact (an empty partition has no committed offset).
  await createTopic(admin, topic, 1)
  const app = await startApp(config, createLogger(config.LOG_LEVEL), [{ kind: 'stage', stage: stage }], {
    extraTopics: [topic],
  })
  return { prefix, topic, config, stageName, app }
}

async function settle(app: App, stageName: string, topic: string) {
  await waitFor(() => committedEqualsEnd(admin, `primero-bridge.${stageName}`, topic), 'CDC topic consumed', 60_000)
  const metrics = await (await fetch(`${app.runtime.healthUrl}/metrics`)).text()
  const skipped = metrics
    .split('\n')
    .find((l) => l.startsWith('primero_bridge_records_processed_total{') && l.includes('outcome="skipped"'))
  return { skipped: skipped ? Number(skipped.split(' ').pop()) : 0 }
}

async function dlqReasons(topic: string): Promise<Record<string, string>> {
  const dlq = await readAll(admin, `${topic}.dlq`)
  return Object.fromEntries(
    dlq.map((r) => [(JSON.parse(r.key ?? '{}') as { id: string }).id, r.headers[DLQ_HEADERS.errorMessage] ?? '']),
  )
}

describe('cdc-normalizer against the real broker and registry', () => {
  it('normalises Debezium JSON (with and without the schema wrapper) and dead-letters malformed envelopes', async () => {
    const { topic, stageName, app } = await startCdcApp('json')
    try {
      const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()]
      const before = caseRow(b, caseData())
      const updated = caseRow(b, caseData({ status: 'closed', date_closure: '2024-06-05' }))
      const touched = caseRow(b, caseData({ status: 'closed', date_closure: '2024-06-05', last_updated_at: 'x' }))
      const update = withSchemaWrapper(envelope({ op: 'u', before, after: updated, lsn: 2000 }))
      await produceChanges(producer, topic, [
        { id: a, value: json(envelope({ op: 'c', after: caseRow(a, caseData()) })) },
        { id: c, value: json(withSchemaWrapper(envelope({ op: 'r', after: caseRow(c, caseData()), lsn: 10 }))) },
        { id: b, value: json(update) },
        { id: b, value: json(update) },
        { id: b, value: json(envelope({ op: 'u', before: updated, after: touched, lsn: 2100 })) },
        { id: a, value: json(envelope({ op: 'd', before: caseRow(a, caseData()) })) },
        { id: a, value: null },
        { id: 'bad-json', value: Buffer.from('not json {') },
        { id: 'bad-op', value: json({ ...envelope({ op: 'c', after: caseRow(a, caseData()) }), op: undefined }) },
        { id: 'bad-id', value: json(envelope({ op: 'c', after: { ...caseRow(a, caseData()), id: null } as never })) },
        { id: 'bad-data', value: json(envelope({ op: 'c', after: caseRow(a, '{"status": "op') })) },
      ])
      const { skipped } = await settle(app, stageName, topic)

      const events = await caseEventsFor(admin, app, [a, b, c])
      const byRecord = (id: string) => events.filter((e) => e.recordId === id)
      expect(byRecord(a).map((e) => [e.type, e.source, e.nationalId])).toEqual([['CREATED', 'CDC', '1100700123455']])
      expect(byRecord(c).map((e) => e.type)).toEqual(['UPDATED'])
      const bEvents = byRecord(b)
      expect(bEvents.map((e) => [e.type, e.status])).toEqual([
        ['UPDATED', 'closed'],
        ['UPDATED', 'closed'],
      ])
      expect(bEvents[0]!.eventId).toBe(bEvents[1]!.eventId)
      expect(skipped).toBe(3)

      expect(await dlqReasons(topic)).toEqual({
        'bad-json': expect.stringContaining('not valid JSON'),
        'bad-op': expect.stringContaining('CDC envelope has no op'),
        'bad-id': expect.stringContaining('after.id is missing'),
        'bad-data': expect.stringContaining('after.data is not valid JSON'),
      })
    } finally {
      await app.stop()
    }
  })

  it('normalises Debezium Avro written with its registered Envelope schema', async () => {
    const { prefix, topic, config, stageName, app } = await startCdcApp('avro')
    try {
      const debezium = await avroDebezium(config, topic, prefix)
      const [d, e, f] = [randomUUID(), randomUUID(), randomUUID()]
      const before = caseRow(e, caseData())
      const after = caseRow(e, caseData({ national_id_no: 5_500_200_987_611 }))
      await produceChanges(producer, topic, [
        { id: d, value: debezium.encode(envelope({ op: 'c', after: caseRow(d, caseData()), sourceTsMs: 1234 })) },
        { id: e, value: debezium.encode(envelope({ op: 'u', before, after })) },
        { id: e, value: debezium.encode(envelope({ op: 'u', before: after, after, lsn: 3000 })) },
        { id: f, value: debezium.encode(envelope({ op: 'r', after: caseRow(f, caseData()) })) },
        { id: d, value: debezium.encode(envelope({ op: 'd', before: caseRow(d, caseData()) })) },
        { id: d, value: null },
        { id: 'bad-id', value: debezium.encode(envelope({ op: 'c', after: caseRow('', caseData()) })) },
        { id: 'bad-data', value: debezium.encode(envelope({ op: 'u', after: caseRow(d, 'nope') })) },
        { id: 'not-avro', value: json(envelope({ op: 'c', after: caseRow(d, caseData()) })) },
      ])
      const { skipped } = await settle(app, stageName, topic)

      const events = await caseEventsFor(admin, app, [d, e, f])
      const summary = events.map((x) => [x.recordId, x.type, x.nationalId, x.occurredAt])
      expect(summary).toHaveLength(3)
      expect(summary).toEqual(
        expect.arrayContaining([
          [d, 'CREATED', '1100700123455', 1234],
          [e, 'UPDATED', '5500200987611', 1_717_400_000_000],
          [f, 'UPDATED', '1100700123455', 1_717_400_000_000],
        ]),
      )
      expect(JSON.parse(events.find((x) => x.recordId === f)!.caseData)).toEqual(caseData())
      expect(skipped).toBe(3)

      expect(await dlqReasons(topic)).toEqual({
        'bad-id': expect.stringContaining('after.id is missing'),
        'bad-data': expect.stringContaining('after.data is not valid JSON'),
        'not-avro': expect.stringContaining('magic byte'),
      })
    } finally {
      await app.stop()
    }
  })
})
