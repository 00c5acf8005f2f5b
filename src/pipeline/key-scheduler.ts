import type { Semaphore } from './semaphore.js'

/**
 * Runs one partition batch with key-level parallelism: records with the same key run one after another in
 * offset order; different keys run concurrently, bounded by the stage-wide semaphore. Resolves when every
 * record has settled; `onSettled` is told each record's offset as soon as it is done.
 * When `shouldStart()` turns false (shutdown, rebalance), records not yet started are abandoned (they are
 * never reported done, so their offsets are not committed and they are redelivered).
 */
export async function runKeyOrdered<M extends { key: Buffer | string | null; offset: string }>(
  messages: readonly M[],
  handle: (message: M) => Promise<void>,
  options: {
    semaphore: Semaphore
    shouldStart: () => boolean
    onSettled: (message: M, error: unknown) => void
  },
): Promise<void> {
  const tails = new Map<string, Promise<boolean>>()
  const all: Promise<boolean>[] = []
  for (const [index, message] of messages.entries()) {
    // a null key has no ordering promise to keep: give it a lane of its own
    const lane = message.key === null ? `\u0000${index}` : message.key.toString()
    const previous = tails.get(lane) ?? Promise.resolve(true)
    const run = previous.then(async (previousOk) => {
      // a failed (abandoned) earlier record of the same key blocks the later ones: order is kept on redelivery
      if (!previousOk || !options.shouldStart()) return false
      await options.semaphore.acquire()
      try {
        if (!options.shouldStart()) return false
        await handle(message)
        options.onSettled(message, undefined)
        return true
      } catch (err) {
        options.onSettled(message, err)
        return false
      } finally {
        options.semaphore.release()
      }
    })
    tails.set(lane, run)
    all.push(run)
  }
  await Promise.all(all)
}
