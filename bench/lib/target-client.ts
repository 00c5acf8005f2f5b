import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { Received } from './order.js'

/** A target (lib/target.ts) running in a child process, driven over IPC. */
export interface RemoteTarget {
  readonly url: string
  readonly pid: number
  setLatency(ms: number): Promise<void>
  reset(): Promise<void>
  count(): Promise<number>
  dump(): Promise<Received>
  down(): Promise<void>
  up(): Promise<void>
  close(): Promise<void>
}

const script = fileURLToPath(new URL('../target-process.ts', import.meta.url))
const hooks = fileURLToPath(new URL('../../scripts/ts-hooks.mjs', import.meta.url))

export async function startRemoteTarget(latencyMs = 0): Promise<RemoteTarget> {
  const child = fork(script, [String(latencyMs)], { execArgv: ['--import', hooks], stdio: 'inherit' })
  const pending = new Map<number, (value: unknown) => void>()
  let nextId = 1
  const url = await new Promise<string>((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`target process exited with ${code}`)))
    child.once('message', (m: { url: string }) => resolve(m.url))
  })
  child.on('message', (m: { id?: number; value?: unknown }) => {
    if (m.id === undefined) return
    pending.get(m.id)?.(m.value)
    pending.delete(m.id)
  })
  const call = <T>(cmd: string, extra: object = {}) =>
    new Promise<T>((resolve) => {
      const id = nextId++
      pending.set(id, resolve as (v: unknown) => void)
      child.send({ id, cmd, ...extra })
    })
  return {
    url,
    pid: child.pid as number,
    setLatency: (ms) => call('latency', { ms }),
    reset: () => call('reset'),
    count: () => call('count'),
    dump: () => call('dump'),
    down: () => call('down'),
    up: () => call('up'),
    async close() {
      child.removeAllListeners('exit')
      await call('close')
      if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve))
    },
  }
}
