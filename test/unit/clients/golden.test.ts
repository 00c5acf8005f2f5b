import { afterEach, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createMophClient } from '../../../src/clients/moph.js'
import { createPrimeroClient } from '../../../src/clients/primero.js'
import { hasValidChecksum } from '../../../src/domain/national-id.js'
import type { DeliveryError } from '../../../src/errors.js'
import { startMophSimulator } from '../../../src/simulators/moph.js'
import { startPrimeroSimulator } from '../../../src/simulators/primero.js'
import { webhookBody } from '../../../src/simulators/webhook.js'
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

const children = [...generateChildren(200, 11)]
const withRisk = children.find((c) => c.riskmodel && c.visits.length > 0)!

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

  it('A2: the simulator webhook body has the shape of Primero’s', async () => {
    const sim = await startPrimeroSimulator({ cases: 5, seed: 11 })
    opened.push(sim)
    const body = webhookBody(sim.state, [...sim.state.cases.keys()][0]!, 'primero.example.org')
    expect(shapeMismatches(fixture('primero/a2-webhook'), body)).toEqual([])
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

  it.each(['c1-person-with-visit', 'c2-person-anc', 'c3-person-no-visits'])(
    '%s: decoded by the client, matched by the simulator',
    async (name) => {
      const person = fixture(`moph/${name}`) as { cid: string }
      const { client, simClient } = await mophPair(200, person)
      expect(await client.findPersonWithHistory(person.cid)).toEqual(person)
      const simulated = await simClient.findPersonWithHistory(withRisk.nationalId)
      const optional = new Set([
        'main_dep',
        'main_dept',
        'anc',
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
      expect(shapeMismatches(name === 'c2-person-anc' ? {} : person, simulated, '', optional)).toEqual([])
    },
  )

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

  it('D3: the client decodes a stored intervention; the simulator stores and returns the same shape', async () => {
    const d3 = fixture('moph/d3-intervention')
    const { client, simClient } = await mophPair(200, d3)
    expect(await client.findPrimeroIntervention('1100500012340')).toEqual(d3)
    const body = Object.fromEntries(Object.entries(d3).filter(([key]) => key !== 'id'))
    await simClient.createIntervention({ ...body, cid: withRisk.nationalId })
    expect(shapeMismatches(d3, await simClient.findPrimeroIntervention(withRisk.nationalId))).toEqual([])
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
