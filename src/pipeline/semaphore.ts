/** Counting semaphore with a FIFO queue of waiters; bounds the records in flight per stage. */
export interface Semaphore {
  acquire(): Promise<void>
  release(): void
  readonly inUse: number
}

export function createSemaphore(limit: number): Semaphore {
  let inUse = 0
  const waiters: (() => void)[] = []
  return {
    get inUse() {
      return inUse
    },
    acquire() {
      if (inUse < limit) {
        inUse++
        return Promise.resolve()
      }
      return new Promise((resolve) => waiters.push(resolve))
    },
    release() {
      const next = waiters.shift()
      if (next) next()
      else inUse--
    },
  }
}
