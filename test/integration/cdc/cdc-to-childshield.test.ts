import { randomInt } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { Admin, Producer } from 'kafkajs'
import { startApp } from '../../../src/app.js'
import { SCHEMA_NAMES } from '../../../src/avro/schemas.js'
import type { PrimeroCase } from '../../../src/clients/primero-types.js'
import { caseToChildShield } from '../../../src/flows/case-to-childshield.js'
import { cdcNormalizerStage } from '../../../src/flows/cdc-normalizer.js'
import { createLogger } from '../../../src/logger.js'
import { interventionsOf } from '../../../src/simulators/moph-state.js'
import { startMophSimulator } from '../../../src/simulators/moph.js'
import { startPrimeroSimulator } from '../../../src/simulators/primero.js'
import { generateChildren } from '../../../src/synthetic/children.js'
import { testConfig, uniqueName, waitFor } from '../../support/env.js'
import { committedEqualsEnd, createTopic, readAll, testKafka } from '../../support/stage-harness.js'
import { caseRow, envelope } from '../../fixtures/cdc/debezium.js'
import { produceChanges } from './debezium-producer.js'

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

const json = (value: unknown) => Buffer.from(JSON.stringify(value))
const day = (iso: string) => iso.slice(0, 10)

/** The case before and after a caseworker requested an assessment today (eligible for Child-Shield). */
function assessmentRequested(c: PrimeroCase, nowIso: string) {
  const before = { ...c, status: 'open', assessment_requested_on: null, last_updated_at: '2024-01-02T03:04:05.000Z' }
  return { before, after: { ...before, assessment_requested_on: day(nowIso), last_updated_at: nowIso } }
}

describe('CDC → case-to-childshield → Child-Shield', () => {
  it('a CDC update of an eligible case reaches the Child-Shield simulator; a bookkeeping-only update does not', async () => {
    const children = [...generateChildren(12, randomInt(1, 2 ** 31))].filter((c) => c.hisPerson !== null)
    const [child, quiet] = children
    if (!child || !quiet) throw new Error('synthetic run without two children known to MoPH')
    const primero = await startPrimeroSimulator({ cases: [], username: 'bridge', password: 'bridge-password' })
    const moph = await startMophSimulator({ children, email: 'bridge@example.org', password: 'moph-secret' })
    const cdcTopic = `${uniqueName('cdc-e2e')}.public.cases`
    const caseEvents = uniqueName('t-cdc-case-events')
    const config = testConfig({
      CDC_TOPIC: cdcTopic,
      PRIMERO_URL: primero.url,
      PRIMERO_USERNAME: 'bridge',
      PRIMERO_PASSWORD: 'bridge-password',
      MOPH_URL: moph.url,
      MOPH_EMAIL: 'bridge@example.org',
      MOPH_PASSWORD: 'moph-secret',
    })
    // Both stages as shipped, on a private case-events topic and private consumer groups, so other tests'
    // records on primero.case-events neither reach these simulators nor land in the shared DLQ.
    const cdc = cdcNormalizerStage(config)
    const normalizer = {
      ...cdc,
      name: uniqueName('cdc-normalizer'),
      destination: { ...cdc.destination, topic: caseEvents },
    }
    const uploader = {
      ...caseToChildShield,
      name: uniqueName('case-to-childshield'),
      input: { ...caseToChildShield.input, topic: caseEvents },
    }
    // One partition each, so "committed = end" is exact (an empty partition has no committed offset).
    await Promise.all([createTopic(admin, cdcTopic, 1), createTopic(admin, caseEvents, 1)])
    const app = await startApp(
      config,
      createLogger(config.LOG_LEVEL),
      [
        { kind: 'stage', stage: normalizer },
        { kind: 'stage', stage: uploader },
      ],
      { extraTopics: [cdcTopic, caseEvents] },
    )
    try {
      await app.runtime.codec.register(caseEvents, SCHEMA_NAMES.caseEvent)
      const todaysCopy = (cid: string) => {
        for (const i of interventionsOf(moph.state, cid)) {
          const service = i.activities?.primeroservice as Record<string, unknown> | undefined
          const snapshot = service?.[day(new Date().toISOString())]
          if (snapshot !== undefined) return { serviceType: service?.serviceType, snapshot }
        }
        return undefined
      }
      const nowIso = new Date().toISOString()
      const eligible = assessmentRequested(child.primeroCase, nowIso)
      const touched = assessmentRequested(quiet.primeroCase, nowIso).after
      await produceChanges(producer, cdcTopic, [
        {
          id: quiet.primeroCase.id,
          value: json(
            envelope({
              op: 'u',
              before: caseRow(quiet.primeroCase.id, touched),
              after: caseRow(quiet.primeroCase.id, { ...touched, last_updated_by: 'bridge' }),
            }),
          ),
        },
        {
          id: child.primeroCase.id,
          value: json(
            envelope({
              op: 'u',
              before: caseRow(child.primeroCase.id, eligible.before),
              after: caseRow(child.primeroCase.id, eligible.after),
            }),
          ),
        },
      ])

      const uploaded = await waitFor(
        () => todaysCopy(child.nationalId),
        'Child-Shield copy written from the CDC update',
      )
      expect(uploaded.serviceType).toBe('primero')
      expect(uploaded.snapshot).toMatchObject({ assessment: { assessment_requested_on: day(nowIso) } })

      await waitFor(() => committedEqualsEnd(admin, `primero-bridge.${normalizer.name}`, cdcTopic), 'CDC consumed')
      await waitFor(() => committedEqualsEnd(admin, `primero-bridge.${uploader.name}`, caseEvents), 'events consumed')
      expect((await readAll(admin, caseEvents)).map((r) => r.key)).toEqual([child.primeroCase.id])
      expect(todaysCopy(quiet.nationalId)).toBeUndefined()
    } finally {
      await app.stop()
      await Promise.all([primero.close(), moph.close()])
    }
  })
})
