import { afterEach, describe, expect, it } from '@jest/globals'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createMophClient } from '../../../src/clients/moph.js'
import type { RiskModel } from '../../../src/clients/moph-types.js'
import type { ForeignPart } from '../../../src/clients/moph-relations.js'
import { DeliveryError, NotFoundError } from '../../../src/errors.js'
import { startMophSimulator } from '../../../src/simulators/moph.js'
import type { MophSimulatorOptions } from '../../../src/simulators/moph.js'
import { generateChildren } from '../../../src/synthetic/children.js'

const opened: { close(): unknown }[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()))
})

const children = [...generateChildren(60, 3)]
const known = children.filter((c) => c.hisPerson && c.visits.length > 1)[0]!
const unknown = children.find((c) => !c.hisPerson)!

async function setup(simOptions: MophSimulatorOptions = {}, password = 'secret', timeoutMs = 2000) {
  const sim = await startMophSimulator({ children, ...simOptions })
  const client = createMophClient({ baseUrl: sim.url, email: 'bridge@example.org', password, timeoutMs, target: 'his' })
  opened.push(client, sim)
  return { sim, client }
}

describe('MoPH client', () => {
  it('finds a person with visits newest first and the risk model', async () => {
    const { client } = await setup()
    const person = await client.findPersonWithHistory(known.nationalId)
    expect(person?.cid).toBe(known.nationalId)
    const dates = (person?.interventions ?? []).map((v) => v.vstdate ?? '')
    expect(dates).toHaveLength(known.visits.length)
    expect(dates).toEqual([...dates].sort().reverse())
  })

  it('answers null for 404 MODEL_NOT_FOUND', async () => {
    const { client } = await setup()
    await expect(client.findPersonWithHistory(unknown.nationalId)).resolves.toBeNull()
    await expect(client.findPerson(unknown.nationalId)).resolves.toBeNull()
  })

  it('sends the token as access_token and logs in once for 20 parallel calls', async () => {
    const { sim, client } = await setup()
    await Promise.all(Array.from({ length: 20 }, () => client.findPerson(known.nationalId)))
    expect(sim.state.logins).toBe(1)
    expect(sim.requests.filter((r) => r.path === '/api/Users/login')).toHaveLength(1)
  })

  it('refreshes an expired token once and retries each call once', async () => {
    const { sim, client } = await setup()
    await client.findPerson(known.nationalId)
    sim.expireTokens()
    const people = await Promise.all(Array.from({ length: 20 }, () => client.findPerson(known.nationalId)))
    expect(people.every((p) => p?.cid === known.nationalId)).toBe(true)
    expect(sim.state.logins).toBe(2)
  })

  it('retries only once when the fresh token is refused too, then reports an outage (retryable)', async () => {
    const { sim, client } = await setup({ ttlS: 0 })
    const err = (await client.findPerson(known.nationalId).catch((e: unknown) => e)) as DeliveryError
    expect(err).toMatchObject({
      status: 401,
      retryable: true,
      detail: 'AUTHORIZATION_REQUIRED: Authorization Required',
    })
    expect(sim.state.logins).toBe(2)
    expect(sim.requests.filter((r) => r.path === '/api/people/findOne')).toHaveLength(2)
  })

  it('renews the token before its ttl runs out (client clock)', async () => {
    let now = Date.now()
    const sim = await startMophSimulator({ children, ttlS: 120 })
    const client = createMophClient({
      baseUrl: sim.url,
      email: 'bridge@example.org',
      password: 'secret',
      now: () => now,
    })
    opened.push(client, sim)
    await client.findPerson(known.nationalId)
    now += 61_000
    await client.findPerson(known.nationalId)
    expect(sim.state.logins).toBe(2)
  })

  it('fails a bad login with a 401 LOGIN_FAILED outage (retryable: every record would fail alike)', async () => {
    const { client } = await setup({}, 'wrong')
    const err = (await client.findPerson(known.nationalId).catch((e: unknown) => e)) as DeliveryError
    expect(err).toMatchObject({ status: 401, retryable: true, detail: 'LOGIN_FAILED: login failed' })
  })

  it('turns a slow answer beyond the timeout into a retryable error without status', async () => {
    const { client } = await setup({ faults: { slowMs: 300 } }, 'secret', 100)
    const err = (await client.findPerson(known.nationalId).catch((e: unknown) => e)) as DeliveryError
    expect(err).toBeInstanceOf(DeliveryError)
    expect(err).toMatchObject({ retryable: true, status: undefined })
  })

  it('creates, finds and patches the Child-Shield intervention', async () => {
    const { sim, client } = await setup()
    await expect(client.findPrimeroIntervention(known.nationalId)).resolves.toBeNull()
    const created = await client.createIntervention({
      cid: known.nationalId,
      activities: {
        primeroservice: { serviceType: 'primero', '2024-06-04': { basic_identity: { case_id_display: 'dd12339' } } },
      },
    })
    const found = await client.findPrimeroIntervention(known.nationalId)
    expect(found?.id).toBe(created.id)
    await client.patchIntervention(created.id, {
      'activities.primeroservice.2024-06-05': { closure_form: { date_closure: '2024-06-05' } },
    })
    expect(sim.state.interventions.get(created.id)?.activities).toEqual({
      primeroservice: {
        serviceType: 'primero',
        '2024-06-04': { basic_identity: { case_id_display: 'dd12339' } },
        '2024-06-05': { closure_form: { date_closure: '2024-06-05' } },
      },
    })
  })

  it('answers NotFoundError when the intervention to patch does not exist (404 MODEL_NOT_FOUND)', async () => {
    const { client } = await setup()
    const err = await client.patchIntervention('665d8a1f0c3b4e11a2f97b05', { x: 1 }).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(NotFoundError)
  })

  it('lists risk models updated since a cursor, page by page, newest first', async () => {
    let t = Date.parse('2024-06-01T00:00:00Z')
    const { sim, client } = await setup({ children: [], now: () => t })
    for (let i = 0; i < 8; i++) {
      t += 1000
      sim.setRiskModel(`cid-${i}`, { riskLevel: 'medium' })
    }
    t = Date.now()
    const pages: RiskModel[][] = []
    for await (const page of client.listRiskModelsUpdatedSince('2024-06-01T00:00:01.000Z', { pageSize: 3 }))
      pages.push(page)
    expect(pages.map((p) => p.map((m) => m.cid))).toEqual([
      ['cid-7', 'cid-6', 'cid-5'],
      ['cid-4', 'cid-3', 'cid-2'],
      ['cid-1'],
    ])
  })
})

