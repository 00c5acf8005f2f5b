import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface Received {
  readonly key: string
  readonly seq: number
  readonly at: number
}

export type Responder = (
  body: { key: string; seq: number },
  attempt: number,
) =>
  { status: number; headers?: Record<string, string> } | Promise<{ status: number; headers?: Record<string, string> }>

/** A real HTTP target on 127.0.0.1:0 that records what it accepted (2xx) and every attempt. */
export async function startHttpTarget(respond: Responder = () => ({ status: 200 })) {
  const accepted: Received[] = []
  const attempts: Received[] = []
  const perBody = new Map<string, number>()
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      void (async () => {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { key: string; seq: number }
        const id = `${body.key}#${body.seq}`
        const attempt = (perBody.get(id) ?? 0) + 1
        perBody.set(id, attempt)
        attempts.push({ key: body.key, seq: body.seq, at: Date.now() })
        const answer = await respond(body, attempt)
        // a client that hung up (e.g. a killed stage whose request was held) never learned of the write
        if (answer.status < 300 && !req.socket.destroyed)
          accepted.push({ key: body.key, seq: body.seq, at: Date.now() })
        res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers }).end('{}')
      })()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    accepted,
    attempts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/**
 * Lets through at most `allowed` requests in all; the rest wait until more are allowed. A kill test uses it so the
 * kill lands mid-run, with requests in flight, however fast the machine: nothing beyond the allowance can be accepted.
 */
export function createGate(allowed: number) {
  let limit = allowed
  let passed = 0
  return {
    async pass(): Promise<void> {
      while (passed >= limit) await new Promise((r) => setTimeout(r, 10))
      passed++
    },
    exhausted: () => passed >= limit,
    allow(more: number) {
      limit += more
    },
  }
}

/**
 * Per-key order (records with the same key are delivered in offset order, seq = offset order): per key, each
 * write is either the next seq after the previous write, or a redelivery going back to an earlier seq (a re-run
 * of a suffix after a kill or a rebalance, which then goes on in order); and the key's last write is its newest
 * seq. So first arrivals are in order, and an older write landing after a newer one is caught unless the newer
 * ones are written again after it.
 */
export function keyOrderViolations(received: readonly Received[]): string[] {
  const lastByKey = new Map<string, number>()
  const maxByKey = new Map<string, number>()
  const violations: string[] = []
  for (const r of received) {
    const last = lastByKey.get(r.key) ?? -1
    if (r.seq > last + 1) violations.push(`${r.key}: ${r.seq} written after ${last}, skipping ${last + 1}`)
    lastByKey.set(r.key, r.seq)
    maxByKey.set(r.key, Math.max(maxByKey.get(r.key) ?? -1, r.seq))
  }
  for (const [key, last] of lastByKey) {
    const max = maxByKey.get(key) as number
    if (last !== max) violations.push(`${key}: last write is ${last}, not the newest ${max}`)
  }
  return violations
}
