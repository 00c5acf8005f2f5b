import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { setTimeout as delay } from 'node:timers/promises'
import { createRng } from '../synthetic/prng.js'
import { decideFault, faultsProblem } from './faults.js'
import type { Faults } from './faults.js'
import { parseJson, readBody, sendJson } from './http-io.js'

export interface SimRequest {
  readonly method: string
  readonly path: string
  readonly query: URLSearchParams
  readonly headers: http.IncomingHttpHeaders
  /** Parsed JSON body; undefined when empty. */
  readonly body: unknown
}

export interface SimResponse {
  readonly status: number
  readonly body?: unknown
  readonly headers?: Record<string, string>
}

/** What a simulator received, for test assertions. Secrets (`access_token`) are removed from `query`. */
export interface RecordedRequest {
  readonly method: string
  readonly path: string
  readonly query: Readonly<Record<string, string>>
  readonly body: unknown
}

export interface SimServerOptions {
  readonly port?: number
  readonly host?: string
  readonly faults?: Faults
  readonly seed?: number
  readonly handle: (req: SimRequest) => SimResponse | Promise<SimResponse>
  /** Extra `/__admin/*` routes; answer undefined for "not mine". */
  readonly admin?: (req: SimRequest) => SimResponse | undefined | Promise<SimResponse | undefined>
  readonly state: () => unknown
  readonly reset: () => void
  readonly invalidJson: SimResponse
}

export interface SimServer {
  readonly url: string
  readonly port: number
  readonly requests: RecordedRequest[]
  faults(): Faults
  setFaults(faults: Faults): Promise<void>
  close(): Promise<void>
}

const MAX_RECORDED = 10_000

export async function startSimServer(options: SimServerOptions): Promise<SimServer> {
  const host = options.host ?? '127.0.0.1'
  const rng = createRng(options.seed ?? 1)
  const requests: RecordedRequest[] = []
  const hanging = new Set<http.ServerResponse>()
  let faults: Faults = {}
  let listening = false
  let clearTimer: NodeJS.Timeout | undefined

  const server = http.createServer((req, res) => {
    void serve(req, res).catch(() => {
      if (!res.headersSent) sendJson(res, 500, { error: 'simulator failure' })
      else res.destroy()
    })
  })

  async function serve(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sim')
    const parsed = parseJson(await readBody(req))
    if (!parsed.ok) {
      sendJson(res, options.invalidJson.status, options.invalidJson.body)
      return
    }
    const simReq: SimRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body: parsed.value,
    }
    if (url.pathname.startsWith('/__admin/')) {
      const { after, ...answer } = await adminRoute(simReq)
      if (after) res.once('finish', () => void after())
      sendJson(res, answer.status, answer.body, answer.headers)
      return
    }
    record(simReq)
    const fault = decideFault(faults, rng)
    if (fault.kind === 'hang') {
      hanging.add(res)
      res.on('close', () => hanging.delete(res))
      return
    }
    if (fault.delayMs > 0) await delay(fault.delayMs)
    const answer =
      fault.kind === 'status'
        ? { status: fault.status, body: { error: 'injected fault' }, headers: fault.headers }
        : await options.handle(simReq)
    if (!res.destroyed) sendJson(res, answer.status, answer.body, answer.headers)
  }

  function record(req: SimRequest): void {
    const query = Object.fromEntries([...req.query].filter(([k]) => k !== 'access_token'))
    requests.push({ method: req.method, path: req.path, query, body: req.body })
    if (requests.length > MAX_RECORDED) requests.shift()
  }

  /** `after` runs once the answer is sent (a 'refuse' outage closes the very connection that asked for it). */
  async function adminRoute(req: SimRequest): Promise<SimResponse & { after?: () => Promise<void> }> {
    const route = `${req.method} ${req.path}`
    if (route === 'GET /__admin/requests') return { status: 200, body: requests }
    if (route === 'GET /__admin/state') return { status: 200, body: options.state() }
    if (route === 'POST /__admin/reset') {
      options.reset()
      requests.length = 0
      await setFaults({})
      return { status: 204 }
    }
    if (route === 'POST /__admin/faults') {
      const problem = faultsProblem(req.body)
      if (problem) return { status: 400, body: { error: problem } }
      const next = req.body as Faults
      return { status: 200, body: next, after: () => setFaults(next) }
    }
    return (await options.admin?.(req)) ?? { status: 404, body: { error: 'no such admin route' } }
  }

  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, host, () => {
        server.off('error', reject)
        listening = true
        resolve((server.address() as AddressInfo).port)
      })
    })
  const stopListening = () =>
    new Promise<void>((resolve) => {
      listening = false
      server.close(() => {
        resolve()
      })
      server.closeAllConnections()
    })
  const releaseHanging = () => {
    for (const res of hanging) res.destroy()
    hanging.clear()
  }

  async function setFaults(next: Faults): Promise<void> {
    faults = next
    if (clearTimer) clearTimeout(clearTimer)
    if (next.outage !== 'hang') releaseHanging()
    if (next.outage === 'refuse' && listening) await stopListening()
    if (next.outage !== 'refuse' && !listening) await listen(port)
    if (next.outage && next.outageForMs !== undefined) {
      clearTimer = setTimeout(() => void setFaults({ ...next, outage: null, outageForMs: undefined }), next.outageForMs)
      clearTimer.unref()
    }
  }

  const port = await listen(options.port ?? 0)
  if (options.faults) await setFaults(options.faults)
  return {
    url: `http://${host}:${port}`,
    port,
    requests,
    faults: () => faults,
    setFaults,
    async close() {
      if (clearTimer) clearTimeout(clearTimer)
      releaseHanging()
      if (listening) await stopListening()
    },
  }
}
