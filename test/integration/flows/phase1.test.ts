import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Admin } from 'kafkajs'
import { dlqTopic, TOPICS } from '../../../src/kafka/topics.js'
import { RUNNABLES } from '../../../src/stages.js'
import { WEBHOOK_PATH } from '../../../src/sources/ingress.js'
import type { SyntheticChild } from '../../../src/synthetic/children.js'
import { waitFor } from '../../support/env.js'
import { testKafka } from '../../support/stage-harness.js'
import { readyStatus, SECRETS, startWorld, type World } from '../reliability/world.js'
import { keysIn } from './flow-env.js'

const PHASE1 = [RUNNABLES['his-lookup']!, RUNNABLES['his-to-primero']!]
let admin: Admin

beforeAll(async () => {
  admin = testKafka.admin()
  await admin.connect()
})
afterAll(async () => {
  await admin.disconnect()
})

/** A child HIS knows, with at least one visit (so the PATCH carries physical_check_2 rows), and a national id. */
const known = (c: SyntheticChild) =>
  c.hisPerson !== null && c.visits.length > 0 && c.primeroCase.national_id_no !== null
const unknown = (c: SyntheticChild) => c.hisPerson === null && c.primeroCase.national_id_no !== null

function sync(env: World, recordId: string) {
  return env.primero.sendWebhook({
    recordId,
    event: 'case.post',
    url: `${env.ingressUrl}${WEBHOOK_PATH}`,
    apiKey: SECRETS.apiKey,
  })
}

const syncStatus = (env: World, recordId: string) => env.primero.state.sync.get(recordId)?.sync_status

describe('Phase 1: a Sync click brings HIS history into the Primero case', () => {
  it('writes HIS fields for a known child, not_found for an unknown one, failed without national id; replays change nothing', async () => {
    let withoutId = ''
    const env = await startWorld(40, PHASE1, {
      withIngress: true,
      editCases: (cases) => {
        const index = cases.findIndex((c) => c.national_id_no !== null)
        cases[index] = { ...cases[index]!, national_id_no: null }
        withoutId = cases[index].id
      },
    })
    try {
      const knownChild = env.children.find((c) => known(c) && c.primeroCase.id !== withoutId)!
      const unknownChild = env.children.find((c) => unknown(c) && c.primeroCase.id !== withoutId)!
      const knownId = knownChild.primeroCase.id
      const unknownId = unknownChild.primeroCase.id

      expect(await sync(env, knownId)).toBe(202)
      expect(await sync(env, unknownId)).toBe(202)
      expect(await sync(env, withoutId)).toBe(202)

      await waitFor(() => syncStatus(env, knownId) === 'synced', 'known child synced')
      await waitFor(() => syncStatus(env, unknownId) === 'not_found', 'unknown child not_found')
      await waitFor(() => syncStatus(env, withoutId) === 'failed', 'case without national id failed')

      const synced = env.primero.state.cases.get(knownId)!
      expect(synced.name_first).toBe(knownChild.hisPerson!.fname)
      const hisRows = (synced.physical_check_2 as { source_of_information_44cac9a?: string }[] | undefined) ?? []
      expect(hisRows.filter((r) => r.source_of_information_44cac9a === 'his').length).toBeGreaterThan(0)
      expect(env.primero.state.cases.get(unknownId)!.name_first).toBe(unknownChild.primeroCase.name_first)

      const before = structuredClone(synced)
      const patches = () =>
        env.primero.requests.filter((r) => r.method === 'PATCH' && r.path === `/api/v2/cases/${knownId}`).length
      const patchesBefore = patches()
      expect(await sync(env, knownId)).toBe(202)
      await waitFor(() => patches() > patchesBefore && syncStatus(env, knownId) === 'synced', 'replayed sync done')
      expect(env.primero.state.cases.get(knownId)).toEqual(before)
    } finally {
      await env.close()
    }
  })

  it('rides out a 30 s Primero outage: readiness drops and returns, the sync completes, nothing is dead-lettered', async () => {
    const env = await startWorld(10, PHASE1, { withIngress: true })
    try {
      const child = env.children.find(known)!
      const recordId = child.primeroCase.id
      await waitFor(async () => (await readyStatus(env.app)) === 200, 'app ready')

      await env.primero.setFaults({ outage: 'refuse', outageForMs: 30_000 })
      const outageStart = Date.now()
      expect(await sync(env, recordId)).toBe(202)
      await waitFor(async () => (await readyStatus(env.app)) === 503, 'not ready during the outage')
      expect(syncStatus(env, recordId)).not.toBe('synced')

      await waitFor(() => syncStatus(env, recordId) === 'synced', 'synced after recovery', 90_000)
      expect(Date.now() - outageStart).toBeGreaterThanOrEqual(29_000)
      await waitFor(async () => (await readyStatus(env.app)) === 200, 'ready again')

      const mine = new Set([recordId])
      expect(await keysIn(admin, dlqTopic(TOPICS.hisLookupResults), mine)).toEqual([])
      expect(await keysIn(admin, dlqTopic(TOPICS.caseEvents), mine)).toEqual([])
    } finally {
      await env.close()
    }
  })
})
