import type { IncomingMessage, ServerResponse } from 'node:http'
import type { CaseEvent } from '../domain/records.js'
import { errorClass } from '../errors.js'
import type { Logger } from '../logger.js'
import type { Metrics } from '../metrics.js'
import { toCaseEvent } from './case-event.js'
import type { WebhookAuth } from './ingress-auth.js'
import { eventTypeOf, parseWebhookBody } from './ingress-request.js'

export const WEBHOOK_PATH = '/webhooks/primero'

export interface IngressDeps {
  readonly auth: WebhookAuth
  readonly maxBodyBytes: number
  /** How long to wait for Kafka's acknowledgement before answering 503 (Primero then marks the sync failed). */
  readonly publishTimeoutMs: number
  /** Encodes and publishes the event; resolves once Kafka acknowledged it. */
  publish(event: CaseEvent): Promise<void>
  readonly metrics: Pick<Metrics, 'ingressRequests'>
  readonly logger: Logger
  newId(): string
  now(): number
}

type Outcome =
  'accepted' | 'not_found' | 'method_not_allowed' | 'unauthorized' | 'too_large' | 'invalid' | 'kafka_unavailable'

/**
 * Primero's webhook receiver: `POST /webhooks/primero[?event=case.post|case.create|case.update]`. Authenticates,
 * validates, publishes one CaseEvent keyed by record id and answers 202 `{eventId}` only after Kafka acknowledged.
 * Never logs bodies, ids or URLs with query strings.
 */
export function createIngressHandler(deps: IngressDeps) {
  return async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const answer = (status: number, outcome: Outcome, body: object, headers: Record<string, string> = {}) => {
      deps.metrics.ingressRequests.inc({ status_class: `${String(status)[0] ?? '5'}xx`, outcome })
      res.writeHead(status, { 'content-type': 'application/json', ...headers })
      res.end(JSON.stringify(body))
    }
    const url = new URL(req.url ?? '/', 'http://ingress')
    if (url.pathname !== WEBHOOK_PATH) return answer(404, 'not_found', { error: 'not found' })
    if (req.method !== 'POST')
      return answer(405, 'method_not_allowed', { error: 'method not allowed' }, { allow: 'POST' })
    if (!deps.auth(req.headers)) {
      req.resume()
      return answer(401, 'unauthorized', { error: 'missing or wrong credentials' })
    }
    const type = eventTypeOf(url.searchParams.get('event'))
    if (!type.ok) return answer(type.status, 'invalid', { error: type.message })

    const body = await readBody(req, deps.maxBodyBytes)
    if (body === undefined) {
      return answer(413, 'too_large', { error: `body exceeds ${deps.maxBodyBytes} bytes` }, { connection: 'close' })
    }
    let text: string
    try {
      text = UTF8.decode(body)
    } catch {
      // decoding leniently would put U+FFFD into the child's case data instead of what Primero sent
      return answer(400, 'invalid', { error: 'body is not valid UTF-8' })
    }
    const parsed = parseWebhookBody(text)
    if (!parsed.ok) return answer(parsed.status, 'invalid', { error: parsed.message })

    const event = toCaseEvent(parsed.value, {
      type: type.value,
      source: 'WEBHOOK',
      eventId: deps.newId(),
      now: deps.now(),
    })
    try {
      await withTimeout(deps.publish(event), deps.publishTimeoutMs)
    } catch (err) {
      deps.logger.warn({ errorClass: errorClass(err) }, 'webhook not accepted: Kafka unavailable')
      return answer(
        503,
        'kafka_unavailable',
        { error: 'event store unavailable; retry later' },
        { 'retry-after': '30' },
      )
    }
    answer(202, 'accepted', { eventId: event.eventId })
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true })

/** The body, or undefined once it exceeds `max` bytes (declared or actual). */
async function readBody(req: IncomingMessage, max: number): Promise<Buffer | undefined> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > max) {
    req.resume()
    return undefined
  }
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > max) {
      req.resume()
      return undefined
    }
    chunks.push(chunk)
  }
  return Buffer.concat(chunks)
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no acknowledgement within ${ms} ms`)), ms)
  })
  promise.catch(() => undefined)
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
