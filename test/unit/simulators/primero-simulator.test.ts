import { afterEach, describe, expect, it } from '@jest/globals'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { startPrimeroSimulator } from '../../../src/simulators/primero.js'
import type { PrimeroSimulator } from '../../../src/simulators/primero.js'

const opened: { close(): unknown }[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((o) => o.close()))
})

const AUTH = `Basic ${Buffer.from('primero:primero').toString('base64')}`
const ID = '5830f16d-385a-4327-bb86-1ac3da0cdf24'

async function start(): Promise<PrimeroSimulator> {
  const sim = await startPrimeroSimulator({
    cases: [
      {
        id: ID,
        case_id: 'c',
        national_id_no: '1100500012340',
        status: 'open',
        last_updated_at: '2024-06-03T09:12:44.120Z',
      },
    ],
  })
  opened.push(sim)
  return sim
}

async function call(sim: PrimeroSimulator, method: string, path: string, body?: unknown) {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: { authorization: AUTH, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await res.text()
  return { status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : undefined }
}

const patch = (sim: PrimeroSimulator, data: unknown) => call(sim, 'PATCH', `/api/v2/cases/${ID}`, { data })
const row = (uniqueId: string, weight: number) => ({
  unique_id: uniqueId,
  date_6: '2024-06-03',
  patient_s_weight: weight,
  source_of_information_44cac9a: 'his',
})

describe('Primero simulator PATCH', () => {
  it('leaves the case unchanged when the same PATCH is replayed', async () => {
    const sim = await start()
    const data = { name_first: 'Mana', physical_check_2: [row('u-1', 34), row('u-2', 35)] }
    expect((await patch(sim, data)).status).toBe(200)
    const after = structuredClone(sim.state.cases.get(ID))
    const replay = await patch(sim, data)
    expect(replay.body).toEqual({ data: { id: ID } })
    expect(sim.state.cases.get(ID)).toEqual(after)
  })

  it('merges rows by unique_id, appends new ids and removes _destroy rows', async () => {
    const sim = await start()
    await patch(sim, { physical_check_2: [row('u-1', 34), row('u-2', 35)] })
    await patch(sim, {
      physical_check_2: [
        { unique_id: 'u-1', patient_s_weight: 40 },
        row('u-3', 36),
        { unique_id: 'u-2', _destroy: true },
      ],
    })
    const rows = sim.state.cases.get(ID)?.physical_check_2 as Record<string, unknown>[]
    expect(rows.map((r) => [r.unique_id, r.patient_s_weight, r.date_6])).toEqual([
      ['u-1', 40, '2024-06-03'],
      ['u-3', 36, '2024-06-03'],
    ])
  })

  it('bumps last_updated_at only when a field changed', async () => {
    const sim = await start()
    await patch(sim, { mark_synced: true, mark_synced_status: 'not_found', mark_synced_url: 'https://x.example/inbox' })
    expect(sim.state.cases.get(ID)?.last_updated_at).toBe('2024-06-03T09:12:44.120Z')
    await patch(sim, { name_last: 'Example' })
    expect(sim.state.cases.get(ID)?.last_updated_at).not.toBe('2024-06-03T09:12:44.120Z')
  })

  it('records mark_synced* as sync status and never stores them as fields', async () => {
    const sim = await start()
    await patch(sim, { mark_synced: true, mark_synced_status: 'failed', mark_synced_url: 'https://x.example/inbox' })
    const got = await call(sim, 'GET', `/api/v2/cases/${ID}`)
    expect(got.body?.data).toMatchObject({ sync_status: 'failed' })
    expect(got.body?.data).not.toHaveProperty('mark_synced_status')
    await patch(sim, { mark_synced: true })
    expect(sim.state.sync.get(ID)?.sync_status).toBe('synced')
  })

  it('answers 422 with JSON pointers for an unknown field', async () => {
    const sim = await start()
    const res = await patch(sim, { favourite_colour: 'blue', physical_check_2: [{ unique_id: 'u', nope: 1 }] })
    expect(res).toEqual({
      status: 422,
      body: {
        errors: [
          {
            status: 422,
            resource: `/api/v2/cases/${ID}`,
            detail: ['/favourite_colour', '/physical_check_2/0/nope'],
            message: 'Invalid Record JSON',
          },
        ],
      },
    })
  })

  it('answers 422 for nationality sent as a string and for options not in the lookup', async () => {
    const sim = await start()
    expect((await patch(sim, { nationality: 'thailand' })).body).toMatchObject({
      errors: [{ detail: ['/nationality'] }],
    })
    expect((await patch(sim, { risk_level_from_child_shield_system_2df7bf4: 'medium' })).status).toBe(422)
    expect((await patch(sim, { nationality: ['thailand'], severity_type_323dfc7: ['sexual_ea92fba'] })).status).toBe(
      200,
    )
  })

  it('accepts real null and the string "null" for risk text fields', async () => {
    const sim = await start()
    const res = await patch(sim, {
      officer_id_a575aac: 'null',
      summary_risk_level_70cca8c: null,
      import_number_a1a204c: null,
    })
    expect(res.status).toBe(200)
  })

  it('rejects requests without valid Basic credentials with the devise body', async () => {
    const sim = await start()
    const res = await fetch(`${sim.url}/api/v2/cases`)
    expect(res.status).toBe(401)
    expect(await res.json()).toEqual({ error: 'Invalid User name or password.' })
  })
})

describe('Primero simulator listing order', () => {
  const at = (day: number) => `2024-06-0${day}T00:00:00.000Z`
  const listed = async (query: string) => {
    const sim = await startPrimeroSimulator({
      cases: [
        { id: 'a', created_at: at(1), last_updated_at: at(5) },
        { id: 'b', created_at: at(3), last_updated_at: at(4) },
        { id: 'c', created_at: at(2), last_updated_at: at(6) },
        { id: 'd', created_at: at(2), last_updated_at: at(6) },
      ],
    })
    opened.push(sim)
    const res = await call(sim, 'GET', `/api/v2/cases${query}`)
    return (res.body?.data as { id: string }[]).map((c) => c.id)
  }

  it('lists newest created first by default, as Primero (order_by created_at, order desc)', async () => {
    expect(await listed('')).toEqual(['b', 'c', 'd', 'a'])
  })

  it('honours order_by and order, ties in id order', async () => {
    expect(await listed('?order_by=last_updated_at&order=desc')).toEqual(['c', 'd', 'a', 'b'])
    expect(await listed('?order_by=last_updated_at&order=asc')).toEqual(['b', 'a', 'c', 'd'])
    expect(await listed('?order_by=created_at&order=asc&per=2&page=2')).toEqual(['d', 'b'])
  })
})

describe('Primero simulator webhook', () => {
  it('POSTs the Primero webhook body with x-api-key and marks the sync as sent', async () => {
    const sim = await start()
    const received: { headers: http.IncomingHttpHeaders; body: string }[] = []
    const receiver = http.createServer((req, res) => {
      let body = ''
      req.on('data', (c: Buffer) => (body += c.toString()))
      req.on('end', () => {
        received.push({ headers: req.headers, body })
        res.writeHead(202).end()
      })
    })
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
    opened.push({ close: () => new Promise((resolve) => receiver.close(resolve)) })
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`
    const admin = await fetch(`${sim.url}/__admin/webhook`, {
      method: 'POST',
      body: JSON.stringify({ recordId: ID, event: 'case.post', url, apiKey: 'k-123' }),
    })
    expect(await admin.json()).toEqual({ status: 202 })
    expect(received[0]?.headers['x-api-key']).toBe('k-123')
    expect(JSON.parse(received[0]!.body)).toEqual({
      data: {
        record_id: ID,
        record_type: 'case',
        hostname: 'primero.simulator.local',
        case_id: 'c',
        national_id_no: '1100500012340',
        status: 'open',
        last_updated_at: '2024-06-03T09:12:44.120Z',
      },
    })
    expect(sim.state.sync.get(ID)?.sync_status).toBe('sent')
  })
})