/** A client of a MoPH stub that logs in and then answers every call 200 with `text`. */
async function stubbed(text: string) {
  const server = http.createServer((req, res) => {
    const login = req.url?.startsWith('/api/Users/login')
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(login ? JSON.stringify({ id: 'token', ttl: 60, created: new Date().toISOString() }) : text)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  opened.push({ close: () => (server.closeAllConnections(), new Promise((resolve) => server.close(resolve))) })
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const client = createMophClient({ baseUrl, email: 'e', password: 'p', target: 'his' })
  opened.push(client)
  return client
}

describe('MoPH client, malformed HIS answers', () => {
  const cid = known.nationalId
  const other = children.filter((c) => c.hisPerson)[1]!

  it.each([
    ['an array', [], 'not an object'],
    ['a JSON string', 'person', 'not an object'],
    ['an empty body', undefined, 'not an object'],
    ['an object without cid', { fname: 'x' }, 'missing string "cid"'],
    ['a numeric cid', { cid: Number(cid) }, 'missing string "cid"'],
    ["another child's record", { cid: other.nationalId, fname: 'other' }, 'a record of another cid'],
  ])('refuses %s with a non-retryable error naming the problem', async (_name, body, problem) => {
    const { sim, client } = await setup()
    sim.setPersonAnswer(cid, body)
    const err = (await client.findPersonWithHistory(cid).catch((e: unknown) => e)) as DeliveryError
    expect(err).toBeInstanceOf(DeliveryError)
    expect(err).toMatchObject({ retryable: false, status: undefined })
    expect(err.message).toBe(`his GET /api/people/findOne answered an unexpected shape: ${problem}`)
  })

  it("refuses another child's Child-Shield intervention", async () => {
    const client = await stubbed(JSON.stringify({ id: 'abc', cid: other.nationalId, activities: {} }))
    await expect(client.findPrimeroIntervention(cid)).rejects.toThrow('a record of another cid')
  })

  it('passes extra fields and wrongly typed ones through untouched (the mapping normalises them)', async () => {
    const { sim, client } = await setup()
    const body = { cid, fname: 42, interventions: 'x', riskmodel: [], unknownField: { nested: [1, 'two'] } }
    sim.setPersonAnswer(cid, body)
    await expect(client.findPersonWithHistory(cid)).resolves.toEqual(body)
  })

  it("drops another child's interventions and risk model from the person answer, and reports each", async () => {
    const { sim, client } = await setup()
    const dashed = cid.replace(/^(\d)(\d{4})(\d{5})(\d{2})(\d)$/, '$1-$2-$3-$4-$5')
    sim.setPersonAnswer(cid, {
      cid,
      interventions: [
        { id: 'own', cid, vstdate: '2024-06-01' },
        { id: 'foreign', cid: other.nationalId, vstdate: '2024-06-02' },
        { id: 'own-dashed', cid: dashed, vstdate: '2024-06-03' },
        { id: 'garbled', cid: 'n/a', vstdate: '2024-06-04' },
        { id: 'no-cid', vstdate: '2024-06-05' },
      ],
      riskmodel: { id: 'r', cid: other.nationalId, riskLevel: 'high' },
    })
    const dropped: ForeignPart[] = []
    const person = await client.findPersonWithHistory(cid, { onDropped: (part) => dropped.push(part) })
    expect(person?.interventions?.map((v) => v.id)).toEqual(['own', 'own-dashed', 'no-cid'])
    expect(person?.riskmodel).toBeNull()
    expect(dropped.sort()).toEqual(['interventions.cid', 'interventions.cid', 'riskmodel.cid'])
  })

  it("keeps the child's own risk model, whatever the spelling of its cid", async () => {
    const { sim, client } = await setup()
    for (const spelling of [cid, Number(cid), undefined]) {
      const riskmodel = { id: 'r', riskLevel: 'high', ...(spelling === undefined ? {} : { cid: spelling }) }
      sim.setPersonAnswer(cid, { cid, riskmodel })
      expect((await client.findPersonWithHistory(cid))?.riskmodel).toEqual(riskmodel)
    }
  })

  it('refuses a 200 answer that is not JSON', async () => {
    const client = await stubbed('<html><body>Service Unavailable</body></html>')
    const err = (await client.findPersonWithHistory(cid).catch((e: unknown) => e)) as DeliveryError
    expect(err).toMatchObject({
      retryable: false,
      message: 'his GET /api/people/findOne answered 200 with a body that is not JSON',
    })
  })
})
