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
import { MAX_BODY_DEPTH, nestingDepth } from '../../../src/sources/ingress-request.js'
import { SCHEMA_NAMES, loadSchemas } from '../../../src/avro/schemas.js'
import { HOSTILE_TEXT, HOSTILE_VALUES } from '../../support/hostile-text.js'

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

function post(
  h: Harness,
  payload: string | Uint8Array,
  headers: Record<string, string> = { 'x-api-key': KEY },
  query = '',
) {
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
    ['an empty body', '', 400, 'not valid JSON'],
    ['a form-encoded body', 'data[record_id]=1&data[record_type]=case', 400, 'not valid JSON'],
    ['JSON null', 'null', 400, '"data" object'],
    ['a JSON string', '"case"', 400, '"data" object'],
    ['data as an array', JSON.stringify({ data: [RECORD, 'case'] }), 400, '"data" object'],
    ['data null', JSON.stringify({ data: null }), 400, '"data" object'],
    [
      'a numeric record id',
      JSON.stringify({ data: { record_id: 42, record_type: 'case' } }),
      400,
      'record_id is required',
    ],
    [
      'an empty record id',
      JSON.stringify({ data: { record_id: '', record_type: 'case' } }),
      400,
      'record_id is required',
    ],
    ['an SQL-looking record id', body({ record_id: HOSTILE_TEXT.sql }), 400, 'not a Primero record id'],
    ['a path-like record id', body({ record_id: '..%2F..%2Fcases%2Fother' }), 400, 'not a Primero record id'],
    ['a record id with an emoji', body({ record_id: `${RECORD}👧` }), 400, 'not a Primero record id'],
    ['a record id of 101 characters', body({ record_id: 'a'.repeat(101) }), 400, 'not a Primero record id'],
    ['a missing record type', JSON.stringify({ data: { record_id: RECORD } }), 422, 'record_type'],
    ['deep object nesting', `{"data":${'{"a":'.repeat(40)}1${'}'.repeat(40)}}`, 400, 'nested deeper'],
  ])('rejects %s with a clear 4xx and publishes nothing', async (_name, payload, status, message) => {
    const h = await start()
    const res = await post(h, payload)
    expect(res.status).toBe(status)
    expect(((await res.json()) as { error: string }).error).toContain(message)
    expect(h.published).toEqual([])
  })

  it('rejects a body that is not valid UTF-8 rather than replacing what it cannot read', async () => {
    const h = await start()
    const [head, tail] = body({ name_first: '@' }).split('@') as [string, string]
    const res = await post(h, Buffer.concat([Buffer.from(head), Buffer.from([0xe0, 0xb8]), Buffer.from(tail)]))
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({ error: 'body is not valid UTF-8' })
    expect(h.published).toEqual([])
  })

  it('answers 413 for a chunked body that grows past the limit without a declared length', async () => {
    const h = await start()
    const chunk = new TextEncoder().encode(' '.repeat(500))
    let sent = 0
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 10) controller.enqueue(chunk)
        else controller.close()
      },
    })
    const res = await fetch(`${h.url}${WEBHOOK_PATH}`, {
      method: 'POST',
      headers: { 'x-api-key': KEY },
      body: stream,
      duplex: 'half',
    })
    expect(res.status).toBe(413)
    expect(h.published).toEqual([])
  })

  it('accepts nesting up to the limit and keeps it as data', async () => {
    const depth = MAX_BODY_DEPTH - 2 // the body object and data take two levels
    const nested: unknown = JSON.parse(`${'['.repeat(depth)}"leaf"${']'.repeat(depth)}`)
    const h = await start()
    expect((await post(h, body({ nested }))).status).toBe(202)
    expect(JSON.parse(h.published[0]!.caseData)).toEqual({ nested })
  })

  it('passes SQL- and script-looking text and Unicode edge cases through as data, also through Avro', async () => {
    const h = await start()
    const fields = {
      ...HOSTILE_TEXT,
      status: HOSTILE_TEXT.sql,
      case_id_display: HOSTILE_TEXT.emoji,
      owned_by: HOSTILE_TEXT.rtl,
      list: HOSTILE_VALUES,
      ['__proto__']: { polluted: true },
    }
    const res = await post(h, body(fields))
    expect(res.status).toBe(202)
    const [event] = h.published
    expect(event).toMatchObject({
      status: HOSTILE_TEXT.sql,
      caseIdDisplay: HOSTILE_TEXT.emoji,
      requestedBy: HOSTILE_TEXT.rtl,
    })
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    const type = loadSchemas().type(SCHEMA_NAMES.caseEvent)
    const decoded = type.fromBuffer(type.toBuffer(event)) as CaseEvent
    expect(decoded.caseData).toBe(event!.caseData)
    const data = JSON.parse(decoded.caseData) as Record<string, unknown>
    for (const [key, value] of Object.entries(HOSTILE_TEXT)) expect(data[key]).toBe(value)
    expect(data.list).toEqual(HOSTILE_VALUES)
    expect(Object.getOwnPropertyDescriptor(data, '__proto__')?.value).toEqual({ polluted: true })
  })

  it.each([
    ['a letter l for a one', 'l100500012345', 'not-13-digits'],
    ['a letter O for a zero', '11005OOO12345', 'not-13-digits'],
    ['Thai digits', '๑๑๐๐๕๐๐๐๑๒๓๔๕', 'not-13-digits'],
    ['full-width digits', '１１００５００ ０１２３４５', 'not-13-digits'],
    ['an SQL suffix', "1100500012345'; DROP TABLE cases;--", 'not-13-digits'],
    ['a fraction', 1100500012345.5, 'not-13-digits'],
    ['an object', { cid: '1100500012345' }, 'not-13-digits'],
    ['an array', ['1100500012345'], 'not-13-digits'],
    ['a boolean', true, 'not-13-digits'],
    ['only dashes and spaces', ' - - ', 'missing'],
  ])(
    'publishes a national id with %s as null with the reason, keeping the raw value as data',
    async (_n, id, issue) => {
      const h = await start()
      expect((await post(h, body({ national_id_no: id }))).status).toBe(202)
      expect(h.published[0]).toMatchObject({ nationalId: null, nationalIdIssue: issue })
      expect(JSON.parse(h.published[0]!.caseData)).toEqual({ national_id_no: id })
    },
  )

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
