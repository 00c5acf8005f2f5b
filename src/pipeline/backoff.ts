/** Exponential backoff with full jitter (AWS architecture blog), honouring a server's Retry-After. */
export interface BackoffPolicy {
  readonly baseMs: number
  readonly maxMs: number
  /** Longest Retry-After we accept; beyond it we wait this long and ask again. */
  readonly maxRetryAfterMs?: number
}

export function backoffDelay(
  attempt: number,
  policy: BackoffPolicy,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt - 1, 30))
  const jittered = Math.floor(random() * ceiling)
  if (retryAfterMs === undefined) return jittered
  return Math.max(jittered, Math.min(retryAfterMs, policy.maxRetryAfterMs ?? 10 * 60_000))
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason as Error)
      return
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    function onAbort() {
      clearTimeout(timer)
      reject(signal?.reason as Error)
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
