import http from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * A thin HTTP proxy in front of a simulator that notes when each `PATCH /api/v2/cases/:id` first arrived
 * (the moment Primero would receive the write), then forwards the request unchanged.
 */
export async function startTimingProxy(upstream: string) {
  const target = new URL(upstream)
  const agent = new http.Agent({ keepAlive: true })
  const patchedAt = new Map<string, number>()
  const server = http.createServer((req, res) => {
    const id = req.method === 'PATCH' ? /^\/api\/v2\/cases\/([^/?]+)/.exec(req.url ?? '')?.[1] : undefined
    if (id !== undefined && !patchedAt.has(decodeURIComponent(id))) patchedAt.set(decodeURIComponent(id), Date.now())
    const forward = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    forward.on('error', () => res.destroy())
    req.pipe(forward)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    patchedAt,
    close: () =>
      new Promise<void>((resolve) => {
        agent.destroy()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
