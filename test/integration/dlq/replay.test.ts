import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Admin, Producer } from 'kafkajs'
import { SCHEMA_NAMES } from '../../../src/avro/schemas.js'
import { runCli } from '../../../src/cli/index.js'
import type { CliIo } from '../../../src/cli/io.js'
import type { AuditEvent } from '../../../src/domain/records.js'
import { replayDeadLetters } from '../../../src/dlq/replay.js'
import { TOPICS } from '../../../src/kafka/topics.js'
import { kafkaPort, registryPort, uniqueName, waitFor } from '../../support/env.js'
import { startHttpTarget } from '../../support/http-target.js'
import {
  caseEvent,
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

/** Every partition holding records has its offset committed to the end (empty partitions have nothing to commit). */
async function committed(groupId: string, topic: string): Promise<boolean> {
  const [offsets] = await admin.fetchOffsets({ groupId, topics: [topic] })
  const ends = await admin.fetchTopicOffsets(topic)
  return ends.every(
    (p) => p.high === '0' || offsets?.partitions.find((c) => c.partition === p.partition)?.offset === p.high,
  )
}

const endOf = async (topic: string) => (await admin.fetchTopicOffsets(topic)).reduce((n, p) => n + Number(p.high), 0)

describe('dlq replay against the real broker', () => {
  it('replays rejected records once the target is fixed: delivered exactly once, dry run writes nothing, one audit event', async () => {
    const topic = uniqueName('t-replay')
    const stageName = uniqueName('replay')
    await createTopic(admin, topic)
    let rejecting = true
    const target = await startHttpTarget(() => ({ status: rejecting ? 400 : 200 }))
    const app = await startTestApp(sinkStage(stageName, topic) as never, httpTestClients(target.url))
    try {
      const keys = ['case-a', 'case-b', 'case-c']
      await produceEvents(
        producer,
        app,
        topic,
        keys.map((k) => caseEvent(k, 0)),
      )
      await waitFor(async () => (await readAll(admin, `${topic}.dlq`)).length === 3, 'three dead letters')
      await waitFor(() => committed(`primero-bridge.${stageName}`, topic), 'offsets committed')
      expect(target.accepted).toEqual([])
      rejecting = false

      const topicEnd = await endOf(topic)
      const auditEnd = await endOf(TOPICS.audit)
      const planned: string[] = []
      const dry = await replayDeadLetters(
        { kafka: testKafka, codec: app.runtime.codec, onMatch: (l) => planned.push(l.key ?? '') },
        { topic, filter: { errorClass: 'DeliveryError' }, dryRun: true, actor: 'tester' },
      )
      expect(dry).toMatchObject({ scanned: 3, matched: 3, replayed: 0, dryRun: true })
      expect(planned.sort()).toEqual(keys)
      const none = await replayDeadLetters(
        { kafka: testKafka, codec: app.runtime.codec },
        { topic, filter: { errorClass: 'TransformError' }, dryRun: true, actor: 'tester' },
      )
      expect(none.matched).toBe(0)
      expect(await endOf(topic)).toBe(topicEnd)
      expect(await endOf(TOPICS.audit)).toBe(auditEnd)

      const out: string[] = []
      const io: CliIo = {
        out: (l) => out.push(l),
        err: (l) => out.push(l),
        readStdin: () => Promise.resolve(''),
        env: {
          KAFKA_BROKERS: `127.0.0.1:${kafkaPort}`,
          SCHEMA_REGISTRY_URL: `http://127.0.0.1:${registryPort}/apis/ccompat/v7`,
          LOG_LEVEL: 'silent',
        },
      }
      const code = await runCli(
        ['dlq', 'replay', '--topic', topic, '--error-class', 'DeliveryError', '--actor', 'tester'],
        io,
      )
      expect(out.join('\n')).toMatch(/scanned 3, matched 3, replayed 3/)
      expect(code).toBe(0)

      await waitFor(() => new Set(target.accepted.map((r) => r.key)).size === 3, 'replayed records delivered')
      await waitFor(() => committed(`primero-bridge.${stageName}`, topic), 'replay committed')
      expect(target.accepted.map((r) => r.key).sort()).toEqual(keys)

      const replayed = (await readAll(admin, topic)).filter((r) => r.headers['dlq.replayed.from'] !== undefined)
      expect(replayed.map((r) => r.headers['dlq.replayed.from'])).toEqual(
        expect.arrayContaining([expect.stringMatching(new RegExp(`^${topic}\\.dlq/\\d+/\\d+$`))]),
      )
      expect(replayed).toHaveLength(3)

      const audits: AuditEvent[] = []
      for (const r of await readAll(admin, TOPICS.audit)) {
        const event = await app.runtime.codec.decode<AuditEvent>(r.value, SCHEMA_NAMES.auditEvent)
        if (event.stage === 'dlq-replay' && event.resource === `${topic}.dlq`) audits.push(event)
      }
      expect(audits).toHaveLength(1)
      expect(audits[0]).toMatchObject({ actor: 'tester', action: 'replay', outcome: 'success', recordId: null })
      expect(JSON.parse(audits[0]?.detail ?? '{}')).toMatchObject({
        filter: { key: false, errorClass: 'DeliveryError' },
        matched: 3,
        replayed: 3,
      })
    } finally {
      await app.stop()
      await target.close()
    }
  })
})
