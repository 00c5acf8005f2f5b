import http from 'node:http'
import type { AddressInfo } from 'node:net'

/** One request that went through the proxy, with when it arrived and when its answer was complete. */
export interface ProxiedRequest {
  readonly method: string
  /** Path and query, without `access_token`: the same for every retry of one call. */
  readonly call: string
  readonly status: number
  readonly receivedAt: number
  readonly answeredAt: number
}

/**
 * A pass-through HTTP proxy on 127.0.0.1 in front of a simulator, recording each request's timing and answer (the
 * simulators record neither), e.g. to check that a client waited as long as a 429's Retry-After asked.
 * `forwardTo` is set once the simulator is up; until then the proxy answers 502 (an outage the client retries).
 */
export async function startRecordingProxy() {
  let upstream: URL | undefined
  const requests: ProxiedRequest[] = []
  const server = http.createServer((req, res) => {
    const receivedAt = performance.now()
    const url = new URL(req.url ?? '/', 'http://proxy')
    url.searchParams.delete('access_token')
    const call = `${url.pathname}${url.search}`
    if (!upstream) {
      res.writeHead(502).end()
      return
    }
    const forward = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
        answer.on('end', () =>
          requests.push({
            method: req.method ?? 'GET',
            call,
            status: answer.statusCode ?? 502,
            receivedAt,
            answeredAt: performance.now(),
          }),
        )
      },
    )
    forward.on('error', () => (res.headersSent ? res.destroy() : res.writeHead(502).end()))
    req.pipe(forward)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    forwardTo(target: string) {
      upstream = new URL(target)
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** For each 429 answer followed by another request for the same call: how long the client waited (ms). */
export function waitsAfter429(requests: readonly ProxiedRequest[]): { call: string; waitedMs: number }[] {
  const byCall = new Map<string, ProxiedRequest[]>()
  for (const r of requests) byCall.set(`${r.method} ${r.call}`, [...(byCall.get(`${r.method} ${r.call}`) ?? []), r])
  return [...byCall].flatMap(([call, rs]) => {
    const ordered = [...rs].sort((a, b) => a.receivedAt - b.receivedAt)
    return ordered.flatMap((r, i) => {
      const next = ordered[i + 1]
      return r.status === 429 && next ? [{ call, waitedMs: next.receivedAt - r.answeredAt }] : []
    })
  })
}
