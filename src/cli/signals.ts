import type { CliIo } from './io.js'

export interface StopRequest {
  /** Aborted on the first SIGTERM/SIGINT (start-up waits end early). */
  readonly signal: AbortSignal
  /** Resolves on the first SIGTERM/SIGINT. */
  readonly requested: Promise<string>
  /** Removes the handlers. */
  dispose(): void
}

const DUPLICATE_WINDOW_MS = 300

/** First SIGTERM/SIGINT: graceful stop requested; a second one: exit 1 at once. */
export function untilSignal(io: CliIo, exit: (code: number) => never = (code) => process.exit(code)): StopRequest {
  const controller = new AbortController()
  let resolve: (signal: string) => void = () => undefined
  const requested = new Promise<string>((r) => (resolve = r))
  let firstAt = 0
  const onSignal = (signal: NodeJS.Signals) => {
    // One Ctrl-C can arrive twice (the terminal's process group, and a parent forwarding it): not a second one.
    if (controller.signal.aborted && Date.now() - firstAt < DUPLICATE_WINDOW_MS) return
    if (controller.signal.aborted) {
      io.err(`received ${signal} again: exiting now`)
      exit(1)
    }
    io.err(`received ${signal}: stopping gracefully (send it again to exit at once)`)
    firstAt = Date.now()
    controller.abort()
    resolve(signal)
  }
  process.on('SIGTERM', onSignal)
  process.on('SIGINT', onSignal)
  return {
    signal: controller.signal,
    requested,
    dispose() {
      process.off('SIGTERM', onSignal)
      process.off('SIGINT', onSignal)
    },
  }
}
