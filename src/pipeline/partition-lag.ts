import type { Metrics } from '../metrics.js'

/**
 * One stage's consumer-lag series: records between a partition's high watermark and its next offset to commit.
 * Only partitions assigned to this process have a series: after a rebalance, the series of partitions that moved
 * to another replica are removed (that replica reports them), so sums over replicas stay true.
 */
export interface PartitionLag {
  /** The partitions this process consumes now, per topic (the group member assignment). */
  assign(assignment: Readonly<Record<string, readonly number[]>>): void
  /** Sets a partition's lag; ignored for a partition no longer assigned (a batch finishing after a rebalance). */
  update(topic: string, partition: number, highWatermark: bigint, nextOffset: bigint): void
}

export function createPartitionLag(metrics: Metrics, stage: string): PartitionLag {
  const id = (topic: string, partition: number) => `${topic}\u0000${partition}`
  let assigned = new Set<string>()
  const reported = new Map<string, { stage: string; topic: string; partition: string }>()
  return {
    assign(assignment) {
      assigned = new Set(
        Object.entries(assignment).flatMap(([topic, partitions]) => partitions.map((p) => id(topic, p))),
      )
      for (const [key, labels] of reported) {
        if (assigned.has(key)) continue
        metrics.consumerLag.remove(labels)
        reported.delete(key)
      }
    },
    update(topic, partition, highWatermark, nextOffset) {
      const key = id(topic, partition)
      if (!assigned.has(key)) return
      const labels = { stage, topic, partition: String(partition) }
      const lag = highWatermark > nextOffset ? Number(highWatermark - nextOffset) : 0
      metrics.consumerLag.set(labels, lag)
      reported.set(key, labels)
    },
  }
}
