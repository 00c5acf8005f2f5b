import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Admin, Producer } from 'kafkajs'
import { createCodec } from '../../../src/avro/codec.js'
import { SCHEMA_NAMES, loadSchemas } from '../../../src/avro/schemas.js'
import { testConfig, uniqueName, waitFor } from '../../support/env.js'
import { createGate, keyOrderViolations, startHttpTarget } from '../../support/http-target.js'
import { committedOffsets, committedRedeliveries, placements } from '../../support/redeliveries.js'
import { killHard, spawnStage } from '../../support/spawn-stage.js'
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

const KILLS = 4
const TOTAL = 5000
const PER_RUN = 1000 // KILLS * PER_RUN < TOTAL

const sum = (offsets: Map<number, bigint>) => [...offsets.values()].reduce((n, o) => n + (o > 0n ? o : 0n), 0n)

describe('stage process SIGKILLed repeatedly', () => {
  it(`delivers all ${TOTAL} records in per-key order through ${KILLS} SIGKILLs mid-run; only uncommitted records written again`, async () => {
    const topic = uniqueName('t-kills')
    const stageName = uniqueName('kills')
    const groupId = `primero-bridge.${stageName}`
    await createTopic(admin, topic)
    // each run between kills may pass at most PER_RUN requests, so every kill lands mid-run
    const gate = createGate(PER_RUN)
    const target = await startHttpTarget(async () => {
      await gate.pass()
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
    const where = await placements(topic, codec)
    const unique = () => new Set(target.accepted.map((r) => `${r.key}#${r.seq}`)).size
    const kills: { acceptedBefore: number; committed: Map<number, bigint> }[] = []
    let child = await spawnStage(stageName, topic, target.url)
    try {
      let committedBefore = 0n
      for (let kill = 1; kill <= KILLS; kill++) {
        // this run used its allowance, and some of it is committed; then kill
        await waitFor(gate.exhausted, `progress before kill ${kill}`, 60_000)
        await waitFor(
          async () => sum(await committedOffsets(admin, groupId, topic)) > committedBefore,
          `commits before kill ${kill}`,
        )
        await killHard(child)
        // the process is gone: what is delivered and committed now is what it did before the kill
        expect(unique()).toBeLessThan(TOTAL)
        const committed = await committedOffsets(admin, groupId, topic)
        committedBefore = sum(committed)
        kills.push({ acceptedBefore: target.accepted.length, committed })
        gate.allow(kill < KILLS ? PER_RUN : Infinity)
        child = await spawnStage(stageName, topic, target.url)
      }
      await waitFor(() => unique() === TOTAL, 'every record delivered', 120_000)
      await waitFor(() => committedEqualsEnd(admin, groupId, topic), 'committed to the end')
      expect(keyOrderViolations(target.accepted)).toEqual([])
      expect(await readAll(admin, `${topic}.dlq`)).toHaveLength(0)
      // after each kill, nothing committed before it was written again
      for (const [i, k] of kills.entries()) {
        const problems = committedRedeliveries(target.accepted.slice(k.acceptedBefore), where, k.committed)
        expect({ kill: i + 1, problems }).toEqual({ kill: i + 1, problems: [] })
      }
    } finally {
      child.kill('SIGTERM')
      await new Promise((r) => child.once('exit', r))
      await target.close()
    }
  }, 240_000)
})
