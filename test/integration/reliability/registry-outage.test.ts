import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { SchemaRegistry } from '@kafkajs/confluent-schema-registry'
import avro from 'avsc'
import type { Producer } from 'kafkajs'
import { createCodec } from '../../../src/avro/codec.js'
import { SCHEMA_NAMES, loadSchemas } from '../../../src/avro/schemas.js'
import type { CaseEvent } from '../../../src/domain/records.js'
import { testConfig, uniqueName, waitFor } from '../../support/env.js'
import { startHttpTarget } from '../../support/http-target.js'
import { freePort, startPrivateStack, type PrivateStack } from '../../support/private-stack.js'
import { startApp } from '../../../src/app.js'
import { createLogger } from '../../../src/logger.js'
import { caseEvent, httpTestClients, sinkStage } from '../../support/stage-harness.js'
import { readTopic } from './outcomes.js'
import { metricSum } from './world.js'

let stack: PrivateStack
let producer: Producer

beforeAll(async () => {
  stack = await startPrivateStack({ registry: true })
  producer = stack.kafka.producer()
  await producer.connect()
}, 180_000)
afterAll(async () => {
  await producer.disconnect()
  await stack.close()
}, 60_000)

const delivered = (target: { accepted: { key: string; seq: number }[] }) =>
  new Set(target.accepted.map((r) => `${r.key}#${r.seq}`))

/** CaseEvent v2: one more optional field (a BACKWARD-compatible evolution the running app has never seen). */
function evolvedCaseEvent(): { raw: object; type: avro.Type } {
  const raw = structuredClone(loadSchemas().raw.get(SCHEMA_NAMES.caseEvent)) as { fields: object[] }
  raw.fields.push({ name: 'reliabilityProbe', type: ['null', 'string'], default: null })
  return { raw, type: avro.Type.forSchema(raw as avro.Schema) }
}

describe('schema registry unavailable (private registry)', () => {
  it('waits at start without crashing, then works; mid-run cached schemas keep working and new ones wait', async () => {
    const topic = uniqueName('t-registry')
    const stageName = uniqueName('registry')
    const target = await startHttpTarget()
    const sink = sinkStage(stageName, topic) as never
    const httpPort = await freePort()
    const config = testConfig({ ...stack.overrides, HTTP_PORT: String(httpPort) })
    const abort = new AbortController()
    const readyz = async () => {
      const res = await fetch(`http://127.0.0.1:${httpPort}/readyz`)
      return { status: res.status, body: (await res.json()) as { checks: Record<string, { ok: boolean }> } }
    }
    await stack.down('registry')
    const starting = startApp(config, createLogger(config.LOG_LEVEL), [{ kind: 'stage', stage: sink }], {
      clients: httpTestClients(target.url) as never,
      signal: abort.signal,
    })
    let started = false
    void starting.then(() => (started = true)).catch(() => undefined)
    const waiting = await waitFor(async () => {
      const r = await readyz()
      return r.status === 503 && r.body.checks['schema-registry']?.ok === false ? r : undefined
    }, 'not ready while the registry is down at start')
    expect(waiting.body.checks.kafka?.ok).toBe(true)
    expect(started).toBe(false)
    await stack.up('registry').catch(async (err: unknown) => {
      abort.abort()
      await starting.then((a) => a.stop()).catch(() => undefined)
      throw err
    })
    const app = await starting
    try {
      await waitFor(async () => (await readyz()).status === 200, 'ready once the registry is up')
      const codec = createCodec(loadSchemas(), { url: stack.registryUrl })
      await codec.register(topic, SCHEMA_NAMES.caseEvent)
      const send = (events: CaseEvent[]) =>
        producer.send({ topic, messages: events.map((e) => ({ key: e.recordId, value: codec.encode(topic, e) })) })
      await send(Array.from({ length: 30 }, (_, i) => caseEvent(`k${i % 10}`, Math.floor(i / 10))))
      await waitFor(() => delivered(target).size === 30, 'delivered after a late registry')

      const v2 = evolvedCaseEvent()
      const registry = new SchemaRegistry({ host: stack.registryUrl })
      const { id: v2Id } = await registry.register(v2.raw as never, { subject: `${topic}-value` })
      const v2Bytes = (e: CaseEvent) => {
        const header = Buffer.alloc(5)
        header.writeInt32BE(v2Id, 1)
        return Buffer.concat([header, v2.type.toBuffer({ ...e, reliabilityProbe: 'x' })])
      }

      await stack.pause('registry')
      await send(Array.from({ length: 30 }, (_, i) => caseEvent(`k${i % 10}`, 3 + Math.floor(i / 10))))
      await waitFor(() => delivered(target).size === 60, 'cached schema keeps working with the registry down')
      const fresh = Array.from({ length: 10 }, (_, i) => caseEvent(`new-${i}`, 0))
      await producer.send({ topic, messages: fresh.map((e) => ({ key: e.recordId, value: v2Bytes(e) })) })
      // A negative observation needs a bounded wait: the new-schema records must neither arrive nor be dead-lettered.
      await new Promise((r) => setTimeout(r, 5_000))
      expect([...delivered(target)].filter((k) => k.startsWith('new-'))).toEqual([])
      expect(await readTopic(stack.kafka, `${topic}.dlq`)).toEqual([])
      expect(await metricSum(app, 'primero_bridge_consumer_crashes_total')).toBe(0)

      await stack.resume('registry')
      await waitFor(() => delivered(target).size === 70, 'records with the new schema delivered', 60_000)
      await waitFor(async () => (await readyz()).status === 200, 'ready again')
      expect(await readTopic(stack.kafka, `${topic}.dlq`)).toEqual([])
    } finally {
      await stack.resume('registry').catch(() => undefined)
      await app.stop()
      await target.close()
    }
  }, 240_000)
})
