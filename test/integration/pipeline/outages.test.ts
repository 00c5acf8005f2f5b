import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Admin, Producer } from 'kafkajs'
import type { App } from '../../../src/app.js'
import { createCodec } from '../../../src/avro/codec.js'
import { SCHEMA_NAMES, loadSchemas } from '../../../src/avro/schemas.js'
import { testConfig, uniqueName, waitFor } from '../../support/env.js'
import { createGate, keyOrderViolations, startHttpTarget } from '../../support/http-target.js'
import { committedOffsets, committedRedeliveries, placements } from '../../support/redeliveries.js'
import { killHard, spawnStage } from '../../support/spawn-stage.js'
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

/** Partitions the app's stage consumes now, and records it brought to an outcome (its own metrics). */
async function assigned(app: App): Promise<number> {
  return (await app.runtime.metrics.assignedPartitions.get()).values.reduce((n, v) => n + v.value, 0)
}
async function processed(app: App): Promise<number> {
  return (await app.runtime.metrics.recordsProcessed.get()).values.reduce((n, v) => n + v.value, 0)
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
    const lag = async () =>
      (await app.runtime.metrics.consumerLag.get()).values
        .filter((v) => v.labels.stage === stageName)
        .reduce((n, v) => n + v.value, 0)
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
      // the lag keeps being reported while the batches wait (the lag alert depends on it)
      await waitFor(async () => (await lag()) === 60, 'lag of the held-back records reported during the outage')
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
      await waitFor(async () => (await lag()) === 0, 'no lag once delivered')
      expect(await metric('primero_bridge_rebalances_total')).toBe(joinsBefore)
      expect(keyOrderViolations(target.accepted)).toEqual([])
      expect(await readAll(admin, `${topic}.dlq`)).toHaveLength(0)
      await waitFor(() => committedEqualsEnd(admin, `primero-bridge.${stageName}`, topic), 'committed to the end')
    } finally {
      await app.stop()
      await target.close()
    }
  })

  it('loses nothing when the stage process is SIGKILLed mid-run; only uncommitted records are written again', async () => {
    const topic = uniqueName('t-kill')
    const stageName = uniqueName('kill')
    const groupId = `primero-bridge.${stageName}`
    await createTopic(admin, topic)
    const gate = createGate(1000) // the kill lands mid-run: at most half the records can be accepted before it
    const target = await startHttpTarget(async () => {
      await gate.pass()
      await new Promise((r) => setTimeout(r, 5))
      return { status: 200 }
    })
    const codec = createCodec(loadSchemas(), { url: testConfig().SCHEMA_REGISTRY_URL })
    await codec.register(topic, SCHEMA_NAMES.caseEvent)
    const events = Array.from({ length: 2000 }, (_, i) => caseEvent(`case-${i % 100}`, Math.floor(i / 100)))
    await producer.send({ topic, messages: events.map((e) => ({ key: e.recordId, value: codec.encode(topic, e) })) })
    const where = await placements(topic, codec)
    const unique = () => new Set(target.accepted.map((r) => `${r.key}#${r.seq}`)).size

    let child = await spawnStage(stageName, topic, target.url)
    // kill only once every partition has committed something, so the redelivery check below covers each of them
    await waitFor(
      async () => [...(await committedOffsets(admin, groupId, topic)).values()].filter((o) => o > 0n).length === 3,
      'every partition committed some records before the kill',
    )
    await killHard(child)
    const committedAt = await committedOffsets(admin, groupId, topic)
    const acceptedBeforeRestart = target.accepted.length
    expect(unique()).toBeLessThan(2000) // killed mid-run
    expect([...committedAt.values()].every((o) => o > 0n)).toBe(true)

    gate.allow(Infinity)
    child = await spawnStage(stageName, topic, target.url)
    try {
      await waitFor(() => unique() === 2000, 'every record delivered after restart', 90_000)
      await waitFor(() => committedEqualsEnd(admin, groupId, topic), 'committed to the end')
      expect(committedRedeliveries(target.accepted.slice(acceptedBeforeRestart), where, committedAt)).toEqual([])
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
      child.kill('SIGTERM')
      // the child stops through the product's path (untilSignal, stopWithin): exit 0 only if it stopped in time
      const code = await new Promise((r) => child.once('exit', r))
      expect(code).toBe(0)
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
      try {
        await waitFor(async () => (await assigned(second)) > 0, 'the second replica got partitions', 60_000)
        await waitFor(async () => (await processed(second)) >= 50, 'the second replica processing records', 60_000)
        expect(await assigned(first)).toBeLessThan(4)
      } finally {
        await second.stop()
      }
      await waitFor(async () => (await assigned(first)) === 4, 'the first replica took every partition back')
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
