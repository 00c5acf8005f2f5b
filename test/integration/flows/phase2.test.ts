import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Admin } from 'kafkajs'
import type { Intervention } from '../../../src/clients/moph-types.js'
import { normaliseNationalId } from '../../../src/domain/national-id.js'
import { selectionCursor } from '../../../src/flows/case-to-childshield.js'
import { dlqTopic, TOPICS } from '../../../src/kafka/topics.js'
import { isEligibleForChildShield } from '../../../src/mapping/case-to-childshield.js'
import { createChildShieldPoller } from '../../../src/sources/childshield-poller.js'
import { createPrimeroPoller } from '../../../src/sources/primero-poller.js'
import { RUNNABLES } from '../../../src/stages.js'
import type { SyntheticChild } from '../../../src/synthetic/children.js'
import { uniqueName, waitFor } from '../../support/env.js'
import { committedEqualsEnd, testKafka } from '../../support/stage-harness.js'
import { startWorld, type World } from '../reliability/world.js'
import { keysIn } from './flow-env.js'

let admin: Admin
beforeAll(async () => {
  admin = testKafka.admin()
  await admin.connect()
})
afterAll(async () => {
  await admin.disconnect()
})

function eligible(c: SyntheticChild): boolean {
  const id = normaliseNationalId(c.primeroCase.national_id_no)
  const lastUpdatedAt = Date.parse(c.primeroCase.last_updated_at!)
  const cursor = selectionCursor({ lastUpdatedAt, occurredAt: 0 } as never)
  return id.ok && isEligibleForChildShield(c.primeroCase, cursor)
}

function primeroInterventions(env: World, cid: string): Intervention[] {
  return [...env.moph.state.interventions.values()].filter(
    (i) =>
      i.cid === cid &&
      (i.activities?.primeroservice as { serviceType?: string } | undefined)?.serviceType === 'primero',
  )
}

const drained = (stage: string, topic: string) =>
  waitFor(() => committedEqualsEnd(admin, `primero-bridge.${stage}`, topic), `${stage} caught up`, 60_000)

describe('Phase 2: daily Child-Shield upload and risk write-back', () => {
  it('uploads one intervention per eligible child with today’s snapshot, idempotently, and writes risk fields back', async () => {
    const env = await startWorld(200, [RUNNABLES['case-to-childshield']!, RUNNABLES['risk-to-primero']!])
    try {
      const today = new Date().toISOString().slice(0, 10)
      const withPerson = env.children.filter((c) => eligible(c) && c.hisPerson !== null)
      const withoutPerson = env.children.filter((c) => eligible(c) && c.hisPerson === null)
      expect(withPerson.length).toBeGreaterThan(5)

      const poller = createPrimeroPoller(uniqueName('primero-poller-test'))
      const first = await poller.pollOnce(env.app)
      expect(first.published).toBe(200)
      await waitFor(
        () => withPerson.every((c) => primeroInterventions(env, c.nationalId).length === 1),
        'interventions created',
        60_000,
      )
      for (const c of withPerson) {
        expect(primeroInterventions(env, c.nationalId)[0]!.activities!.primeroservice).toHaveProperty(today)
      }
      const ineligible = env.children.filter((c) => !eligible(c) && c.hisPerson !== null)
      expect(ineligible.every((c) => primeroInterventions(env, c.nationalId).length === 0)).toBe(true)
      const missing = new Set(withoutPerson.map((c) => c.primeroCase.id))
      await waitFor(
        async () => (await keysIn(admin, dlqTopic(TOPICS.caseEvents), missing)).length === missing.size,
        'children unknown to Child-Shield dead-lettered',
      )

      const again = await poller.pollOnce(env.app)
      expect(again.since).toBe(
        new Date(Date.parse(first.cursor.value) - env.app.runtime.config.POLL_OVERLAP_MS).toISOString(),
      )
      expect(again.published).toBeLessThan(200)

      const replay = await createPrimeroPoller(uniqueName('primero-poller-replay')).pollOnce(env.app)
      expect(replay.published).toBe(200)
      await drained('case-to-childshield', TOPICS.caseEvents)
      for (const c of withPerson) expect(primeroInterventions(env, c.nationalId)).toHaveLength(1)
      const patches = env.moph.requests.filter((r) => r.method === 'PATCH' && r.path.startsWith('/api/interventions/'))
      expect(patches.length).toBeGreaterThanOrEqual(withPerson.length)

      const scored = env.children.filter((c) => normaliseNationalId(c.primeroCase.national_id_no).ok).slice(0, 3)
      for (const c of scored)
        env.moph.setRiskModel(c.nationalId, {
          riskLevel: 'high',
          improveLevel: 'worse',
          caseStatus: 'new',
          physical: 0.8,
        })
      const risk = await createChildShieldPoller(uniqueName('cs-poller-test')).pollOnce(env.app)
      expect(risk.published).toBeGreaterThanOrEqual(3)
      await waitFor(
        () =>
          scored.every((c) => {
            const current = env.primero.state.cases.get(c.primeroCase.id)!
            return (
              current.risk_level_from_child_shield_system_2df7bf4 === 'high_8df42a5' &&
              current.improve_level_ac512e2 === 'worse_4c8552c' &&
              current.physical_aa3d640 === '0.8'
            )
          }),
        'risk fields written to Primero',
      )
    } finally {
      await env.close()
    }
  })
})
