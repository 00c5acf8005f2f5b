import { afterEach, describe, expect, it } from '@jest/globals'
import { createMophClient } from '../../../src/clients/moph.js'
import { DeliveryError } from '../../../src/errors.js'
import { startMophSimulator } from '../../../src/simulators/moph.js'
import type { MophSimulator } from '../../../src/simulators/moph.js'
import { generateChildren } from '../../../src/synthetic/children.js'

const opened: { close(): unknown }[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()))
})

const children = [...generateChildren(20, 5)]
const cid = children.find((c) => c.hisPerson)!.nationalId

async function setup(timeoutMs = 1000): Promise<{ sim: MophSimulator; call: () => Promise<unknown> }> {
  const sim = await startMophSimulator({ children })
  const client = createMophClient({ baseUrl: sim.url, email: 'bridge@example.org', password: 'secret', timeoutMs })
  opened.push(client, sim)
  return { sim, call: () => client.findPerson(cid).catch((e: unknown) => e) }
}

const setFaults = (sim: MophSimulator, faults: unknown) =>
  fetch(`${sim.url}/__admin/faults`, { method: 'POST', body: JSON.stringify(faults) })

describe('simulator faults', () => {
  it("'refuse' refuses connections, and the same port answers again once cleared", async () => {
    const { sim, call } = await setup()
    await sim.setFaults({ outage: 'refuse' })
    const err = (await call()) as DeliveryError
    expect(err).toBeInstanceOf(DeliveryError)
    expect(err.message).toContain('ECONNREFUSED')
    await sim.setFaults({})
    expect(await call()).toMatchObject({ cid })
  })

  it("'refuse' set over HTTP ends by itself after outageForMs", async () => {
    const { sim, call } = await setup()
    expect((await setFaults(sim, { outage: 'refuse', outageForMs: 100 })).status).toBe(200)
    expect(((await call()) as DeliveryError).message).toContain('ECONNREFUSED')
    const deadline = Date.now() + 5000
    let answer = await call()
    while (answer instanceof DeliveryError && Date.now() < deadline) answer = await call()
    expect(answer).toMatchObject({ cid })
  })

  it("'hang' accepts the request and never answers (the client times out)", async () => {
    const { sim, call } = await setup(150)
    await call()
    await setFaults(sim, { outage: 'hang' })
    const err = (await call()) as DeliveryError
    expect(err).toMatchObject({ retryable: true, status: undefined })
    expect(err.message).toContain('ETIMEDOUT')
  })

  it('answers 429 with Retry-After at the configured rate', async () => {
    const { sim, call } = await setup()
    await setFaults(sim, { status429: { rate: 1, retryAfterS: 3 } })
    expect(await call()).toMatchObject({ status: 429, retryable: true, retryAfterMs: 3000 })
  })

  it('answers 500 or 503 at errorRate 1', async () => {
    const { sim, call } = await setup()
    await setFaults(sim, { errorRate: 1 })
    const err = (await call()) as DeliveryError
    expect([500, 503]).toContain(err.status)
    expect(err.retryable).toBe(true)
  })

  it('rejects an invalid faults object', async () => {
    const { sim } = await setup()
    expect((await setFaults(sim, { errorRate: 3 })).status).toBe(400)
  })

  it('records requests without the access token and resets state', async () => {
    const { sim, call } = await setup()
    await call()
    const requests = (await (await fetch(`${sim.url}/__admin/requests`)).json()) as {
      path: string
      query: Record<string, string>
    }[]
    expect(requests.map((r) => r.path)).toEqual(['/api/Users/login', '/api/people/findOne'])
    expect(requests[1]?.query).not.toHaveProperty('access_token')
    expect(JSON.stringify(requests)).not.toContain('access_token')
    await fetch(`${sim.url}/__admin/reset`, { method: 'POST' })
    expect(sim.requests).toHaveLength(0)
    expect(sim.state.logins).toBe(0)
  })
})
