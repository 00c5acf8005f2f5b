import { describe, expect, it } from '@jest/globals'
import { DeliveryError, TransformError } from '../../../src/errors.js'
import { backoffDelay } from '../../../src/pipeline/backoff.js'
import { createCircuitBreaker } from '../../../src/pipeline/circuit-breaker.js'
import { createRateLimiter } from '../../../src/pipeline/rate-limiter.js'
import { createTargetGuard, isRetryable, retryReason } from '../../../src/pipeline/target-guard.js'

describe('backoffDelay', () => {
  const policy = { baseMs: 100, maxMs: 5_000 }
  it('grows exponentially under a cap, with full jitter', () => {
    expect(backoffDelay(1, policy, undefined, () => 0.999)).toBe(99)
    expect(backoffDelay(4, policy, undefined, () => 0.999)).toBe(799)
    expect(backoffDelay(40, policy, undefined, () => 0.999)).toBe(4_995)
    expect(backoffDelay(4, policy, undefined, () => 0)).toBe(0)
  })
  it('waits at least what Retry-After asks, bounded', () => {
    expect(backoffDelay(1, policy, 3_000, () => 0)).toBe(3_000)
    expect(backoffDelay(1, { ...policy, maxRetryAfterMs: 1_000 }, 3_000, () => 0)).toBe(1_000)
  })
})

describe('retry classification', () => {
  it.each([
    [408, true],
    [425, true],
    [429, true],
    [500, true],
    [503, true],
    [302, true],
    [401, true],
    [400, false],
    [403, false],
    [404, false],
    [409, false],
    [422, false],
  ])('HTTP %i retryable=%s', (status, retryable) => {
    expect(isRetryable(new DeliveryError('t', 'x', { status }))).toBe(retryable)
  })
  it('treats network errors as outages and transform errors as record failures', () => {
    expect(isRetryable(new DeliveryError('t', 'ECONNREFUSED'))).toBe(true)
    expect(retryReason(new DeliveryError('t', 'ECONNREFUSED'))).toBe('network')
    expect(retryReason(new DeliveryError('t', 'x', { status: 503 }))).toBe('http_5xx')
    expect(isRetryable(new TransformError('bad'))).toBe(false)
    expect(isRetryable(new TypeError('bug'))).toBe(false)
  })
})

describe('circuit breaker', () => {
  it('opens after the threshold, lets one probe through after the cooldown, closes on success', async () => {
    let now = 0
    const cb = createCircuitBreaker({ failureThreshold: 2, cooldownMs: 1_000, now: () => now })
    cb.failure()
    expect(cb.state).toBe('closed')
    cb.failure()
    expect(cb.state).toBe('open')
    now = 1_000
    await cb.acquire()
    expect(cb.state).toBe('half-open')
    let second = false
    const waiting = cb.acquire().then(() => (second = true))
    await new Promise((r) => setTimeout(r, 80))
    expect(second).toBe(false)
    cb.success()
    await waiting
    expect(cb.state).toBe('closed')
  })
})

describe('rate limiter', () => {
  it('sustains the configured rate after the burst', async () => {
    const limiter = createRateLimiter(50, 1)
    const start = performance.now()
    for (let i = 0; i < 6; i++) await limiter.take()
    expect(performance.now() - start).toBeGreaterThanOrEqual(90)
  })
})

describe('target guard', () => {
  const options = { name: 't', backoff: { baseMs: 1, maxMs: 5 }, failureThreshold: 100, cooldownMs: 10 }
  it('retries outages until success and reports the outage', async () => {
    const states: boolean[] = []
    const guard = createTargetGuard({ ...options, onStateChange: (d) => states.push(d) })
    let calls = 0
    const stats = { attempts: 0 }
    const result = await guard.run(
      () => (++calls < 4 ? Promise.reject(new DeliveryError('t', 'down', { status: 503 })) : Promise.resolve('ok')),
      new AbortController().signal,
      stats,
    )
    expect(result).toBe('ok')
    expect(stats.attempts).toBe(4)
    expect(states).toEqual([true, false])
  })
  it('throws record failures at once, and stops on abort', async () => {
    const guard = createTargetGuard(options)
    await expect(
      guard.run(
        async () => Promise.reject(new DeliveryError('t', 'bad', { status: 422 })),
        new AbortController().signal,
      ),
    ).rejects.toMatchObject({ status: 422 })
    const ac = new AbortController()
    const pending = guard.run(async () => Promise.reject(new DeliveryError('t', 'down')), ac.signal)
    setTimeout(() => ac.abort(), 20)
    await expect(pending).rejects.toMatchObject({ code: 'BRIDGE_SHUTDOWN' })
  })
})
