import { afterEach, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createMophClient } from '../../../src/clients/moph.js'
import { createPrimeroClient } from '../../../src/clients/primero.js'
import { hasValidChecksum } from '../../../src/domain/national-id.js'
import type { DeliveryError } from '../../../src/errors.js'
import {
  buildChildShieldCreateBody,
  buildChildShieldPatchBody,
  buildChildShieldSnapshot,
} from '../../../src/mapping/case-to-childshield.js'
import { isChildShieldIntervention } from '../../../src/mapping/child-shield-intervention.js'
import { toHisLookupResult } from '../../../src/mapping/his-person-to-lookup-result.js'
import { startMophSimulator } from '../../../src/simulators/moph.js'
import { startPrimeroSimulator } from '../../../src/simulators/primero.js'
import { webhookBody } from '../../../src/simulators/webhook.js'
import { toCaseEvent } from '../../../src/sources/case-event.js'
import { parseWebhookBody } from '../../../src/sources/ingress-request.js'
import { generateChildren } from '../../../src/synthetic/children.js'

const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../fixtures/${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>

/** Values whose type legitimately varies in real data (reference §2.7). */
const MIXED = new Set(['physical', 'mental', 'sexual', 'ga_week', 'national_id_no', 'diagtype', 'id'])
const kind = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v)

/** Keys of `expected` missing from `actual`, or of another type (null on either side matches anything). */
function shapeMismatches(expected: unknown, actual: unknown, path = '', optional = new Set<string>()): string[] {
  if (kind(expected) === 'null' || kind(actual) === 'null') return []
  if (kind(expected) !== kind(actual))
    return MIXED.has(path.split('.').pop() ?? '') ? [] : [`${path}: ${kind(expected)} vs ${kind(actual)}`]
  if (Array.isArray(expected) && Array.isArray(actual)) {
    return expected.length && actual.length ? shapeMismatches(expected[0], actual[0], `${path}[0]`, optional) : []
  }
  if (kind(expected) !== 'object') return []
  const a = actual as Record<string, unknown>
  return Object.entries(expected as Record<string, unknown>).flatMap(([k, v]) =>
    k in a ? shapeMismatches(v, a[k], `${path}.${k}`, optional) : optional.has(k) ? [] : [`${path}.${k}: missing`],
  )
}

const opened: { close(): unknown }[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()))
})

