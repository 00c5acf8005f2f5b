/**
 * Caches one loaded value for `ttlMs` (clock injectable for tests). Loads are single-flight: concurrent callers
 * share one load; a failed load is not cached.
 */
export function createTtlCache<T>(load: () => Promise<T>, ttlMs: number, now: () => number = Date.now) {
  let value: { readonly data: T; readonly expiresAt: number } | undefined
  let inFlight: Promise<T> | undefined
  return {
    get(): Promise<T> {
      if (value && now() < value.expiresAt) return Promise.resolve(value.data)
      inFlight ??= load()
        .then((data) => {
          value = { data, expiresAt: now() + ttlMs }
          return data
        })
        .finally(() => {
          inFlight = undefined
        })
      return inFlight
    },
    clear(): void {
      value = undefined
    },
  }
}
