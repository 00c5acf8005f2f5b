import http from 'node:http'
import https from 'node:https'
import got, { RequestError } from 'got'
import { DeliveryError, NotFoundError, isRetryableStatus } from '../errors.js'
import { describeErrorBody } from './error-detail.js'
import { parseRetryAfter } from './retry-after.js'
import { routeOf } from './route.js'

/** Receives one observation per HTTP call (e.g. a prom-client histogram). No ids in any argument. */
export interface HttpObserver {
  observe(target: string, method: string, statusClass: string, seconds: number): void
}

export interface HttpClientOptions {
  /** Name of the external system, used in errors and metrics ('primero', 'his', 'child-shield'). */
  readonly target: string
  readonly baseUrl: string
  /** Whole-request timeout; every call has one. Default 10 000 ms. */
  readonly timeoutMs?: number
  /** PEM of a custom CA to trust (e.g. the MoPH API's self-signed certificate). */
  readonly ca?: string
  /** TLS verification; default true. Turning it off must be an explicit, logged decision of the caller. */
  readonly rejectUnauthorized?: boolean
  readonly headers?: Readonly<Record<string, string>>
  readonly observer?: HttpObserver
}

export interface RequestOptions {
  readonly searchParams?: Readonly<Record<string, string | number | boolean>>
  readonly json?: unknown
  readonly headers?: Readonly<Record<string, string>>
  /** Answer 404 with a NotFoundError instead of a DeliveryError. */
  readonly notFoundError?: boolean
  /** Statuses (≥ 400) returned as a response instead of thrown, for callers that inspect them. */
  readonly allowStatuses?: readonly number[]
}

export interface HttpResponse<T> {
  readonly status: number
  readonly body: T
}

export interface HttpClient {
  readonly target: string
  /**
   * Sends one request (no retries: the stage runner owns retries). Resolves for 2xx only (and `allowStatuses`);
   * rejects with DeliveryError — retryable for network errors, timeouts and the statuses isRetryableStatus lists
   * (5xx, 408/425/429, 3xx, 401) — or NotFoundError. Redirects are never followed.
   * Error messages carry the method and the route with ids masked, never the URL, query string or body.
   */
  request<T = unknown>(method: string, path: string, options?: RequestOptions): Promise<HttpResponse<T>>
  close(): void
}

export function createHttpClient(options: HttpClientOptions): HttpClient {
  const { target, observer } = options
  const timeoutMs = options.timeoutMs ?? 10_000
  const rejectUnauthorized = options.rejectUnauthorized ?? true
  const agent = {
    http: new http.Agent({ keepAlive: true }),
    https: new https.Agent({ keepAlive: true, rejectUnauthorized, ...(options.ca ? { ca: options.ca } : {}) }),
  }
  const base = options.baseUrl.replace(/\/+$/, '')

  async function request<T>(method: string, path: string, req: RequestOptions = {}): Promise<HttpResponse<T>> {
    const label = `${target} ${method} ${routeOf(path)}`
    const started = performance.now()
    const observe = (statusClass: string) =>
      observer?.observe(target, method, statusClass, (performance.now() - started) / 1000)
    let response
    try {
      response = await got(`${base}${path}`, {
        method: method as 'GET',
        ...(req.searchParams ? { searchParams: { ...req.searchParams } } : {}),
        ...(req.json === undefined ? {} : { json: req.json }),
        headers: { accept: 'application/json', ...options.headers, ...req.headers },
        timeout: { request: timeoutMs },
        retry: { limit: 0 },
        agent,
        https: { rejectUnauthorized, ...(options.ca ? { certificateAuthority: options.ca } : {}) },
        throwHttpErrors: false,
        followRedirect: false,
        responseType: 'text',
      })
    } catch (err) {
      observe('error')
      const code = err instanceof RequestError ? err.code : 'ERR_UNKNOWN'
      throw new DeliveryError(target, `${label} failed: ${code}`, { retryable: true })
    }
    const status = response.statusCode
    observe(`${Math.floor(status / 100)}xx`)
    const body = parseBody(response.body)
    if ((status >= 200 && status < 300) || req.allowStatuses?.includes(status)) {
      if (body.ok) return { status, body: body.value as T }
      throw new DeliveryError(target, `${label} answered ${status} with a body that is not JSON`, { retryable: false })
    }
    const detail = body.ok ? describeErrorBody(body.value) : undefined
    const redirect = status >= 300 && status < 400 ? ' (redirect not followed: check the base URL)' : ''
    const message = `${label} failed: ${status}${redirect}${detail ? ` ${detail}` : ''}`
    if (status === 404 && req.notFoundError) throw new NotFoundError(target, message)
    throw new DeliveryError(target, message, {
      status,
      retryable: isRetryableStatus(status),
      ...(detail === undefined ? {} : { detail }),
      ...retryAfter(response.headers['retry-after']),
    })
  }

  return {
    target,
    request,
    close() {
      agent.http.destroy()
      agent.https.destroy()
    },
  }
}

function retryAfter(header: string | string[] | undefined): { retryAfterMs?: number } {
  const ms = parseRetryAfter(header)
  return ms === undefined ? {} : { retryAfterMs: ms }
}

function parseBody(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: true, value: undefined }
  try {
    return { ok: true, value: JSON.parse(text) as unknown }
  } catch {
    return { ok: false }
  }
}