/** A stub target answering every request with one fixture (and a login for MoPH). */
async function stub(status: number, body: unknown): Promise<string> {
  const server = http.createServer((req, res) => {
    const login = req.url?.startsWith('/api/Users/login')
    res.writeHead(login ? 200 : status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(login ? fixture('moph/b1-login-response') : body))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  opened.push({ close: () => (server.closeAllConnections(), new Promise((resolve) => server.close(resolve))) })
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}

/** A stub MoPH target answering data requests with `answers` in turn (the last one repeated); counts logins. */
async function sequenceStub(answers: readonly (readonly [status: number, body: unknown])[]) {
  let served = 0
  const seen = { logins: 0 }
  const server = http.createServer((req, res) => {
    const login = req.url?.startsWith('/api/Users/login')
    if (login) seen.logins++
    const [status, body] = login
      ? [200, fixture('moph/b1-login-response')]
      : answers[Math.min(served++, answers.length - 1)]!
    res.writeHead(status, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  opened.push({ close: () => (server.closeAllConnections(), new Promise((resolve) => server.close(resolve))) })
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen }
}

const children = [...generateChildren(200, 11)]
const withRisk = children.find((c) => c.riskmodel && c.visits.length > 0)!
/** A child whose newest HIS visit is an antenatal-care visit (the C2 situation). */
const withAncVisit = children.find((c) => c.hisPerson && c.visits[0]?.activities?.anc)!

async function mophPair(status: number, body: unknown) {
  const client = createMophClient({ baseUrl: await stub(status, body), email: 'e', password: 'p' })
  const sim = await startMophSimulator({ children })
  const simClient = createMophClient({ baseUrl: sim.url, email: 'bridge@example.org', password: 'secret' })
  opened.push(client, sim, simClient)
  return { client, sim, simClient }
}

describe('golden fixtures (reference §4)', () => {
  it('use only national ids that pass the Thai checksum', () => {
    const text = [
      'primero/a1-list-cases',
      'primero/a2-webhook',
      'moph/c1-person-with-visit',
      'moph/c2-person-anc',
      'moph/c3-person-no-visits',
    ]
      .map((n) => JSON.stringify(fixture(n)))
      .join()
    const ids = [...text.matchAll(/"(?:cid|national_id_no)":"([\d-]+)"/g)].map((m) => m[1]!.replace(/-/g, ''))
    expect(ids.length).toBeGreaterThan(4)
    expect(ids.every(hasValidChecksum)).toBe(true)
  })

  it('A1: the client decodes the case list and the simulator lists the same shape', async () => {
    const a1 = fixture('primero/a1-list-cases')
    const client = createPrimeroClient({ baseUrl: await stub(200, a1), username: 'u', password: 'p' })
    const sim = await startPrimeroSimulator({ cases: 30, seed: 11 })
    opened.push(client, sim)
    const pages = []
    for await (const page of client.listCasesUpdatedSince('2024-06-01T00:00:00.000Z')) pages.push(page)
    expect(pages).toEqual([a1])
    const auth = `Basic ${Buffer.from('primero:primero').toString('base64')}`
    const listed = (await (
      await fetch(`${sim.url}/api/v2/cases?per=100`, { headers: { authorization: auth } })
    ).json()) as { data: Record<string, unknown>[] }
    const typical = {
      ...listed,
      data: listed.data.filter((c) => typeof c.national_id_no === 'string' && c.assessment_requested_on),
    }
    expect(shapeMismatches(a1, typical)).toEqual([])
  })

  it('A2: the ingress decodes Primero’s webhook body, and the simulator’s has the same shape', async () => {
    const a2 = fixture('primero/a2-webhook') as { data: Record<string, unknown> }
    const parsed = parseWebhookBody(JSON.stringify(a2))
    if (!parsed.ok) throw new Error(`A2 rejected: ${parsed.message}`)
    expect(parsed.value.recordId).toBe('5830f16d-385a-4327-bb86-1ac3da0cdf24')
    expect(parsed.value.fields).not.toHaveProperty('record_type')
    expect(parsed.value.fields).not.toHaveProperty('hostname')
    const event = toCaseEvent(parsed.value, { type: 'SYNC_REQUESTED', source: 'WEBHOOK', eventId: 'e', now: 0 })
    expect(event).toMatchObject({
      recordId: a2.data.record_id,
      caseId: a2.data.case_id,
      caseIdDisplay: 'dd12339',
      nationalId: '1100500012340',
      nationalIdIssue: null,
      status: 'open',
      requestedBy: 'cw_udon_01',
      lastUpdatedAt: Date.parse('2024-06-03T08:55:01.010Z'),
    })

    const sim = await startPrimeroSimulator({ cases: 5, seed: 11 })
    opened.push(sim)
    const body = webhookBody(sim.state, [...sim.state.cases.keys()][0]!, 'primero.example.org')
    expect(shapeMismatches(a2, body)).toEqual([])
    expect(parseWebhookBody(JSON.stringify(body)).ok).toBe(true)
  })

  it('A5: the client maps the 422 envelope and the simulator answers the same shape', async () => {
    const a5 = fixture('primero/a5-invalid-record')
    const client = createPrimeroClient({ baseUrl: await stub(422, a5), username: 'u', password: 'p' })
    const sim = await startPrimeroSimulator({ cases: 1, seed: 11 })
    opened.push(client, sim)
    const err = (await client.patchCase('x', { nationality: 'thailand' }).catch((e: unknown) => e)) as DeliveryError
    expect(err).toMatchObject({ status: 422, retryable: false, detail: 'Invalid Record JSON /nationality' })
    const id = [...sim.state.cases.keys()][0]!
    const res = await fetch(`${sim.url}/api/v2/cases/${id}`, {
      method: 'PATCH',
      headers: { authorization: `Basic ${Buffer.from('primero:primero').toString('base64')}` },
      body: JSON.stringify({ data: { nationality: 'thailand' } }),
    })
    const body = await res.json()
    expect(shapeMismatches(a5, body)).toEqual([])
    expect(shapeMismatches(body, a5)).toEqual([])
  })

  it('B1: the simulator login answer has the shape of the real one', async () => {
    const sim = await startMophSimulator()
    opened.push(sim)
    const res = await fetch(`${sim.url}/api/Users/login`, {
      method: 'POST',
      body: JSON.stringify({ email: 'bridge@example.org', password: 'secret' }),
    })
    const body = (await res.json()) as { id: string }
    expect(shapeMismatches(fixture('moph/b1-login-response'), body)).toEqual([])
    expect(body.id).toHaveLength(64)
  })

  it.each([
    ['c1-person-with-visit', withRisk],
    ['c2-person-anc', withAncVisit],
    ['c3-person-no-visits', withRisk],
  ] as const)('%s: decoded by the client, matched by the simulator', async (name, child) => {
    const person = fixture(`moph/${name}`) as { cid: string }
    const { client, simClient } = await mophPair(200, person)
    expect(await client.findPersonWithHistory(person.cid)).toEqual(person)
    const simulated = await simClient.findPersonWithHistory(child.nationalId)
    const optional = new Set([
      'main_dep',
      'main_dept',
      'referout',
      'riskmodel',
      'id',
      'personId',
      'cid',
      'hcode',
      'hname',
      'ovstist',
      'ovstist_name',
      'spclty',
      'spclty_name',
      'main_dept_name',
    ])
    expect(shapeMismatches(person, simulated, '', optional)).toEqual([])
  })

  it('C2: the simulator’s ANC visit is compared, not skipped', async () => {
    const { simClient } = await mophPair(200, {})
    const simulated = (await simClient.findPersonWithHistory(withAncVisit.nationalId)) as unknown as {
      interventions: { activities: Record<string, unknown> }[]
    }
    const anc = (fixture('moph/c2-person-anc') as { interventions: { activities: { anc: object[] } }[] })
      .interventions[0]!.activities.anc[0]!
    expect(simulated.interventions[0]!.activities.anc).toHaveLength(1)
    expect(Object.keys((simulated.interventions[0]!.activities.anc as object[])[0]!).sort()).toEqual(
      Object.keys(anc).sort(),
    )
  })

  it('C5: an expired token (401 AUTHORIZATION_REQUIRED) makes the client log in again; the simulator answers the same shape', async () => {
    const c5 = fixture('moph/c5-expired-token')
    const person = fixture('moph/c1-person-with-visit') as { cid: string }
    const target = await sequenceStub([
      [401, c5],
      [200, person],
    ])
    const client = createMophClient({ baseUrl: target.url, email: 'e', password: 'p' })
    opened.push(client)
    expect(await client.findPersonWithHistory(person.cid)).toEqual(person)
    expect(target.seen.logins).toBe(2)

    const sim = await startMophSimulator({ children })
    opened.push(sim)
    const filter = encodeURIComponent(JSON.stringify({ where: { cid: withRisk.nationalId } }))
    const res = await fetch(`${sim.url}/api/people/findOne?filter=${filter}&access_token=${'0'.repeat(64)}`)
    expect(res.status).toBe(401)
    const body = await res.json()
    expect(shapeMismatches(c5, body)).toEqual([])
    expect(body).toMatchObject(c5)
  })

  it('C4: 404 MODEL_NOT_FOUND is null, and the simulator answers the same body shape', async () => {
    const c4 = fixture('moph/c4-not-found')
    const { client, sim } = await mophPair(404, c4)
    expect(await client.findPersonWithHistory('1100500012340')).toBeNull()
    const login = (await (
      await fetch(`${sim.url}/api/Users/login`, {
        method: 'POST',
        body: JSON.stringify({ email: 'bridge@example.org', password: 'secret' }),
      })
    ).json()) as { id: string }
    const res = await fetch(
      `${sim.url}/api/people/findOne?filter=${encodeURIComponent('{"where":{"cid":"0"}}')}&access_token=${login.id}`,
    )
    expect(res.status).toBe(404)
    expect(shapeMismatches(c4, await res.json())).toEqual([])
  })

  it('D3: the client decodes a stored intervention; the simulator stores the bridge’s writes in the same shape', async () => {
    const d3 = fixture('moph/d3-intervention')
    const { client, simClient } = await mophPair(200, d3)
    expect(await client.findPrimeroIntervention('1100500012340')).toEqual(d3)
    expect(isChildShieldIntervention(d3)).toBe(true)

    // What the bridge writes (D1 create, then a D2 day PATCH), stored by the simulator and read back.
    const cid = withRisk.nationalId
    const none = { options: {}, locations: {} }
    const day1 = buildChildShieldSnapshot({ case_id_display: 'dd12339' }, none)
    const day2 = buildChildShieldSnapshot({ date_closure: '2024-06-05' }, none)
    const person = await simClient.findPerson(cid)
    const created = await simClient.createIntervention(
      buildChildShieldCreateBody({ cid, personId: person!.id as string, day: '2024-06-04', snapshot: day1 }),
    )
    await simClient.patchIntervention(created.id, buildChildShieldPatchBody('2024-06-05', day2))
    const stored = await simClient.findPrimeroIntervention(cid)
    // Set by Child-Shield for its OSCC home-visit record, not sent by the bridge.
    const setByChildShield = new Set(['hcode', 'vn', 'vstdate', 'vsttime', 'ovstist', 'ovstist_name'])
    const optional = new Set([...setByChildShield, 'planserviceIds', 'homeservice'])
    expect(shapeMismatches(d3, stored, '', optional)).toEqual([])
    expect(stored).toMatchObject({ id: created.id, cid, activities: { primeroservice: { serviceType: 'primero' } } })

    // The stored record comes back among the child's HIS interventions; it is not taken for a hospital visit.
    const history = await simClient.findPersonWithHistory(cid)
    const ids = (history?.interventions ?? []).map((i) => i.id)
    expect(ids).toContain(created.id)
    const ctx = { requestId: 'r', recordId: 'rec', nationalId: cid, requestedBy: null, fetchedAt: 0 }
    const visits = toHisLookupResult(history, ctx).visits.map((v) => v.visitId)
    expect(visits).not.toContain(created.id)
    expect(visits).toHaveLength(withRisk.visits.length)
  })

  it('D4: the client decodes the create answer; the simulator answers a create in the same shape', async () => {
    const d4 = fixture('moph/d4-create-response')
    const { client, simClient } = await mophPair(200, d4)
    const body = { cid: d4.cid, personId: d4.personId, activities: d4.activities }
    expect(await client.createIntervention(body)).toEqual(d4)
    const person = await simClient.findPerson(withRisk.nationalId)
    const answer = await simClient.createIntervention({ ...body, cid: withRisk.nationalId, personId: person!.id })
    expect(shapeMismatches(d4, answer)).toEqual([])
    expect(shapeMismatches(answer, d4)).toEqual([])
  })

  it('E1–E3: the client decodes risk models; the simulator’s have the same shape', async () => {
    const models = ['e1-riskmodel-medium', 'e2-riskmodel-yn', 'e3-riskmodel-followup'].map((n) => fixture(`moph/${n}`))
    const { client, simClient } = await mophPair(200, models)
    const pages = []
    for await (const page of client.listRiskModelsUpdatedSince('2024-01-01T00:00:00Z')) pages.push(page)
    expect(pages).toEqual([models])
    const simulated = (await simClient.findPersonWithHistory(withRisk.nationalId))?.riskmodel
    const optional = new Set([
      'osccTeamId',
      'officerId',
      'caseStatusBeforeRemove',
      'focusedCaseStatus',
      'careGiverUser',
      'caseUserId',
      'import_no',
    ])
    for (const model of models) expect(shapeMismatches(model, simulated, '', optional)).toEqual([])
  })
})
