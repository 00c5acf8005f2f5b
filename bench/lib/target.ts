import http from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Received } from './order.js'

/**
 * A delivery target: `POST /deliver` with `{key, seq}` answered 200 `{}` after `latencyMs`. `down()` closes the
 * listening socket (connections refused, as in an outage) and `up()` listens again on the same port.
 */
export interface Target {
  readonly url: string
  readonly received: Received
  setLatency(ms: number): void
  reset(): void
  down(): Promise<void>
  up(): Promise<void>
  close(): Promise<void>
}

export async function startTarget(latencyMs = 0): Promise<Target> {
  let latency = latencyMs
  let received: Received = { keys: [], seqs: [], ats: [] }
  const server = http.createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const answer = () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { key: string; seq: number }
        received.keys.push(body.key)
        received.seqs.push(body.seq)
        received.ats.push(Date.now())
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '2' }).end('{}')
      }
      if (latency > 0) setTimeout(answer, latency)
      else answer()
    })
  })
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject)
        resolve((server.address() as AddressInfo).port)
      })
    })
  const stop = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve())
      server.closeAllConnections()
    })
  const port = await listen(0)
  return {
    url: `http://127.0.0.1:${port}`,
    get received() {
      return received
    },
    setLatency: (ms) => {
      latency = ms
    },
    reset: () => {
      received = { keys: [], seqs: [], ats: [] }
    },
    down: stop,
    up: async () => {
      await listen(port)
    },
    close: () => (server.listening ? stop() : Promise.resolve()),
  }
}
