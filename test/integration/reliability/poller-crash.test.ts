import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { CaseEvent } from '../../../src/domain/records.js'
import { SCHEMA_NAMES } from '../../../src/avro/schemas.js'
import { ShutdownError } from '../../../src/errors.js'
import type { Publisher } from '../../../src/kafka/publisher.js'
import { TOPICS } from '../../../src/kafka/topics.js'
import { createPrimeroPoller } from '../../../src/sources/primero-poller.js'
import { RUNNABLES } from '../../../src/stages.js'
import { uniqueName, waitFor } from '../../support/env.js'
import { startPrivateStack, type PrivateStack } from '../../support/private-stack.js'
import { readTopic } from './outcomes.js'
import { startWorld } from './world.js'

let stack: PrivateStack
beforeAll(async () => {
  stack = await startPrivateStack()
}, 120_000)
afterAll(async () => {
  await stack.close()
}, 60_000)

describe('poller killed between publishing a page and committing its cursor', () => {
  it('re-reads on the next run: no gap, no harm; Child-Shield ends identical to a clean run', async () => {
    const world = await startWorld(60, [RUNNABLES['case-to-childshield']!], { overrides: stack.overrides })
    try {
      const poller = createPrimeroPoller(uniqueName('poller-crash'))
      const crash = new AbortController()
      const publisher: Publisher = {
        async publish(topic, record) {
          if (topic === TOPICS.cursors) {
            crash.abort(new ShutdownError())
            throw new Error('process killed before the cursor write')
          }
          return world.app.runtime.publisher.publish(topic, record)
        },
      }
      const crashing = { runtime: { ...world.app.runtime, publisher }, clients: world.app.clients }
      await expect(poller.pollOnce(crashing, crash.signal)).rejects.toThrow()

      const ids = new Set(world.children.map((c) => c.primeroCase.id))
      const published = async () => {
        const records = await readTopic(stack.kafka, TOPICS.caseEvents)
        return records.filter((r) => r.key !== null && ids.has(r.key))
      }
      const firstRun = await published()
      expect(new Set(firstRun.map((r) => r.key))).toEqual(ids)

      const ctx = { runtime: world.app.runtime, clients: world.app.clients }
      const rerun = await poller.pollOnce(ctx)
      expect({ since: rerun.since, published: rerun.published }).toEqual({
        since: world.config.PRIMERO_POLL_START,
        published: ids.size,
      })
      const settled = () => {
        const writes = world.moph.requests.filter((r) => r.path.startsWith('/api/interventions') && r.method !== 'GET')
        return writes.length
      }
      await waitFor(async () => (await published()).length === 2 * ids.size, 'both runs published')
      let last = -1
      await waitFor(
        () => {
          const n = settled()
          const stable = n === last && n > 0
          last = n
          return stable
        },
        'Child-Shield writes settled',
        60_000,
        1_500,
      )
      const afterRerun = structuredClone([...world.moph.state.interventions.values()])
      const events = await Promise.all(
        (await published()).map((r) => world.app.runtime.codec.decode<CaseEvent>(r.value, SCHEMA_NAMES.caseEvent)),
      )
      expect(events.every((e) => e.source === 'POLLER')).toBe(true)

      const third = await poller.pollOnce(ctx)
      expect(third.published).toBeLessThan(ids.size) // only the overlap window is re-read; harmless
      await waitFor(async () => (await published()).length === 2 * ids.size + third.published, 'third run published')
      last = -1
      await waitFor(
        () => {
          const n = settled()
          const stable = n === last
          last = n
          return stable
        },
        'settled again',
        60_000,
        1_500,
      )
      expect([...world.moph.state.interventions.values()]).toEqual(afterRerun)
    } finally {
      await world.close()
    }
  }, 180_000)
})
