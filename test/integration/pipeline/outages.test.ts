import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn, type ChildProcess } from 'node:child_process'
import type { Admin, Producer } from 'kafkajs'
import { createCodec } from '../../../src/avro/codec.js'
import { SCHEMA_NAMES, loadSchemas } from '../../../src/avro/schemas.js'
import type { CaseEvent } from '../../../src/domain/records.js'
import { testConfig, uniqueName, waitFor } from '../../support/env.js'
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

function spawnStage(stage: string, topic: string, url: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', './scripts/ts-hooks.mjs', 'test/support/stage-process.ts', stage, topic, url],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('started')) resolve(child)
    })
    child.once('exit', (code) => reject(new Error(`stage process exited with ${code} before starting`)))
  })
}

describe('failure handling', () => {
  it('rides out a 30 s target outage (503): nothing dead-lettered or lost, readiness false then true, membership kept', async () => {
    const topic = uniqueName('t-outage')
    const stageName = uniqueName('outage')
    await createTopic(admin, topic)
    let down = false
    const target = await startHttpTarget(() => ({ status: down ? 503 : 200 }))
    const app = await startTestApp(sinkStage(stageName, topic) as never, httpTestClients(target.url))
    const readyz = async () => (await fetch(`${app.runtime.healthUrl}/readyz`)).status
    const metric = async (name: string) => {
      const text = await (await fetch(`${app.runtime.healthUrl}/metrics`)).text()
      const line = text.split('\n').find((l) => l.startsWith(`${name}{stage="${stageName}"}`))
      return line ? Number(line.split(' ').pop()) : 0
    }
    try {
      await waitFor(async () => (await readyz()) === 200, 'ready')
      await produceEvents(
        producer,
        app,
        topic,
        Array.from({ length: 60 }, (_, i) => caseEvent(`k${i % 20}`, Math.floor(i / 20))),
      )
      await waitFor(() => target.accepted.length === 60, 'first wave delivered')
      const joinsBefore = await metric('primero_bridge_rebalances_total')

      down = true
      const outageStart = Date.now()
      await produceEvents(
        producer,
        app,
        topic,
        Array.from({ length: 60 }, (_, i) => caseEvent(`k${i % 20}`, 3 + Math.floor(i / 20))),
      )
      await waitFor(async () => (await readyz()) === 503, 'not ready during the outage')
      await waitFor(async () => (await metric('primero_bridge_paused_partitions')) > 0, 'partitions held back')
      await new Promise((r) => setTimeout(r, Math.max(0, 30_000 - (Date.now() - outageStart))))
      expect(target.accepted.length).toBe(60)
      down = false

      await waitFor(
        () => new Set(target.accepted.map((r) => `${r.key}#${r.seq}`)).size === 120,
        'second wave delivered after recovery',
        60_000,
      )
      await waitFor(async () => (await readyz()) === 200, 'ready again')
      await waitFor(async () => (await metric('primero_bridge_paused_partitions')) === 0, 'partitions resumed')
      expect(await metric('primero_bridge_rebalances_total')).toBe(joinsBefore)
      expect(keyOrderViolations(target.accepted)).toEqual([])
      expect(await readAll(admin, `${topic}.dlq`)).toHaveLength(0)
      await waitFor(() => committedEqualsEnd(admin, `primero-bridge.${stageName}`, topic), 'committed to the end')
    } finally {
      await app.stop()
      await target.close()
    }
  })

  it('loses nothing when the stage process is SIGKILLed mid-run; duplicates only of uncommitted records', async () => {
    const topic = uniqueName('t-kill')
    const stageName = uniqueName('kill')
    const groupId = `primero-bridge.${stageName}`
    await createTopic(admin, topic)
    const target = await startHttpTarget(async () => {
      await new Promise((r) => setTimeout(r, 5))
      return { status: 200 }
    })
    const codec = createCodec(loadSchemas(), { url: testConfig().SCHEMA_REGISTRY_URL })
    await codec.register(topic, SCHEMA_NAMES.caseEvent)
    const events = Array.from({ length: 2000 }, (_, i) => caseEvent(`case-${i % 100}`, Math.floor(i / 100)))
    await producer.send({ topic, messages: events.map((e) => ({ key: e.recordId, value: codec.encode(topic, e) })) })

    let child = await spawnStage(stageName, topic, target.url)
    await waitFor(() => target.accepted.length >= 400, 'some records delivered before the kill')
    child.kill('SIGKILL')
    await new Promise((r) => child.once('exit', r))
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] })
    const committedAt = new Map(committed?.partitions.map((p) => [p.partition, BigInt(p.offset)]))

    child = await spawnStage(stageName, topic, target.url)
    try {
      await waitFor(
        () => new Set(target.accepted.map((r) => `${r.key}#${r.seq}`)).size === 2000,
        'every record delivered after restart',
        90_000,
      )
      await waitFor(() => committedEqualsEnd(admin, groupId, topic), 'committed to the end')
      const offsetOf = new Map<string, { partition: number; offset: bigint }>()
      for (const r of await readAll(admin, topic)) {
        const e = await codec.decode<CaseEvent>(r.value, SCHEMA_NAMES.caseEvent)
        offsetOf.set(`${e.recordId}#${e.occurredAt}`, { partition: r.partition, offset: BigInt(r.offset) })
      }
      const counts = new Map<string, number>()
      for (const r of target.accepted) counts.set(`${r.key}#${r.seq}`, (counts.get(`${r.key}#${r.seq}`) ?? 0) + 1)
      const duplicatedCommitted = [...counts]
        .filter(([, n]) => n > 1)
        .map(([id]) => offsetOf.get(id)!)
        .filter((o) => o.offset < (committedAt.get(o.partition) ?? -1n))
      expect(duplicatedCommitted).toEqual([])
      expect(keyOrderViolations(target.accepted)).toEqual([])
    } finally {
      child.kill('SIGTERM')
      await new Promise((r) => child.once('exit', r))
      await target.close()
    }
  })

  it('stops gracefully on SIGTERM during an outage within the grace period, committing only what was delivered', async () => {
    const topic = uniqueName('t-sigterm')
    const stageName = uniqueName('sigterm')
    const groupId = `primero-bridge.${stageName}`
    await createTopic(admin, topic, 1)
    let down = false
    const target = await startHttpTarget(() => ({ status: down ? 503 : 200 }))
    const codec = createCodec(loadSchemas(), { url: testConfig().SCHEMA_REGISTRY_URL })
    await codec.register(topic, SCHEMA_NAMES.caseEvent)
    const send = (from: number) =>
      producer.send({
        topic,
        messages: Array.from({ length: 10 }, (_, i) => caseEvent(`k${i}`, from)).map((e) => ({
          key: e.recordId,
          value: codec.encode(topic, e),
        })),
      })
    let child = await spawnStage(stageName, topic, target.url)
    try {
      await send(0)
      await waitFor(() => target.accepted.length === 10, 'first records delivered')
      down = true
      await send(1)
      await waitFor(() => target.attempts.length > 12, 'second records retrying against the outage')
      const stoppedAt = Date.now()
      child.kill('SIGTERM')
      const code = await new Promise((r) => child.once('exit', r))
      expect(code).toBe(0)
      expect(Date.now() - stoppedAt).toBeLessThan(2_000 + 5_000) // SHUTDOWN_GRACE_MS in tests is 2 s
      await waitFor(
        () => committedEqualsEnd(admin, groupId, topic).then((atEnd) => !atEnd),
        'undelivered records not committed',
      )
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] })
      expect(committed?.partitions[0]?.offset).toBe('10')

      down = false
      child = await spawnStage(stageName, topic, target.url)
      await waitFor(
        () => new Set(target.accepted.map((r) => `${r.key}#${r.seq}`)).size === 20,
        'delivered after restart',
      )
      await waitFor(() => committedEqualsEnd(admin, groupId, topic), 'committed to the end')
    } finally {
      child.kill('SIGTERM')
      await new Promise((r) => child.once('exit', r))
      await target.close()
    }
  })

  it('keeps every record and per-key order through a rebalance (a second consumer joins, then leaves)', async () => {
    const topic = uniqueName('t-rebalance')
    const stageName = uniqueName('rebalance')
    await createTopic(admin, topic, 4)
    const target = await startHttpTarget(async () => {
      await new Promise((r) => setTimeout(r, 3))
      return { status: 200 }
    })
    const first = await startTestApp(sinkStage(stageName, topic) as never, httpTestClients(target.url))
    try {
      const events = Array.from({ length: 3000 }, (_, i) => caseEvent(`case-${i % 150}`, Math.floor(i / 150)))
      const produced = produceEvents(producer, first, topic, events)
      await waitFor(() => target.accepted.length >= 300, 'processing under way')
      const second = await startTestApp(sinkStage(stageName, topic) as never, httpTestClients(target.url))
      await waitFor(() => target.accepted.length >= 1500, 'processing with two consumers', 60_000)
      await second.stop()
      await produced
      await waitFor(
        () => new Set(target.accepted.map((r) => `${r.key}#${r.seq}`)).size === 3000,
        'all delivered',
        90_000,
      )
      expect(keyOrderViolations(target.accepted)).toEqual([])
      await waitFor(
        () => committedEqualsEnd(admin, `primero-bridge.${stageName}`, topic),
        'committed to the end',
        30_000,
      )
    } finally {
      await first.stop()
      await target.close()
    }
  })
})
