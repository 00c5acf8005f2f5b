import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { RUNNABLES } from '../../../src/stages.js'
import { isSyncOutcome } from '../../../src/mapping/his-to-primero.js'
import { waitFor } from '../../support/env.js'
import { startPrivateStack, type PrivateStack } from '../../support/private-stack.js'
import { expectedSync, phase1Problems } from './outcomes.js'
import { eachLimited, readyStatus, startWorld } from './world.js'

const PHASE1 = [RUNNABLES['his-lookup']!, RUNNABLES['his-to-primero']!]
let stack: PrivateStack

beforeAll(async () => {
  stack = await startPrivateStack()
}, 120_000)
afterAll(async () => {
  await stack.close()
}, 60_000)

describe('broker restart in the middle of a Phase 1 burst (private broker)', () => {
  it('loses nothing: every accepted Sync reaches Primero or the DLQ with a reason; readiness returns', async () => {
    const world = await startWorld(150, PHASE1, { withIngress: true, overrides: stack.overrides })
    try {
      await waitFor(async () => (await readyStatus(world.app)) === 200, 'app ready')
      const ids = world.children.map((c) => c.primeroCase.id)
      let accepted = 0
      const burst = eachLimited(ids, 8, async (id) => {
        await world.sync(id)
        accepted++
      })
      await waitFor(() => accepted >= 40, 'a third of the burst accepted')
      await stack.down('kafka')
      await waitFor(async () => (await readyStatus(world.app)) === 503, 'not ready while the broker is down')
      await stack.up('kafka')
      await burst
      await waitFor(
        () =>
          world.children.every((c) => {
            const status = world.primero.state.sync.get(c.primeroCase.id)?.sync_status
            return isSyncOutcome(status) && (status === expectedSync(c, false) || status === 'failed')
          }),
        'every case has its final sync status',
        120_000,
        250,
      )
      await waitFor(async () => (await readyStatus(world.app)) === 200, 'ready again after the restart', 60_000)
      expect(await phase1Problems(world, stack.kafka, world.children)).toEqual([])
    } finally {
      await world.close()
    }
  }, 300_000)
})
