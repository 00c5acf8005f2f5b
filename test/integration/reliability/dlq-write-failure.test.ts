import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Admin, Producer } from 'kafkajs'
import { DLQ_HEADERS } from '../../../src/pipeline/dlq.js'
import { uniqueName, waitFor } from '../../support/env.js'
import { startHttpTarget } from '../../support/http-target.js'
import {
  caseEvent,
  committedEqualsEnd,
  createTopic,
  httpTestClients,
  readAll,
  sinkStage,
  startTestApp,
  testKafka,
} from '../../support/stage-harness.js'
import { metricSum, readyStatus } from './world.js'

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

describe('the DLQ cannot be written', () => {
  it('does not commit past the record, alerts (metric, readiness) and completes once the DLQ is writable', async () => {
    const topic = uniqueName('t-dlqfail')
    const stageName = uniqueName('dlqfail')
    const group = `primero-bridge.${stageName}`
    await createTopic(admin, topic, 1)
    const target = await startHttpTarget()
    const app = await startTestApp(sinkStage(stageName, topic) as never, httpTestClients(target.url))
    try {
      await waitFor(async () => (await readyStatus(app)) === 200, 'ready')
      await admin.deleteTopics({ topics: [`${topic}.dlq`] })
      await waitFor(async () => !(await admin.listTopics()).includes(`${topic}.dlq`), 'DLQ topic gone')
      await app.runtime.codec.register(topic, 'org.primerobridge.CaseEvent')
      const good = (seq: number) => ({ key: 'good', value: app.runtime.codec.encode(topic, caseEvent('good', seq)) })
      await producer.send({
        topic,
        messages: [good(0), { key: 'poison', value: Buffer.from('not avro at all') }, good(1), good(2)],
      })

      await waitFor(
        async () => (await metricSum(app, 'primero_bridge_dlq_write_failures_total', stageName)) > 0,
        'DLQ write failures counted',
      )
      await waitFor(async () => (await readyStatus(app)) === 503, 'not ready while the DLQ is not writable')
      const [committed] = await admin.fetchOffsets({ groupId: group, topics: [topic] })
      const offset = Number(committed?.partitions[0]?.offset ?? -1)
      expect(offset).toBeLessThanOrEqual(1)

      await admin.createTopics({ topics: [{ topic: `${topic}.dlq`, numPartitions: 1 }], waitForLeaders: true })
      await waitFor(() => committedEqualsEnd(admin, group, topic), 'committed to the end once the DLQ is back', 60_000)
      await waitFor(async () => (await readyStatus(app)) === 200, 'ready again')
      const dlq = await readAll(admin, `${topic}.dlq`)
      expect(dlq.map((r) => r.key)).toEqual(['poison'])
      expect(dlq[0]?.value?.toString()).toBe('not avro at all')
      expect(dlq[0]?.headers[DLQ_HEADERS.errorClass]).toBe('DecodeError')
      expect(new Set(target.accepted.map((r) => r.seq))).toEqual(new Set([0, 1, 2]))
    } finally {
      await app.stop()
      await target.close()
    }
  }, 120_000)
})
