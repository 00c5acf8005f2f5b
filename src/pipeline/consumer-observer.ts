import type { Consumer } from 'kafkajs'
import { errorClass } from '../errors.js'
import type { Logger } from '../logger.js'
import type { Metrics } from '../metrics.js'
import type { Readiness } from '../observability/readiness.js'

export type Assignment = Readonly<Record<string, readonly number[]>>

/**
 * Follows a stage consumer's group membership: readiness (`consumer:<stage>`), rebalance and crash counters, the
 * number of partitions assigned to this process, and `onAssignment` with the partitions it consumes now (none
 * after a crash or a stop, until it joins again).
 */
export function observeConsumer(
  consumer: Consumer,
  deps: {
    readonly metrics: Metrics
    readonly readiness: Readiness
    readonly stage: string
    readonly log: Logger
    readonly onAssignment: (assignment: Assignment) => void
  },
): void {
  const { metrics, readiness, stage, log } = deps
  const key = `consumer:${stage}`
  const assign = (assignment: Assignment) => {
    metrics.assignedPartitions.set(
      { stage },
      Object.values(assignment).reduce((n, partitions) => n + partitions.length, 0),
    )
    deps.onAssignment(assignment)
  }
  readiness.set(key, false, 'not joined')
  metrics.assignedPartitions.set({ stage }, 0)
  consumer.on(consumer.events.GROUP_JOIN, (e) => {
    readiness.set(key, true)
    metrics.rebalances.inc({ stage })
    assign(e.payload.memberAssignment)
  })
  consumer.on(consumer.events.REBALANCING, () => log.info('consumer group rebalancing'))
  consumer.on(consumer.events.CRASH, (e) => {
    metrics.consumerCrashes.inc({ stage })
    const restart = e.payload.restart
    readiness.set(key, false, restart ? 'consumer restarting after a crash' : 'consumer crashed')
    assign({})
    log.error({ errorClass: errorClass(e.payload.error), restart }, 'consumer crashed')
  })
  consumer.on(consumer.events.STOP, () => {
    readiness.set(key, false, 'stopped')
    assign({})
  })
}
