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
        if (answer.status < 300) accepted.push({ key: body.key, seq: body.seq, at: Date.now() })
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

/** Per key, each seq must first arrive only after every smaller seq arrived (duplicates may repeat earlier ones). */
export function keyOrderViolations(received: readonly Received[]): string[] {
  const maxByKey = new Map<string, number>()
  const violations: string[] = []
  for (const r of received) {
    const max = maxByKey.get(r.key) ?? -1
    if (r.seq > max + 1) violations.push(`${r.key}: ${r.seq} before ${max + 1}`)
    maxByKey.set(r.key, Math.max(max, r.seq))
  }
  return violations
}
