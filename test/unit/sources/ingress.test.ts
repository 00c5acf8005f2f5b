import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from '@jest/globals'
import type { Config } from '../../../src/config.js'
import { ConfigError } from '../../../src/errors.js'
import type { CaseEvent } from '../../../src/domain/records.js'
import { createLogger } from '../../../src/logger.js'
import { createMetrics } from '../../../src/metrics.js'
import { createWebhookAuth } from '../../../src/sources/ingress-auth.js'
import { WEBHOOK_PATH, createIngressHandler } from '../../../src/sources/ingress-handler.js'
import { nestingDepth } from '../../../src/sources/ingress-request.js'

const KEY = 'unit-test-api-key-0123456789'
const auth = {
  INGRESS_API_KEY: KEY,
  INGRESS_BASIC_USER: 'primero',
  INGRESS_BASIC_PASSWORD: 'basic-password-1',
} as Config
const RECORD = '5830f16d-6e8a-4bde-9c1a-4c0b2b6c1e11'

interface Harness {
  url: string
  published: CaseEvent[]
  metrics: ReturnType<typeof createMetrics>
  close(): Promise<void>
}
let harness: Harness | undefined
afterEach(async () => {
  await harness?.close()
  harness = undefined
})

async function start(publish?: (e: CaseEvent) => Promise<void>): Promise<Harness> {
  const published: CaseEvent[] = []
  const metrics = createMetrics()
  const handler = createIngressHandler({
    auth: createWebhookAuth(auth),
    maxBodyBytes: 2_000,
    publishTimeoutMs: 300,
    publish: publish ?? ((e) => Promise.resolve(void published.push(e))),
    metrics,
    logger: createLogger('silent'),
    newId: () => 'event-1',
    now: () => 1_700_000_000_000,
  })
  const server = http.createServer((req, res) => void handler(req, res))
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const { port } = server.address() as AddressInfo
  harness = {
    url: `http://127.0.0.1:${port}`,
    published,
    metrics,
    close: () => new Promise((r) => server.close(() => r())),
  }
  return harness
}

const body = (data: Record<string, unknown>) =>
  JSON.stringify({ data: { record_id: RECORD, record_type: 'case', ...data } })

function post(h: Harness, payload: string, headers: Record<string, string> = { 'x-api-key': KEY }, query = '') {
  return fetch(`${h.url}${WEBHOOK_PATH}${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: payload,
  })
}

describe('webhook ingress', () => {
  it('publishes a normalised SYNC_REQUESTED event and answers 202 with its id', async () => {
    const h = await start()
    const res = await post(
      h,
      body({
        national_id_no: '1-1005-00012-34-5',
        case_id_display: 'abc1234',
        status: 'open',
        owned_by: 'cw1',
        hostname: 'x',
      }),
    )
    expect(res.status).toBe(202)
    expect(await res.json()).toEqual({ eventId: 'event-1' })
    const [event] = h.published
    expect(event).toMatchObject({
      type: 'SYNC_REQUESTED',
      source: 'WEBHOOK',
      recordId: RECORD,
      nationalId: '1100500012345',
      caseIdDisplay: 'abc1234',
      requestedBy: 'cw1',
    })
    expect(JSON.parse(event!.caseData)).toEqual({
      national_id_no: '1-1005-00012-34-5',
      case_id_display: 'abc1234',
      status: 'open',
      owned_by: 'cw1',
    })
  })

  it('maps ?event= to the event type and accepts numeric national ids and Basic auth', async () => {
    const h = await start()
    const basic = `Basic ${Buffer.from('primero:basic-password-1').toString('base64')}`
    expect(
      (await post(h, body({ national_id_no: 1100500012345 }), { authorization: basic }, '?event=case.create')).status,
    ).toBe(202)
    expect((await post(h, body({}), { 'x-api-key': KEY }, '?event=case.update')).status).toBe(202)
    expect(h.published.map((e) => e.type)).toEqual(['CREATED', 'UPDATED'])
    expect(h.published[0]!.nationalId).toBe('1100500012345')
    expect(h.published[1]).toMatchObject({ nationalId: null, nationalIdIssue: 'missing' })
    expect((await post(h, body({}), { 'x-api-key': KEY }, '?event=case.delete')).status).toBe(400)
  })

  it('answers 401 without or with wrong credentials and publishes nothing', async () => {
    const h = await start()
    expect((await post(h, body({}), {})).status).toBe(401)
    expect((await post(h, body({}), { 'x-api-key': `${KEY}x` })).status).toBe(401)
    const wrong = `Basic ${Buffer.from('primero:nope').toString('base64')}`
    expect((await post(h, body({}), { authorization: wrong })).status).toBe(401)
    expect(h.published).toEqual([])
  })

  it.each([
    ['malformed JSON', '{"data":', 400, 'not valid JSON'],
    ['missing record id', JSON.stringify({ data: { record_type: 'case' } }), 400, 'record_id is required'],
    ['wrong record type', JSON.stringify({ data: { record_id: RECORD, record_type: 'incident' } }), 422, 'record_type'],
    ['no data object', JSON.stringify([1]), 400, '"data" object'],
    ['deep nesting', `{"data":${'['.repeat(40)}${']'.repeat(40)}}`, 400, 'nested deeper'],
    ['oversized body', body({ filler: 'x'.repeat(3_000) }), 413, 'exceeds'],
  ])('rejects %s with a clear 4xx and publishes nothing', async (_name, payload, status, message) => {
    const h = await start()
    const res = await post(h, payload)
    expect(res.status).toBe(status)
    expect(((await res.json()) as { error: string }).error).toContain(message)
    expect(h.published).toEqual([])
  })

  it('answers 404 off the webhook path and 405 for other methods', async () => {
    const h = await start()
    expect((await fetch(`${h.url}/other`, { method: 'POST' })).status).toBe(404)
    const get = await fetch(`${h.url}${WEBHOOK_PATH}`)
    expect(get.status).toBe(405)
    expect(get.headers.get('allow')).toBe('POST')
  })

  it('answers 503 within the publish timeout when Kafka does not acknowledge, and counts it', async () => {
    const h = await start(() => new Promise<void>(() => undefined))
    const started = Date.now()
    expect((await post(h, body({}))).status).toBe(503)
    expect(Date.now() - started).toBeLessThan(3_000)
    const metrics = await h.metrics.registry.getSingleMetricAsString('primero_bridge_ingress_requests_total')
    expect(metrics).toContain('status_class="5xx",outcome="kafka_unavailable"} 1')
  })

  it('refuses to start without any credential configured', () => {
    expect(() => createWebhookAuth({})).toThrow(ConfigError)
  })

  it('measures nesting outside strings only', () => {
    expect(nestingDepth('{"a":"[[[[","b":[{}]}')).toBe(3)
  })
})
