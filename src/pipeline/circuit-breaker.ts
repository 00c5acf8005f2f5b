import { sleep } from './backoff.js'

export type CircuitState = 'closed' | 'half-open' | 'open'

/**
 * Per-target circuit breaker. After `failureThreshold` consecutive outage failures it opens: callers wait
 * instead of calling. After `cooldownMs` one probe call is let through (half-open); its success closes the
 * circuit, its failure re-opens it. This keeps a recovering Primero from being flooded by every in-flight record.
 */
export interface CircuitBreaker {
  readonly state: CircuitState
  /** Waits until a call may be made. */
  acquire(signal?: AbortSignal): Promise<void>
  success(): void
  /** An outage failure (record failures are not the target's fault and count as success). */
  failure(): void
  onChange(listener: (state: CircuitState) => void): void
}

export function createCircuitBreaker(options: {
  failureThreshold: number
  cooldownMs: number
  now?: () => number
}): CircuitBreaker {
  const now = options.now ?? Date.now
  let state: CircuitState = 'closed'
  let failures = 0
  let openedAt = 0
  let probing = false
  const listeners: ((s: CircuitState) => void)[] = []
  const set = (next: CircuitState) => {
    if (next === state) return
    state = next
    for (const l of listeners) l(state)
  }

  return {
    get state() {
      return state
    },
    async acquire(signal) {
      for (;;) {
        if (state === 'closed') return
        const waited = now() - openedAt
        if (state === 'open' && waited >= options.cooldownMs) set('half-open')
        if (state === 'half-open' && !probing) {
          probing = true
          return
        }
        await sleep(state === 'open' ? Math.max(10, options.cooldownMs - waited) : 50, signal)
      }
    },
    success() {
      failures = 0
      probing = false
      set('closed')
    },
    failure() {
      failures++
      probing = false
      if (state === 'half-open' || failures >= options.failureThreshold) {
        openedAt = now()
        set('open')
      }
    },
    onChange(listener) {
      listeners.push(listener)
    },
  }
}
