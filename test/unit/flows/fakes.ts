import type { Clients } from '../../../src/clients/index.js'
import type { AuditNote, RecordMeta, SendContext } from '../../../src/pipeline/stage.js'

export const NOW = Date.parse('2025-06-05T03:00:00Z')
export const meta: RecordMeta = { topic: 't', partition: 0, offset: '0', key: 'k', timestamp: NOW, now: NOW }

export function fakeContext() {
  const audits: AuditNote[] = []
  const warnings: string[] = []
  const ctx: SendContext = {
    meta,
    signal: new AbortController().signal,
    audit: (n) => audits.push(n),
    warn: (f) => warnings.push(f),
  }
  return { ctx, audits, warnings }
}

/** Clients whose methods are given; any other call fails the test. */
export function fakeClients(primero: Record<string, unknown> = {}, moph: Record<string, unknown> = {}): Clients {
  const strict = (name: string, impl: Record<string, unknown>) =>
    new Proxy(impl, {
      get: (target, prop: string) => target[prop] ?? (() => Promise.reject(new Error(`unexpected ${name}.${prop}`))),
    })
  return {
    syncUrl: 'https://bridge.example/sync',
    primero: strict('primero', primero),
    moph: strict('moph', moph),
  } as unknown as Clients
}
