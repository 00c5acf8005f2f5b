import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createCodec } from '../../../src/avro/codec.js'
import { SCHEMA_NAMES, loadSchemas } from '../../../src/avro/schemas.js'
import type { CaseEvent, HisLookupResult } from '../../../src/domain/records.js'
import { dlqTopic, TOPICS } from '../../../src/kafka/topics.js'
import { RUNNABLES } from '../../../src/stages.js'
import { WEBHOOK_PATH } from '../../../src/sources/ingress.js'
import { MAX_BODY_DEPTH } from '../../../src/sources/ingress-request.js'
import { testConfig, waitFor } from '../../support/env.js'
import { HOSTILE_TEXT } from '../../support/hostile-text.js'
import { SECRETS, metricSum, readyStatus, startWorld, type World } from '../reliability/world.js'
import { PHASE1, knownChildren, patchesOf, recordsFor, recordsWithKeys, touchedCases } from './support.js'

// Webhook bodies through the real ingress and broker: malformed ones get a clear 4xx and publish nothing; hostile
// text is stored on primero.case-events and forwarded to Child-Shield as data, byte-for-byte; a national id with
// letters is never looked up and the caseworker sees the sync failed.

let world: World
const codec = createCodec(loadSchemas(), { url: testConfig().SCHEMA_REGISTRY_URL })

beforeAll(async () => {
  world = await startWorld(0, [...PHASE1, RUNNABLES['case-to-childshield']!], {
    withIngress: true,
    children: knownChildren(4),
  })
  await codec.register(TOPICS.caseEvents, SCHEMA_NAMES.caseEvent)
  await waitFor(async () => (await readyStatus(world.app)) === 200, 'app ready')
}, 120_000)
afterAll(async () => {
  await world.close()
})

