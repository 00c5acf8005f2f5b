import { BridgeError, DeliveryError, ShutdownError } from '../errors.js'
import type { Metrics } from '../metrics.js'
import { backoffDelay, sleep, type BackoffPolicy } from './backoff.js'
import { createCircuitBreaker, type CircuitBreaker } from './circuit-breaker.js'
import { createRateLimiter, type RateLimiter } from './rate-limiter.js'

/** How many times a call was tried and when it failed, for dead-letter headers. */
export interface AttemptStats {
  attempts: number
  firstFailureAt?: number
  lastFailureAt?: number
}

/**
 * Everything between a stage and one target system: rate limit, circuit breaker, and the outage retry loop.
 * A retryable error (network, timeout, 5xx, 408/425/429, Kafka unavailable) is retried with exponential
 * backoff and full jitter, honouring Retry-After, without limit, until it succeeds or `signal` aborts.
 * Any other error is thrown at once: the caller dead-letters the record.
 */
export interface TargetGuard {
  readonly name: string
  readonly down: boolean
  run<T>(call: () => Promise<T>, signal: AbortSignal, stats?: AttemptStats): Promise<T>
}

export interface TargetGuardOptions {
  readonly name: string
  readonly backoff: BackoffPolicy
  readonly ratePerSecond?: number
  readonly failureThreshold: number
  readonly cooldownMs: number
  readonly metrics?: Metrics
  /** Told when the target goes down or comes back (readiness, paused-partition accounting). */
  readonly onStateChange?: (down: boolean) => void
  readonly onRetry?: (error: unknown, attempt: number, delayMs: number) => void
}

export function isRetryable(error: unknown): boolean {
  if (error instanceof BridgeError) return error.retryable
  // kafkajs marks broker/network errors it would retry itself as retriable
  return typeof error === 'object' && error !== null && (error as { retriable?: unknown }).retriable === true
}

export function retryReason(error: unknown): string {
  if (error instanceof DeliveryError) {
    if (error.status === undefined) return /timeout/i.test(error.message) ? 'timeout' : 'network'
    return error.status >= 500 ? 'http_5xx' : `http_${error.status}`
  }
  if (error instanceof BridgeError) return error.code.toLowerCase()
  return 'kafka'
}

export function createTargetGuard(options: TargetGuardOptions): TargetGuard {
  const breaker: CircuitBreaker = createCircuitBreaker(options)
  const limiter: RateLimiter | undefined = options.ratePerSecond ? createRateLimiter(options.ratePerSecond) : undefined
  let down = false
  const setDown = (value: boolean) => {
    if (value === down) return
    down = value
    options.metrics?.targetUp.set({ target: options.name }, value ? 0 : 1)
    options.onStateChange?.(value)
  }
  options.metrics?.targetUp.set({ target: options.name }, 1)
  options.metrics?.circuitState.set({ target: options.name }, 0)
  breaker.onChange((s) =>
    options.metrics?.circuitState.set({ target: options.name }, s === 'closed' ? 0 : s === 'half-open' ? 1 : 2),
  )

  return {
    name: options.name,
    get down() {
      return down
    },
    async run(call, signal, stats = { attempts: 0 }) {
      for (;;) {
        if (signal.aborted) throw new ShutdownError()
        try {
          await breaker.acquire(signal)
          await limiter?.take(signal)
        } catch {
          throw new ShutdownError()
        }
        stats.attempts++
        try {
          const result = await call()
          breaker.success()
          setDown(false)
          return result
        } catch (err) {
          if (!isRetryable(err)) {
            breaker.success() // the target answered; the record is at fault
            setDown(false)
            throw err
          }
          const t = Date.now()
          stats.firstFailureAt ??= t
          stats.lastFailureAt = t
          breaker.failure()
          setDown(true)
          const delay = backoffDelay(stats.attempts, options.backoff, (err as { retryAfterMs?: number }).retryAfterMs)
          options.metrics?.retries.inc({ target: options.name, reason: retryReason(err) })
          options.onRetry?.(err, stats.attempts, delay)
          try {
            await sleep(delay, signal)
          } catch {
            throw new ShutdownError()
          }
        }
      }
    },
  }
}
