import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFileSync } from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import type { AddressInfo } from 'node:net'
import { DeliveryError, NotFoundError } from '../../../src/errors.js'
import { createHttpClient } from '../../../src/http/http-client.js'

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/tls/${name}`, import.meta.url), 'utf8')

/** Requests received, by path (a followed redirect would show up here). */
const received: string[] = []

/**
 * Answers `/status/<code>` with that status and a Primero/MoPH-style envelope (3xx: a JSON body and a Location
 * to `/ok`, as a proxy might send); `/slow` never before 1 s.
 */
function handler(req: http.IncomingMessage, res: http.ServerResponse): void {
  received.push(req.url ?? '')
  const status = Number(/^\/status\/(\d+)/.exec(req.url ?? '')?.[1] ?? 200)
  if (req.url?.startsWith('/slow')) {
    setTimeout(() => res.end('{}'), 1000).unref()
    return
  }
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (status === 429) headers['retry-after'] = '7'
  if (status === 503) headers['retry-after'] = new Date(Date.now() + 30_000).toUTCString()
  if (status >= 300 && status < 400) headers.location = '/ok'

  res.writeHead(status, headers)
  res.end(
    JSON.stringify(
      status < 400
        ? { ok: true, path: req.url }
        : { errors: [{ status, resource: req.url, detail: ['/nationality'], message: 'Invalid Record JSON' }] },
    ),
  )
}

let server: http.Server
let base: string
beforeAll(async () => {
  server = http.createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

async function failure(
  status: number,
  client = createHttpClient({ target: 'primero', baseUrl: base }),
): Promise<unknown> {
  try {
    await client.request(
      'PATCH',
      `/status/${status}/api/v2/cases/5830f16d-385a-4327-bb86-1ac3da0cdf24?national_id_no=1100500012340`,
    )
  } catch (err) {
    return err
  } finally {
    client.close()
  }
  throw new Error('expected a failure')
}

describe('createHttpClient', () => {
  it('returns status and parsed JSON for 2xx', async () => {
    const client = createHttpClient({ target: 'primero', baseUrl: base })
    const res = await client.request<{ ok: boolean; path: string }>('GET', '/x', { searchParams: { a: 1 } })
    client.close()
    expect(res).toEqual({ status: 200, body: { ok: true, path: '/x?a=1' } })
  })

  it.each([
    [301, true],
    [302, true],
    [303, true],
    [307, true],
    [308, true],
    [400, false],
    [401, true],
    [403, false],
    [404, false],
    [408, true],
    [409, false],
    [422, false],
    [425, true],
    [429, true],
    [500, true],
    [502, true],
    [503, true],
  ])('classifies %i as retryable=%s', async (status, retryable) => {
    const err = await failure(status)
    expect(err).toBeInstanceOf(DeliveryError)
    expect((err as DeliveryError).status).toBe(status)
    expect((err as DeliveryError).retryable).toBe(retryable)
  })

  it('never takes a redirect for success nor follows it: it is an outage (a wrong base URL affects every record)', async () => {
    received.length = 0
    const err = (await failure(302)) as DeliveryError
    expect(err).toBeInstanceOf(DeliveryError)
    expect(err).toMatchObject({ status: 302, retryable: true })
    expect(err.message).toBe(
      'primero PATCH /status/:id/api/v2/cases/:id failed: 302 (redirect not followed: check the base URL)',
    )
    expect(received).toHaveLength(1)
  })

  it('parses Retry-After in seconds and as an HTTP date', async () => {
    expect(((await failure(429)) as DeliveryError).retryAfterMs).toBe(7000)
    const ms = ((await failure(503)) as DeliveryError).retryAfterMs
    expect(ms).toBeGreaterThan(20_000)
    expect(ms).toBeLessThanOrEqual(30_000)
  })

  it('puts a short envelope detail in the error and never the URL, query or ids', async () => {
    const err = (await failure(422)) as DeliveryError
    expect(err.detail).toBe('Invalid Record JSON /nationality')
    expect(err.message).toBe('primero PATCH /status/:id/api/v2/cases/:id failed: 422 Invalid Record JSON /nationality')
    expect(err.message).not.toMatch(/1100500012340|5830f16d|\?/)
  })

  it('maps 404 to NotFoundError when asked', async () => {
    const client = createHttpClient({ target: 'his', baseUrl: base })
    await expect(client.request('GET', '/status/404', { notFoundError: true })).rejects.toBeInstanceOf(NotFoundError)
    client.close()
  })

  it('returns allowed error statuses instead of throwing', async () => {
    const client = createHttpClient({ target: 'his', baseUrl: base })
    await expect(client.request('GET', '/status/404', { allowStatuses: [404] })).resolves.toMatchObject({ status: 404 })
    client.close()
  })

  it('treats a refused connection as a retryable failure without status', async () => {
    const closed = http.createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const client = createHttpClient({ target: 'primero', baseUrl: `http://127.0.0.1:${port}` })
    const err = (await client.request('GET', '/api/v2/cases').catch((e: unknown) => e)) as DeliveryError
    expect(err).toBeInstanceOf(DeliveryError)
    expect(err).toMatchObject({ retryable: true, status: undefined })
    expect(err.message).toBe('primero GET /api/v2/cases failed: ECONNREFUSED')
  })

  it('times out every call and reports it as retryable', async () => {
    const client = createHttpClient({ target: 'primero', baseUrl: base, timeoutMs: 50 })
    const err = (await client.request('GET', '/slow').catch((e: unknown) => e)) as DeliveryError
    client.close()
    expect(err).toMatchObject({ retryable: true, status: undefined })
    expect(err.message).toContain('ETIMEDOUT')
  })

  it('reports each call to the observer by target, method and status class', async () => {
    const seen: string[] = []
    const observer = { observe: (t: string, m: string, c: string, s: number) => seen.push(`${t} ${m} ${c} ${s >= 0}`) }
    const client = createHttpClient({ target: 'his', baseUrl: base, observer })
    await client.request('GET', '/ok')
    await client.request('GET', '/status/503').catch(() => undefined)
    client.close()
    expect(seen).toEqual(['his GET 2xx true', 'his GET 5xx true'])
  })
})

describe('TLS', () => {
  let tls: https.Server
  let tlsBase: string
  beforeAll(async () => {
    tls = https.createServer({ key: fixture('key.pem'), cert: fixture('cert.pem') }, handler)
    await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve))
    tlsBase = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    tls.closeAllConnections()
    await new Promise((resolve) => tls.close(resolve))
  })

  it('refuses a self-signed certificate by default', async () => {
    const client = createHttpClient({ target: 'his', baseUrl: tlsBase })
    const err = (await client.request('GET', '/ok').catch((e: unknown) => e)) as DeliveryError
    client.close()
    expect(err).toBeInstanceOf(DeliveryError)
    expect(err.message).toMatch(/SELF_SIGNED|CERT/)
  })

  it('accepts it when its CA is configured', async () => {
    const client = createHttpClient({ target: 'his', baseUrl: tlsBase, ca: fixture('cert.pem') })
    await expect(client.request('GET', '/ok')).resolves.toMatchObject({ status: 200 })
    client.close()
  })

  it('accepts it when verification is explicitly turned off', async () => {
    const client = createHttpClient({ target: 'his', baseUrl: tlsBase, rejectUnauthorized: false })
    await expect(client.request('GET', '/ok')).resolves.toMatchObject({ status: 200 })
    client.close()
  })
})
