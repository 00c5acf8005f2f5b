import { Cron } from 'croner'
import type { Config } from '../config.js'
import { DeliveryError, ShutdownError, errorClass } from '../errors.js'
import { backoffDelay, sleep } from '../pipeline/backoff.js'
import { createCursorStore } from './cursor-store.js'
import { pollCursor, type PollResult, type PollerSpec } from './poller.js'
import { defineSource, type RunningSource, type Source, type SourceContext } from './source.js'

export interface PollerSchedule {
  readonly cron: (config: Config) => string
  readonly startValue: (config: Config) => string
  readonly enabled?: (config: Config) => boolean
}

/** A scheduled poller: `source` for `primero-bridge run <name>`, `pollOnce` for tests and the CLI. */
export interface Poller {
  readonly name: string
  readonly source: Source
  /** One poll now (serialised with scheduled runs in this process); resolves after the cursor was written. */
  pollOnce(ctx: SourceContext, signal?: AbortSignal): Promise<PollResult>
}

export interface RunningPoller extends RunningSource {
  pollOnce(): Promise<PollResult>
}

const SCHEDULED_ATTEMPTS = 5
const AGE_REFRESH_MS = 15_000

export function definePoller<Item>(spec: PollerSpec<Item>, schedule: PollerSchedule): Poller {
  let chain: Promise<unknown> = Promise.resolve()
  let lastTakenAt: number | undefined

  async function pollNow({ runtime, clients }: SourceContext, signal: AbortSignal): Promise<PollResult> {
    const { config, metrics } = runtime
    const store = createCursorStore(runtime)
    const kafka = <T>(call: () => Promise<T>) => runtime.kafkaGuard.run(call, signal)
    try {
      const result = await pollCursor(spec, {
        store: { read: (s) => kafka(() => store.read(s)), write: (c) => kafka(() => store.write(c)) },
        now: Date.now,
        overlapMs: config.POLL_OVERLAP_MS,
        startValue: schedule.startValue(config),
        pages: (since) => spec.pages(clients, since),
        publish: (record) =>
          kafka(async () => {
            const value = runtime.codec.encode(spec.topic, record.value)
            try {
              await runtime.publisher.publish(spec.topic, { key: record.key, value })
            } catch (err) {
              throw new DeliveryError('kafka', `writing to ${spec.topic} failed`, { cause: err, retryable: true })
            }
            metrics.published.inc({ source: spec.name, topic: spec.topic })
          }),
        onSkip: (field) => metrics.mappingWarnings.inc({ stage: spec.name, field }),
      })
      lastTakenAt = result.cursor.takenAt
      metrics.cursorAge.set({ source: spec.name }, 0)
      metrics.pollerRuns.inc({ source: spec.name, outcome: 'success' })
      runtime.logger.info(
        {
          source: spec.name,
          since: result.since,
          cursor: result.cursor.value,
          published: result.published,
          skipped: result.skipped,
        },
        'poll finished',
      )
      return result
    } catch (err) {
      metrics.pollerRuns.inc({ source: spec.name, outcome: 'failed' })
      throw err
    }
  }

  function pollOnce(ctx: SourceContext, signal: AbortSignal = new AbortController().signal): Promise<PollResult> {
    const run = chain.then(() => pollNow(ctx, signal))
    chain = run.catch(() => undefined)
    return run
  }

  const source = defineSource({
    name: spec.name,
    async start(ctx): Promise<RunningPoller> {
      const { config, metrics } = ctx.runtime
      const log = ctx.runtime.logger.child({ source: spec.name })
      const stopping = new AbortController()
      const stopped = () => stopping.signal.aborted
      if (schedule.enabled && !schedule.enabled(config)) {
        log.info('poller disabled by configuration')
        return { name: spec.name, pollOnce: () => pollOnce(ctx), stop: () => Promise.resolve() }
      }
      const store = createCursorStore(ctx.runtime)
      const current = await ctx.runtime.kafkaGuard.run(() => store.read(spec.name), stopping.signal)
      lastTakenAt = current?.takenAt
      const refreshAge = () => {
        if (lastTakenAt !== undefined) metrics.cursorAge.set({ source: spec.name }, (Date.now() - lastTakenAt) / 1000)
      }
      refreshAge()
      const ageTimer = setInterval(refreshAge, AGE_REFRESH_MS)
      ageTimer.unref()

      let running: Promise<void> = Promise.resolve()
      const scheduled = async () => {
        for (let attempt = 1; attempt <= SCHEDULED_ATTEMPTS && !stopped(); attempt++) {
          try {
            await pollOnce(ctx, stopping.signal)
            return
          } catch (err) {
            if (err instanceof ShutdownError || stopped()) return
            const delay = backoffDelay(attempt, { baseMs: config.RETRY_BASE_MS * 4, maxMs: config.RETRY_MAX_MS })
            log.warn({ errorClass: errorClass(err), attempt, retryInMs: delay }, 'poll failed')
            await sleep(delay, stopping.signal).catch(() => undefined)
          }
        }
      }
      const job = new Cron(schedule.cron(config), { timezone: config.POLL_TIMEZONE, protect: true }, () => {
        running = scheduled()
        return running
      })
      log.info(
        { cron: schedule.cron(config), timezone: config.POLL_TIMEZONE, next: job.nextRun()?.toISOString() },
        'poller scheduled',
      )
      return {
        name: spec.name,
        pollOnce: () => pollOnce(ctx, stopping.signal),
        async stop() {
          job.stop()
          clearInterval(ageTimer)
          stopping.abort(new ShutdownError())
          await running
        },
      }
    },
  })

  return { name: spec.name, source, pollOnce }
}