async function post(body: string | Uint8Array, query = ''): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${world.ingressUrl}${WEBHOOK_PATH}${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': SECRETS.apiKey },
    body,
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

const webhook = (recordId: string, fields: Record<string, unknown>) =>
  JSON.stringify({ data: { record_id: recordId, record_type: 'case', ...fields } })

async function caseEventsFor(recordId: string): Promise<CaseEvent[]> {
  const records = await recordsFor(TOPICS.caseEvents, recordId)
  return Promise.all(records.map((r) => codec.decode<CaseEvent>(r.value, SCHEMA_NAMES.caseEvent)))
}

describe('webhook bodies through the real ingress', () => {
  it('malformed bodies get a clear 4xx and publish nothing; the good one after them is published alone', async () => {
    const id = world.children[0]!.primeroCase.id
    const good = webhook(id, { status: 'open' })
    const [head, tail] = webhook(id, { name_first: '@' }).split('@') as [string, string]
    const bad: [string | Uint8Array, number, string][] = [
      ['{"data":{"record_id":', 400, 'body is not valid JSON'],
      [
        Buffer.concat([Buffer.from(head), Buffer.from([0xc3, 0x28]), Buffer.from(tail)]),
        400,
        'body is not valid UTF-8',
      ],
      [
        webhook(id, { filler: 'x'.repeat(world.config.INGRESS_MAX_BODY_BYTES) }),
        413,
        `body exceeds ${world.config.INGRESS_MAX_BODY_BYTES} bytes`,
      ],
      [
        webhook(id, { deep: JSON.parse(`${'['.repeat(40)}${']'.repeat(40)}`) as unknown }),
        400,
        `body nested deeper than ${MAX_BODY_DEPTH} levels`,
      ],
      [JSON.stringify({ data: { record_type: 'case' } }), 400, 'data.record_id is required'],
      [JSON.stringify({ data: { record_id: Number.NaN, record_type: 'case' } }), 400, 'data.record_id is required'],
      [JSON.stringify({ data: [id, 'case'] }), 400, 'body must be an object with a "data" object'],
      [webhook(`${id}' OR '1'='1`, {}), 400, 'data.record_id is not a Primero record id'],
      [JSON.stringify({ data: { record_id: id, record_type: 'incident' } }), 422, 'data.record_type must be "case"'],
    ]
    for (const [body, status, error] of bad)
      expect(await post(body, '?event=case.update')).toEqual({ status, body: { error } })
    const accepted = await post(good, '?event=case.update')
    expect(accepted.status).toBe(202)

    const events = await waitFor(async () => {
      const found = await caseEventsFor(id)
      return found.length > 0 ? found : undefined
    }, 'the good event on primero.case-events')
    expect(events.map((e) => e.eventId)).toEqual([accepted.body.eventId])
    expect(events[0]).toMatchObject({ type: 'UPDATED', source: 'WEBHOOK', recordId: id, caseData: '{"status":"open"}' })
    expect(
      await metricSum(world.app, 'primero_bridge_ingress_requests_total', 'outcome="invalid"'),
    ).toBeGreaterThanOrEqual(7)
  })

  it('hostile text is stored on Kafka and forwarded to Child-Shield as data, byte-for-byte', async () => {
    const child = world.children[1]!
    const id = child.primeroCase.id
    const fields = {
      national_id_no: child.nationalId,
      status: 'open',
      assessment_requested_on: new Date().toISOString().slice(0, 10),
      case_id_display: HOSTILE_TEXT.emoji,
      other_id_no: HOSTILE_TEXT.rtl,
      protection_concerns_other: HOSTILE_TEXT.sql,
      urgent_protection_concern: HOSTILE_TEXT.script,
      email_address: HOSTILE_TEXT.markup,
      occupation_1: HOSTILE_TEXT.thaiCombining,
      stimulant_9191303: HOSTILE_TEXT.template,
      closure_reason: HOSTILE_TEXT.invisible,
      case_plan_due_date: HOSTILE_TEXT.decomposed,
      risk_level: HOSTILE_TEXT.astral,
      registration_date: HOSTILE_TEXT.jsonish,
    }
    expect((await post(webhook(id, fields), '?event=case.update')).status).toBe(202)

    const [event] = await waitFor(async () => {
      const found = await caseEventsFor(id)
      return found.length > 0 ? found : undefined
    }, 'the event on primero.case-events')
    expect(Buffer.from(event!.caseData)).toEqual(Buffer.from(JSON.stringify(fields)))
    expect(event!.caseIdDisplay).toBe(HOSTILE_TEXT.emoji)

    const snapshot = await waitFor(() => {
      const service = [...world.moph.state.interventions.values()].find(
        (i) => i.cid === child.nationalId && (i.activities?.primeroservice as object | undefined) !== undefined,
      )?.activities?.primeroservice as Record<string, unknown> | undefined
      return Object.entries(service ?? {}).find(([day]) => /^\d{4}-\d{2}-\d{2}$/.test(day))?.[1]
    }, 'the case copied to Child-Shield')
    expect(snapshot).toMatchObject({
      basic_identity: {
        case_id_display: HOSTILE_TEXT.emoji,
        other_id_no: HOSTILE_TEXT.rtl,
        registration_date: HOSTILE_TEXT.jsonish,
      },
      assessment: {
        urgent_protection_concern: HOSTILE_TEXT.script,
        case_plan_due_date: HOSTILE_TEXT.decomposed,
        risk_level: { [HOSTILE_TEXT.astral]: null }, // a select: the option id as data, no label for it
      },
      conclusion: { protection_concerns_other: HOSTILE_TEXT.sql, urgent_protection_concern: HOSTILE_TEXT.script },
      'formsection-patient-education-and-career-6d53ca5': {
        email_address: HOSTILE_TEXT.markup,
        occupation_1: { [HOSTILE_TEXT.thaiCombining]: null }, // selects: the option id as data, no label for it
      },
      'formsection-perpetrator-details-998d1e0': { stimulant_9191303: { [HOSTILE_TEXT.template]: null } },
      closure_form: { closure_reason: { [HOSTILE_TEXT.invisible]: null } },
    })
    expect(touchedCases(world, [child])).toEqual([])
  })

  it('a national id with letters is not looked up; the sync is marked failed with the reason', async () => {
    const child = world.children[2]!
    const id = child.primeroCase.id
    const lookups = () => world.moph.requests.filter((r) => r.path === '/api/people/findOne').length
    const before = lookups()
    const withLetter = `l${child.nationalId.slice(1)}`
    expect((await post(webhook(id, { national_id_no: withLetter, status: 'open' }))).status).toBe(202)

    await waitFor(() => world.primero.state.sync.get(id)?.sync_status === 'failed', 'sync marked failed')
    expect(patchesOf(world, id)).toEqual([
      { mark_synced: true, mark_synced_status: 'failed', mark_synced_url: world.config.SYNC_STATUS_URL },
    ])
    const [result] = await recordsFor(TOPICS.hisLookupResults, id)
    expect(await codec.decode<HisLookupResult>(result!.value, SCHEMA_NAMES.hisLookupResult)).toMatchObject({
      status: 'INVALID_REQUEST',
      reason: 'national-id-not-13-digits',
      nationalId: null,
    })
    expect(lookups()).toBe(before)
    const [event] = await caseEventsFor(id)
    expect(JSON.parse(event!.caseData)).toEqual({ national_id_no: withLetter, status: 'open' })
  })

  it('dead-letters none of these records and leaves the untouched case as it was', async () => {
    const ids = new Set(world.children.map((c) => c.primeroCase.id))
    for (const topic of [dlqTopic(TOPICS.caseEvents), dlqTopic(TOPICS.hisLookupResults)])
      expect(await recordsWithKeys(topic, ids)).toEqual([])
    expect(touchedCases(world, [world.children[3]!])).toEqual([])
  })
})
