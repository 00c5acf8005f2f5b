import { afterEach, describe, expect, it } from '@jest/globals'
import { startMophSimulator } from '../../../src/simulators/moph.js'
import type { MophSimulator, MophSimulatorOptions } from '../../../src/simulators/moph.js'

const opened: { close(): unknown }[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()))
})

async function start(options: MophSimulatorOptions = {}): Promise<{ sim: MophSimulator; token: string }> {
  const sim = await startMophSimulator({ children: [], ...options })
  opened.push(sim)
  const login = await fetch(`${sim.url}/api/Users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bridge@example.org', password: 'secret' }),
  })
  const { id } = (await login.json()) as { id: string }
  return { sim, token: id }
}

async function call(sim: MophSimulator, token: string, method: string, path: string, body?: unknown) {
  const sep = path.includes('?') ? '&' : '?'
  const res = await fetch(`${sim.url}${path}${sep}access_token=${token}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

describe('MoPH simulator', () => {
  it('answers 401 AUTHORIZATION_REQUIRED without a valid token', async () => {
    const { sim } = await start()
    const res = await fetch(`${sim.url}/api/people/findOne?filter=${encodeURIComponent('{"where":{"cid":"1"}}')}`)
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({
      error: {
        statusCode: 401,
        name: 'Error',
        message: 'Authorization Required',
        code: 'AUTHORIZATION_REQUIRED',
        stack: expect.any(String),
      },
    })
  })

  it('accepts the token in the Authorization header too', async () => {
    const { sim, token } = await start()
    const res = await fetch(`${sim.url}/api/riskmodels?filter={}`, { headers: { authorization: token } })
    expect(res.status).toBe(200)
  })

  it('applies dotted-path keys as nested sets and plain keys as replacements on PATCH', async () => {
    const { sim, token } = await start()
    const created = await call(sim, token, 'POST', '/api/interventions', {
      cid: '1100500012340',
      planserviceIds: ['a'],
      activities: { primeroservice: { serviceType: 'primero', '2024-06-04': { x: 1 } } },
    })
    const id = created.body.id as string
    const patched = await call(sim, token, 'PATCH', `/api/interventions/${id}`, {
      'activities.primeroservice.2024-06-04': { x: 2 },
      'activities.primeroservice.2024-06-05': { y: 1 },
      planserviceIds: [],
    })
    expect(patched.body).toEqual({
      id,
      cid: '1100500012340',
      planserviceIds: [],
      activities: { primeroservice: { serviceType: 'primero', '2024-06-04': { x: 2 }, '2024-06-05': { y: 1 } } },
    })
  })

  it('answers 404 MODEL_NOT_FOUND for an unknown person and unknown intervention', async () => {
    const { sim, token } = await start()
    const filter = encodeURIComponent('{"where":{"cid":"3411100004565"}}')
    const res = await call(sim, token, 'GET', `/api/people/findOne?filter=${filter}`)
    expect(res.status).toBe(404)
    expect(res.body.error).toMatchObject({
      statusCode: 404,
      name: 'Error',
      message: 'Unknown "person" id "undefined".',
      status: 404,
      code: 'MODEL_NOT_FOUND',
    })
    expect((await call(sim, token, 'PATCH', '/api/interventions/665d8a1f0c3b4e11a2f97b05', {})).status).toBe(404)
  })

  it('sets a risk model over the admin route and lists it by updatedAt', async () => {
    const { sim, token } = await start()
    const admin = await fetch(`${sim.url}/__admin/riskmodel`, {
      method: 'POST',
      body: JSON.stringify({ cid: '1100500012340', riskLevel: 'high' }),
    })
    const model = (await admin.json()) as { updatedAt: string }
    const filter = encodeURIComponent(
      JSON.stringify({
        where: { updatedAt: { gt: '2000-01-01T00:00:00Z' } },
        order: 'updatedAt ASC',
        limit: 10,
        skip: 0,
      }),
    )
    const listed = await fetch(`${sim.url}/api/riskmodels?filter=${filter}&access_token=${token}`)
    expect(await listed.json()).toEqual([
      expect.objectContaining({ cid: '1100500012340', riskLevel: 'high', updatedAt: model.updatedAt }),
    ])
  })

  it('serves a person answer set over the admin route verbatim, until reset', async () => {
    const { sim, token } = await start()
    const answer = { cid: '3411100004565', fname: 42, interventions: 'none', extra: [null] }
    const set = await fetch(`${sim.url}/__admin/person-answer`, {
      method: 'POST',
      body: JSON.stringify({ cid: '1100500012340', body: answer }),
    })
    expect(set.status).toBe(204)
    const filter = encodeURIComponent(JSON.stringify({ where: { cid: '1100500012340' }, include: ['interventions'] }))
    const path = `/api/people/findOne?filter=${filter}`
    expect(await call(sim, token, 'GET', path)).toEqual({ status: 200, body: answer })
    await fetch(`${sim.url}/__admin/reset`, { method: 'POST' })
    expect(sim.state.personAnswers.size).toBe(0)
  })

  it('honours the LoopBack order of the risk-model listing: DESC/ASC, lists, missing values lowest', async () => {
    let t = Date.parse('2024-06-01T00:00:00Z')
    const { sim, token } = await start({ now: () => t })
    for (const [cid, riskLevel] of [
      ['c1', 'high'],
      ['c2', 'low'],
      ['c3', 'high'],
    ] as const) {
      t += 1000
      sim.setRiskModel(cid, { riskLevel })
    }
    sim.setRiskModel('c4', { riskLevel: 'low' })
    sim.state.riskmodels.set('c5', { id: 'x', cid: 'c5', riskLevel: 'low' })
    const list = async (order: unknown, extra: object = {}) => {
      const filter = encodeURIComponent(JSON.stringify({ order, ...extra }))
      const res = await call(sim, token, 'GET', `/api/riskmodels?filter=${filter}`)
      return res.status === 200 ? (res.body as unknown as { cid: string }[]).map((m) => m.cid) : res.status
    }
    expect(await list('updatedAt DESC')).toEqual(['c3', 'c4', 'c2', 'c1', 'c5'])
    expect(await list('updatedAt desc', { limit: 2, skip: 1 })).toEqual(['c4', 'c2'])
    expect(await list('updatedAt')).toEqual(['c5', 'c1', 'c2', 'c3', 'c4'])
    expect(await list(['riskLevel ASC', 'updatedAt DESC'])).toEqual(['c3', 'c1', 'c4', 'c2', 'c5'])
    expect(await list('riskLevel ASC, cid DESC')).toEqual(['c3', 'c1', 'c5', 'c4', 'c2'])
    expect(await list('updatedAt DOWN')).toBe(400)
  })
})
