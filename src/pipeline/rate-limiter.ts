import { sleep } from './backoff.js'

/** Token bucket: `ratePerSecond` sustained, bursts up to `burst`. Callers queue fairly (FIFO). */
export interface RateLimiter {
  take(signal?: AbortSignal): Promise<void>
}

export function createRateLimiter(ratePerSecond: number, burst = Math.max(1, Math.ceil(ratePerSecond))): RateLimiter {
  let tokens = burst
  let last = performance.now()
  let queue: Promise<void> = Promise.resolve()

  const refill = () => {
    const t = performance.now()
    tokens = Math.min(burst, tokens + ((t - last) / 1000) * ratePerSecond)
    last = t
  }

  async function takeOne(signal?: AbortSignal) {
    refill()
    while (tokens < 1) {
      await sleep(Math.ceil(((1 - tokens) / ratePerSecond) * 1000), signal)
      refill()
    }
    tokens -= 1
  }

  return {
    take(signal) {
      const next = queue.then(() => takeOne(signal))
      queue = next.catch(() => undefined)
      return next
    },
  }
}
