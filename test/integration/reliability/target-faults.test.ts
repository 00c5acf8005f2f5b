import { describe, expect, it } from '@jest/globals'
import { setTimeout as delay } from 'node:timers/promises'
import { createKafka } from '../../../src/kafka/client.js'
import { dlqTopic, TOPICS } from '../../../src/kafka/topics.js'
import { createLogger } from '../../../src/logger.js'
import type { Faults } from '../../../src/simulators/faults.js'
import type { SimServer } from '../../../src/simulators/sim-server.js'
import { RUNNABLES } from '../../../src/stages.js'
import { testConfig, waitFor } from '../../support/env.js'
import { type ProxiedRequest, startRecordingProxy, waitsAfter429 } from '../../support/recording-proxy.js'
import { expectedSync, phase1Problems, readTopic } from './outcomes.js'
import { eachLimited, metricSum, readyStatus, startWorld, type World } from './world.js'

// Phase 1 (HIS look-up, then the Primero PATCH) while its targets misbehave. Each test ends with the same check as
// the other fault tests: every Sync reached Primero exactly as expected, nothing was dead-lettered, nothing else.
const PHASE1 = [RUNNABLES['his-lookup']!, RUNNABLES['his-to-primero']!]
const CLIENT_TIMEOUT_MS = 600
const kafka = createKafka(testConfig(), createLogger('silent'))

async function syncAll(world: World): Promise<void> {
  await waitFor(async () => (await readyStatus(world.app)) === 200, 'app ready')
  await eachLimited(
    world.children.map((c) => c.primeroCase.id),
    8,
    (id) => world.sync(id),
  )
}

async function expectEveryCaseSynced(world: World): Promise<void> {
  await waitFor(
    () =>
      world.children.every(
        (c) => world.primero.state.sync.get(c.primeroCase.id)?.sync_status === expectedSync(c, false),
      ),
    'every case has its final sync status',
    120_000,
    250,
  )
  expect(await phase1Problems(world, kafka, world.children)).toEqual([])
  const ids = new Set(world.children.map((c) => c.primeroCase.id))
  const dlq = await readTopic(kafka, dlqTopic(TOPICS.hisLookupResults))
  expect(dlq.filter((r) => r.key !== null && ids.has(r.key))).toEqual([])
  await waitFor(async () => (await readyStatus(world.app)) === 200, 'ready once the targets behave', 30_000)
}

/** Applies `faults` to both targets. */
async function both(world: World, faults: Faults): Promise<void> {
  await Promise.all([world.moph.setFaults(faults), world.primero.setFaults(faults)])
}

const lookupsOf = (requests: readonly ProxiedRequest[]) =>
  requests.filter((r) => r.method === 'GET' && r.call.includes('filter='))

const retries = (world: World) => metricSum(world.app, 'primero_bridge_retries_total')

describe('Phase 1 while its targets misbehave', () => {
  it('target slower than the client timeout: calls time out and are retried; PATCHes that landed late are not doubled', async () => {
    const world = await startWorld(40, PHASE1, {
      withIngress: true,
      overrides: { PRIMERO_TIMEOUT_MS: String(CLIENT_TIMEOUT_MS), MOPH_TIMEOUT_MS: String(CLIENT_TIMEOUT_MS) },
    })
    try {
      await both(world, { slowMs: CLIENT_TIMEOUT_MS * 2 })
      const syncing = syncAll(world)
      await waitFor(async () => (await retries(world)) >= 10, 'time-outs being retried', 60_000)
      await waitFor(async () => (await readyStatus(world.app)) === 503, 'not ready while calls time out')
      expect(await metricSum(world.app, 'primero_bridge_dead_lettered_total')).toBe(0)
      await both(world, {})
      await syncing
      await expectEveryCaseSynced(world)
    } finally {
      await world.close()
    }
  }, 240_000)

  it('target flapping (Primero and HIS refusing connections in turn every 1.5 s): everything arrives', async () => {
    const world = await startWorld(60, PHASE1, { withIngress: true })
    const calm = new AbortController()
    let flaps: Promise<void> = Promise.resolve()
    try {
      await waitFor(async () => (await readyStatus(world.app)) === 200, 'app ready')
      flaps = (async () => {
        for (let n = 0; !calm.signal.aborted; n++) {
          const target: SimServer = n % 2 === 0 ? world.primero : world.moph
          await target.setFaults({ outage: 'refuse' })
          await delay(1_500)
          await target.setFaults({})
          await delay(1_500)
        }
      })()
      // Syncs spread over 9 s, so records are in flight through several outages of either target (the first one
      // starts before the first Sync), not all delivered inside one window where both happen to be up.
      for (const child of world.children) {
        await world.sync(child.primeroCase.id)
        await delay(150)
      }
      calm.abort()
      await flaps
      await expectEveryCaseSynced(world)
      expect(await metricSum(world.app, 'primero_bridge_retries_total', 'reason="network"')).toBeGreaterThan(0)
    } finally {
      calm.abort()
      await flaps
      await world.close()
    }
  }, 240_000)

  it('429 storm: Retry-After honoured, the per-target rate limit holds, nothing dead-lettered', async () => {
    const RPS = 10
    const RETRY_AFTER_S = 1
    // HIS is reached through a recording proxy: it notes when each answer left and when the next request came
    const proxy = await startRecordingProxy()
    const world = await startWorld(40, PHASE1, {
      withIngress: true,
      overrides: { MOPH_RATE_LIMIT_RPS: String(RPS), PRIMERO_RATE_LIMIT_RPS: String(RPS), MOPH_URL: proxy.url },
    }).catch(async (err: unknown) => {
      await proxy.close()
      throw err
    })
    proxy.forwardTo(world.moph.url)
    try {
      await world.moph.setFaults({ status429: { rate: 0.9, retryAfterS: RETRY_AFTER_S } })
      const before = world.moph.requests.length
      const started = Date.now()
      const syncing = syncAll(world)
      // Counted at the proxy, on the HIS look-ups themselves: the retry metric also counts the 429s of the MoPH login,
      // which every waiting record shares, so it can pass 20 while few look-ups were throttled.
      const throttledLookups = () => lookupsOf(proxy.requests).filter((r) => r.status === 429).length
      await waitFor(() => throttledLookups() >= 20, 'throttled HIS look-ups', 120_000, 100)
      expect(await metricSum(world.app, 'primero_bridge_retries_total', 'reason="http_429"')).toBeGreaterThanOrEqual(20)
      await delay(3_000)
      const seconds = (Date.now() - started) / 1_000
      const sent = world.moph.requests.length - before
      // the token bucket allows one second of burst on top of the steady rate (plus one MoPH login per token refresh)
      expect(sent).toBeLessThanOrEqual(Math.ceil((seconds + 1) * RPS) + 2)
      await world.moph.setFaults({})
      await syncing
      await expectEveryCaseSynced(world)
      // Retry-After honoured: after each 429, the same HIS look-up came again only once the asked time had passed
      // (5 ms allowed for timer granularity)
      const lookups = lookupsOf(proxy.requests)
      const waits = waitsAfter429(lookups)
      // every throttled look-up was asked again (the case synced), so each 429 has its measured wait
      expect(waits.length).toBe(throttledLookups())
      expect(waits.length).toBeGreaterThanOrEqual(20)
      expect(waits.filter((w) => w.waitedMs < RETRY_AFTER_S * 1_000 - 5)).toEqual([])
    } finally {
      await world.close()
      await proxy.close()
    }
  }, 240_000)
})
