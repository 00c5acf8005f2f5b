import { afterEach, describe, expect, it } from '@jest/globals'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { createPrimeroClient } from '../../../src/clients/primero.js'
import type { PrimeroCase, PrimeroPage } from '../../../src/clients/primero-types.js'
import { DeliveryError, NotFoundError } from '../../../src/errors.js'
import { startPrimeroSimulator } from '../../../src/simulators/primero.js'

const opened: { close(): unknown }[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()))
})

async function setup(cases: number | PrimeroCase[] = 25, password = 'primero') {
  const sim = await startPrimeroSimulator({ cases, seed: 7 })
  const client = createPrimeroClient({ baseUrl: sim.url, username: 'primero', password, timeoutMs: 2000 })
  opened.push(client, sim)
  return { sim, client }
}

/** A Primero stand-in answering every request with `status`, `headers` and `text` (e.g. a proxy's redirect). */
async function stub(status: number, headers: Record<string, string>, text = '') {
  const server = http.createServer((_req, res) => {
    res.writeHead(status, headers)
    res.end(text)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  opened.push({ close: () => (server.closeAllConnections(), new Promise((resolve) => server.close(resolve))) })
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const client = createPrimeroClient({ baseUrl, username: 'primero', password: 'primero' })
  opened.push(client)
  return client
}

async function collect(pages: AsyncGenerator<PrimeroPage>): Promise<PrimeroPage[]> {
  const out: PrimeroPage[] = []
  for await (const page of pages) out.push(page)
  return out
}

describe('Primero client', () => {
  it('pages through every case, newest first, ending on the partial last page', async () => {
    const { sim, client } = await setup(25)
    const pages = await collect(client.listCasesUpdatedSince('2000-01-01T00:00:00.000Z', { per: 10 }))
    expect(pages.map((p) => p.data.length)).toEqual([10, 10, 5])
    const stamps = pages.flatMap((p) => p.data.map((c) => c.last_updated_at ?? ''))
    expect(stamps).toEqual([...stamps].sort().reverse())
    expect(new Set(pages.flatMap((p) => p.data.map((c) => c.id))).size).toBe(25)
    expect(sim.requests.map((r) => r.query.page)).toEqual(['1', '2', '3'])
    expect(sim.requests[0]!.query).toMatchObject({
      last_updated_at: '2000-01-01T00:00:00.000Z..',
      order_by: 'last_updated_at',
      order: 'desc',
    })
  })

  it('stops without an extra request when the total is a multiple of per', async () => {
    const { sim, client } = await setup(20)
    const pages = await collect(client.listCasesUpdatedSince('2000-01-01T00:00:00.000Z', { per: 10 }))
    expect(pages).toHaveLength(2)
    expect(sim.requests).toHaveLength(2)
  })

  it('yields nothing when no case changed since the cursor', async () => {
    const { client } = await setup(5)
    expect(await collect(client.listCasesUpdatedSince('2100-01-01T00:00:00.000Z'))).toEqual([])
  })

  it('caps per at 1000', async () => {
    const { sim, client } = await setup(3)
    await collect(client.listCasesUpdatedSince('2000-01-01T00:00:00.000Z', { per: 5000 }))
    expect(sim.requests[0]!.query.per).toBe('1000')
  })

  it('maps refused credentials to an outage (retryable 401: every record would fail alike) with the devise message', async () => {
    const { client } = await setup(1, 'wrong')
    const err = (await client.getCase('x').catch((e: unknown) => e)) as DeliveryError
    expect(err).toBeInstanceOf(DeliveryError)
    expect(err).toMatchObject({ status: 401, retryable: true, detail: 'Invalid User name or password.' })
  })

  it('never reports a PATCH answered with a redirect as written: it is a retryable outage', async () => {
    const client = await stub(302, { location: 'https://sso.example.org/login' })
    const err = (await client.patchCase('x', { name_first: 'Mana' }).catch((e: unknown) => e)) as DeliveryError
    expect(err).toBeInstanceOf(DeliveryError)
    expect(err).toMatchObject({ status: 302, retryable: true })
  })

  it('takes a 204 answer to a PATCH as written with no field reported changed', async () => {
    const client = await stub(204, {})
    await expect(client.patchCase('x', { name_first: 'Mana' })).resolves.toEqual({})
  })

  it('takes an empty 200 answer to a PATCH as written (the write was applied; dead-lettering it would be wrong)', async () => {
    const client = await stub(200, { 'content-type': 'application/json' })
    await expect(client.patchCase('x', { name_first: 'Mana' })).resolves.toEqual({})
  })

  it('refuses a 200 answer to a PATCH whose body is not a data object', async () => {
    const client = await stub(200, { 'content-type': 'application/json' }, '{"unexpected":true}')
    await expect(client.patchCase('x', { name_first: 'Mana' })).rejects.toMatchObject({ retryable: false })
  })

  it('maps a 422 to a non-retryable error listing the JSON pointers', async () => {
    const { sim, client } = await setup(1)
    const id = [...sim.state.cases.keys()][0]!
    const err = (await client
      .patchCase(id, { nationality: 'thailand', bogus: 1 })
      .catch((e: unknown) => e)) as DeliveryError
    expect(err).toMatchObject({ status: 422, retryable: false, detail: 'Invalid Record JSON /nationality,/bogus' })
    expect(err.message).toBe('primero PATCH /api/v2/cases/:id failed: 422 Invalid Record JSON /nationality,/bogus')
  })

  it('patches by record id and returns the changed fields', async () => {
    const { sim, client } = await setup(1)
    const id = [...sim.state.cases.keys()][0]!
    await expect(client.patchCase(id, { name_first: 'Mana' })).resolves.toEqual({ id, name_first: 'Mana' })
    expect((await client.getCase(id)).name_first).toBe('Mana')
  })

  it('answers NotFoundError for an unknown case', async () => {
    const { client } = await setup(1)
    await expect(client.getCase('00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(NotFoundError)
  })

  it('finds cases by national id whether stored plain, dashed or as a number', async () => {
    const base = { status: 'open', last_updated_at: '2024-06-03T09:12:44.120Z' }
    const { client } = await setup([
      { id: 'a', national_id_no: '1100500012340', ...base },
      { id: 'b', national_id_no: '1-1005-00012-34-0', ...base },
      { id: 'c', national_id_no: 1100500012340, ...base },
      { id: 'd', national_id_no: '3411100004565', ...base },
    ])
    expect((await client.findCasesByNationalId('1100500012340')).sort()).toEqual(['a', 'b', 'c'])
  })

  it('finds every case with the national id, beyond the first page of 1000', async () => {
    const at = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString()
    const cases = Array.from({ length: 1003 }, (_, i) => ({
      id: `case-${String(i).padStart(4, '0')}`,
      national_id_no: i % 2 === 0 ? '1100500012340' : '1-1005-00012-34-0',
      status: 'open',
      created_at: at(i),
      last_updated_at: at(i),
    }))
    const { sim, client } = await setup(cases)
    const ids = await client.findCasesByNationalId('1100500012340')
    expect(ids.sort()).toEqual(cases.map((c) => c.id))
    expect(sim.requests.map((r) => r.query.page)).toEqual(['1', '2'])
  })

  it('decodes lookups and locations and caches them for the TTL', async () => {
    let now = 0
    const sim = await startPrimeroSimulator()
    const client = createPrimeroClient({
      baseUrl: sim.url,
      username: 'primero',
      password: 'primero',
      labelsTtlMs: 1000,
      now: () => now,
    })
    opened.push(client, sim)
    const lookups = await client.getLookups()
    expect(lookups.get('lookup-th-ch-risk-level')?.get('medium_2c2d8b1')).toEqual({ en: 'Medium', th: 'ปานกลาง' })
    expect((await client.getLocations()).get('TH41')).toEqual({ en: 'Udon Thani', th: 'อุดรธานี' })
    await Promise.all([client.getLookups(), client.getLookups()])
    now = 1001
    await client.getLookups()
    expect(sim.requests.filter((r) => r.path === '/api/v2/lookups')).toHaveLength(2)
  })
})
