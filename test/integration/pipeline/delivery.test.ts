import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Admin, Producer } from 'kafkajs'
import { DLQ_HEADERS } from '../../../src/pipeline/dlq.js'
import { uniqueName, waitFor } from '../../support/env.js'
import { keyOrderViolations, startHttpTarget } from '../../support/http-target.js'
import {
  caseEvent,
  committedEqualsEnd,
  createTopic,
  httpTestClients,
  produceEvents,
  readAll,
  sinkStage,
  startTestApp,
  testKafka,
} from '../../support/stage-harness.js'

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

function metricValue(text: string, name: string, labels: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`) && labels.split(',').every((p) => l.includes(p)))
  return line ? Number(line.split(' ').pop()) : 0
}

describe('stage runner against the real broker', () => {
  it('delivers 1,000 records over 3 partitions and 200 keys in per-key order and commits to the log end', async () => {
    const topic = uniqueName('t-deliver')
    const stageName = uniqueName('deliver')
    await createTopic(admin, topic)
    const target = await startHttpTarget(async () => {
      await new Promise((r) => setTimeout(r, Math.random() * 20))
      return { status: 200 }
    })
    const app = await startTestApp(sinkStage(stageName, topic) as never, httpTestClients(target.url))
    try {
      const events = Array.from({ length: 1000 }, (_, i) => caseEvent(`case-${i % 200}`, Math.floor(i / 200)))
      await produceEvents(producer, app, topic, events)
      await waitFor(
        () => new Set(target.accepted.map((r) => `${r.key}#${r.seq}`)).size === 1000,
        'all delivered',
        60_000,
      )
      expect(keyOrderViolations(target.accepted)).toEqual([])
      await waitFor(
        () => committedEqualsEnd(admin, `primero-bridge.${stageName}`, topic),
        'offsets committed to the end',
      )

      const metrics = await (await fetch(`${app.runtime.healthUrl}/metrics`)).text()
      expect(
        metricValue(metrics, 'primero_bridge_records_processed_total', `stage="${stageName}",outcome="delivered"`),
      ).toBeGreaterThanOrEqual(1000)
      expect(
        metricValue(metrics, 'primero_bridge_records_consumed_total', `stage="${stageName}"`),
      ).toBeGreaterThanOrEqual(1000)
      expect(
        metricValue(metrics, 'primero_bridge_audit_events_total', `stage="${stageName}",outcome="success"`),
      ).toBeGreaterThanOrEqual(1000)
      expect(metrics).toContain('primero_bridge_http_client_request_duration_seconds_bucket')
      expect(metrics).toContain('primero_bridge_consumer_lag{')
      expect(metrics).toContain('nodejs_eventloop_lag_seconds')
      expect((await readAll(admin, `${topic}.dlq`)).length).toBe(0)
    } finally {
      await app.stop()
      await target.close()
    }
  })

  it('dead-letters 400/422 answers and poison bytes with context headers and keeps the partition moving', async () => {
    const topic = uniqueName('t-poison')
    const stageName = uniqueName('poison')
    await createTopic(admin, topic, 1)
    const target = await startHttpTarget((body) => ({
      status: body.key === 'bad-400' ? 400 : body.key === 'bad-422' ? 422 : 200,
    }))
    const app = await startTestApp(sinkStage(stageName, topic) as never, httpTestClients(target.url))
    try {
      await produceEvents(producer, app, topic, [caseEvent('good-1', 1)])
      await producer.send({
        topic,
        messages: [
          { key: 'garbage', value: Buffer.from('not avro at all') },
          { key: 'magic', value: Buffer.from([7, 0, 0, 0, 1, 2, 3]) },
          { key: 'unknown-id', value: Buffer.from([0, 0x7f, 0xff, 0xff, 0xf0, 2, 3]) },
        ],
      })
      await produceEvents(producer, app, topic, [
        caseEvent('bad-400', 1),
        caseEvent('bad-422', 1),
        caseEvent('good-2', 2),
        caseEvent('skip-me', 3, 'skip'),
      ])
      await waitFor(() => target.accepted.some((r) => r.key === 'good-2'), 'good record after poison delivered')
      await waitFor(() => committedEqualsEnd(admin, `primero-bridge.${stageName}`, topic), 'committed past poison')
      const dlq = await readAll(admin, `${topic}.dlq`)
      expect(dlq.map((r) => r.key).sort()).toEqual(['bad-400', 'bad-422', 'garbage', 'magic', 'unknown-id'])
      const bad422 = dlq.find((r) => r.key === 'bad-422')!
      expect(bad422.headers[DLQ_HEADERS.topic]).toBe(topic)
      expect(bad422.headers[DLQ_HEADERS.partition]).toBe('0')
      expect(bad422.headers[DLQ_HEADERS.stage]).toBe(stageName)
      expect(bad422.headers[DLQ_HEADERS.errorClass]).toBe('DeliveryError')
      expect(bad422.headers[DLQ_HEADERS.httpStatus]).toBe('422')
      expect(bad422.headers[DLQ_HEADERS.attempts]).toBe('1')
      expect(bad422.headers[DLQ_HEADERS.offset]).toMatch(/^\d+$/)
      expect(bad422.headers[DLQ_HEADERS.firstFailure]).toMatch(/^\d{4}-\d\d-\d\dT/)
      expect(dlq.find((r) => r.key === 'garbage')!.headers[DLQ_HEADERS.errorMessage]).toContain('not-avro')
      expect(dlq.find((r) => r.key === 'unknown-id')!.headers[DLQ_HEADERS.errorMessage]).toContain('unknown-schema')
      expect(dlq.find((r) => r.key === 'garbage')!.value?.toString()).toBe('not avro at all')
      expect(target.accepted.map((r) => r.key)).toEqual(['good-1', 'good-2'])
    } finally {
      await app.stop()
      await target.close()
    }
  })

  it('honours 429 Retry-After and retries without dead-lettering', async () => {
    const topic = uniqueName('t-429')
    const stageName = uniqueName('r429')
    await createTopic(admin, topic, 1)
    const target = await startHttpTarget((_b, attempt) =>
      attempt === 1 ? { status: 429, headers: { 'retry-after': '2' } } : { status: 200 },
    )
    const app = await startTestApp(sinkStage(stageName, topic) as never, httpTestClients(target.url))
    try {
      await produceEvents(producer, app, topic, [caseEvent('k', 1)])
      await waitFor(() => target.accepted.length === 1, 'delivered after 429')
      const [first, second] = target.attempts
      expect(second!.at - first!.at).toBeGreaterThanOrEqual(1900)
      expect((await readAll(admin, `${topic}.dlq`)).length).toBe(0)
    } finally {
      await app.stop()
      await target.close()
    }
  })
})
