import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { spawn, type ChildProcess } from 'node:child_process'
import type { Admin, Producer } from 'kafkajs'
import { createCodec } from '../../../src/avro/codec.js'
import { SCHEMA_NAMES, loadSchemas } from '../../../src/avro/schemas.js'
import { testConfig, uniqueName, waitFor } from '../../support/env.js'
import { keyOrderViolations, startHttpTarget } from '../../support/http-target.js'
import { caseEvent, committedEqualsEnd, createTopic, readAll, testKafka } from '../../support/stage-harness.js'

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
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      if (d.toString().includes('started')) resolve(child)
    })
    child.once('exit', (code) => reject(new Error(`stage process exited with ${code} before starting`)))
  })
}

const KILLS = 4
const TOTAL = 5000

describe('stage process SIGKILLed repeatedly', () => {
  it(`delivers all ${TOTAL} records in per-key order through ${KILLS} SIGKILLs; nothing dead-lettered`, async () => {
    const topic = uniqueName('t-kills')
    const stageName = uniqueName('kills')
    await createTopic(admin, topic)
    const target = await startHttpTarget(async () => {
      await new Promise((r) => setTimeout(r, 2))
      return { status: 200 }
    })
    const codec = createCodec(loadSchemas(), { url: testConfig().SCHEMA_REGISTRY_URL })
    await codec.register(topic, SCHEMA_NAMES.caseEvent)
    const events = Array.from({ length: TOTAL }, (_, i) => caseEvent(`case-${i % 250}`, Math.floor(i / 250)))
    for (let i = 0; i < events.length; i += 1000) {
      await producer.send({
        topic,
        messages: events.slice(i, i + 1000).map((e) => ({ key: e.recordId, value: codec.encode(topic, e) })),
      })
    }
    const unique = () => new Set(target.accepted.map((r) => `${r.key}#${r.seq}`)).size
    let child = await spawnStage(stageName, topic, target.url)
    try {
      for (let kill = 1; kill <= KILLS; kill++) {
        const before = unique()
        await waitFor(() => unique() >= before + 400 || unique() === TOTAL, `progress before kill ${kill}`, 60_000)
        child.kill('SIGKILL')
        await new Promise((r) => child.once('exit', r))
        child = await spawnStage(stageName, topic, target.url)
      }
      await waitFor(() => unique() === TOTAL, 'every record delivered', 120_000)
      await waitFor(() => committedEqualsEnd(admin, `primero-bridge.${stageName}`, topic), 'committed to the end')
      expect(keyOrderViolations(target.accepted)).toEqual([])
      expect(await readAll(admin, `${topic}.dlq`)).toHaveLength(0)
      const extra = new Set(target.accepted.map((r) => r.key)).size
      expect(extra).toBe(250)
    } finally {
      child.kill('SIGTERM')
      await new Promise((r) => child.once('exit', r))
      await target.close()
    }
  }, 240_000)
})
