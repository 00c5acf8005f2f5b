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
import { startWorld, type World } from './world.js'

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
    let afterRerun: string[]
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
      await waitFor(async () => (await published()).length === 2 * ids.size, 'both runs published')
      await childShieldSettled(world)
      afterRerun = childShieldState(world)
      const events = await Promise.all(
        (await published()).map((r) => world.app.runtime.codec.decode<CaseEvent>(r.value, SCHEMA_NAMES.caseEvent)),
      )
      expect(events.every((e) => e.source === 'POLLER')).toBe(true)

      const third = await poller.pollOnce(ctx)
      expect(third.published).toBeLessThan(ids.size) // only the overlap window is re-read; harmless
      await waitFor(async () => (await published()).length === 2 * ids.size + third.published, 'third run published')
      await childShieldSettled(world, 0)
      expect(childShieldState(world)).toEqual(afterRerun)
    } finally {
      await world.close()
    }

    // A clean run: fresh simulators seeded with the same children, one uninterrupted poll
    const clean = await startWorld(0, [RUNNABLES['case-to-childshield']!], {
      overrides: stack.overrides,
      children: world.children,
    })
    try {
      const run = await createPrimeroPoller(uniqueName('poller-clean')).pollOnce({
        runtime: clean.app.runtime,
        clients: clean.app.clients,
      })
      expect(run.published).toBe(world.children.length)
      await childShieldSettled(clean)
      expect(afterRerun).toEqual(childShieldState(clean))
    } finally {
      await clean.close()
    }
  }, 240_000)
})

/** Waits until Child-Shield writes stop changing (more than `atLeast` of them, checked every 1.5 s). */
async function childShieldSettled(world: World, atLeast = 1): Promise<void> {
  const writes = () =>
    world.moph.requests.filter((r) => r.path.startsWith('/api/interventions') && r.method !== 'GET').length
  let last = -1
  await waitFor(
    () => {
      const n = writes()
      const stable = n === last && n >= atLeast
      last = n
      return stable
    },
    'Child-Shield writes settled',
    60_000,
    1_500,
  )
}

/** Every MoPH intervention, without its server-assigned id (creation order differs between runs), canonical and sorted. */
function childShieldState(world: World): string[] {
  return [...world.moph.state.interventions.values()].map(({ id: _id, ...rest }) => canonical(rest)).sort()
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`
  if (value !== null && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`
  return value === undefined ? 'undefined' : JSON.stringify(value)
}
