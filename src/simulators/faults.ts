import type { Rng } from '../synthetic/prng.js'

/**
 * Faults a simulator injects into its API routes (never into `/__admin/*`).
 * - latencyMs: added delay, fixed or uniform in [min, max]; slowMs: a further fixed delay (e.g. beyond a client
 *   timeout)
 * - errorRate: share of requests answered 500 or 503
 * - status429: share of requests answered 429 with `Retry-After: retryAfterS`
 * - outage: 'refuse' closes the listening socket (connections are refused; it re-listens on the same port when
 *   cleared), 'hang' accepts requests and never answers. `outageForMs` clears the outage by itself after that
 *   long — the only way to end a 'refuse' set over HTTP, since the admin routes share the refused port.
 */
export interface Faults {
  readonly latencyMs?: number | readonly [number, number]
  readonly slowMs?: number
  readonly errorRate?: number
  readonly status429?: { readonly rate: number; readonly retryAfterS: number }
  readonly outage?: 'refuse' | 'hang' | null
  readonly outageForMs?: number
}

export type FaultAnswer =
  | { readonly kind: 'pass'; readonly delayMs: number }
  | { readonly kind: 'hang' }
  | {
      readonly kind: 'status'
      readonly delayMs: number
      readonly status: number
      readonly headers: Record<string, string>
    }

export function decideFault(faults: Faults, rng: Rng): FaultAnswer {
  if (faults.outage === 'hang') return { kind: 'hang' }
  const latency = faults.latencyMs
  const delayMs =
    (typeof latency === 'number' ? latency : latency ? rng.int(latency[0], latency[1]) : 0) + (faults.slowMs ?? 0)
  if (faults.status429 && rng.chance(faults.status429.rate)) {
    return { kind: 'status', delayMs, status: 429, headers: { 'retry-after': String(faults.status429.retryAfterS) } }
  }
  if (faults.errorRate && rng.chance(faults.errorRate)) {
    return { kind: 'status', delayMs, status: rng.chance(0.5) ? 500 : 503, headers: {} }
  }
  return { kind: 'pass', delayMs }
}

const FAULT_KEYS: ReadonlySet<string> = new Set([
  'latencyMs',
  'slowMs',
  'errorRate',
  'status429',
  'outage',
  'outageForMs',
])

/** Validates a faults object (admin endpoint, SIM_FAULTS at start); returns one problem or undefined. */
export function faultsProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'faults must be an object'
  const f = value as Record<string, unknown>
  const unknown = Object.keys(f).find((k) => !FAULT_KEYS.has(k))
  if (unknown !== undefined) return `unknown fault '${unknown}' (known: ${[...FAULT_KEYS].join(', ')})`
  const rate = (r: unknown) => r === undefined || (typeof r === 'number' && r >= 0 && r <= 1)
  const ms = (v: unknown) => v === undefined || (typeof v === 'number' && Number.isFinite(v) && v >= 0)
  if (!rate(f.errorRate)) return 'errorRate must be 0..1'
  if (!latencyOk(f.latencyMs)) return 'latencyMs must be milliseconds or [min, max] with 0 <= min <= max'
  if (!ms(f.slowMs)) return 'slowMs must be a non-negative number of milliseconds'
  if (!ms(f.outageForMs)) return 'outageForMs must be a non-negative number of milliseconds'
  if (f.outage !== undefined && f.outage !== null && f.outage !== 'refuse' && f.outage !== 'hang') {
    return "outage must be 'refuse', 'hang' or null"
  }
  const s429 = f.status429
  if (s429 !== undefined && !status429Ok(s429)) {
    return 'status429 must be {rate: 0..1, retryAfterS: number}'
  }
  return undefined
}

function status429Ok(v: unknown): boolean {
  if (typeof v !== 'object' || v === null) return false
  const { rate, retryAfterS } = v as Record<string, unknown>
  return typeof rate === 'number' && rate >= 0 && rate <= 1 && typeof retryAfterS === 'number' && retryAfterS >= 0
}

function latencyOk(v: unknown): boolean {
  if (v === undefined) return true
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0
  if (!Array.isArray(v) || v.length !== 2) return false
  const [min, max] = v as unknown[]
  return typeof min === 'number' && typeof max === 'number' && min >= 0 && min <= max
}
