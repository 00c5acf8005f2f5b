import type { Readiness } from '../observability/readiness.js'

export interface RedeliveryPolicy {
  readonly baseMs: number
  readonly maxMs: number
}

export const DEFAULT_REDELIVERY_POLICY: RedeliveryPolicy = { baseMs: 1_000, maxMs: 60_000 }

/**
 * A record whose processing failed unexpectedly (a bug or an unclassified error: not an outage, which the target
 * guard retries, nor a bad record, which is dead-lettered) is neither committed past nor dead-lettered: its
 * partition fetches it again. Before that, the partition waits: `policy.baseMs` doubled per consecutive failing
 * batch, at most `policy.maxMs`, so the record's writes are not repeated in a tight loop. The process reports not
 * ready until every such partition got through a whole batch again.
 */
export interface RedeliveryBackoff {
  /** A batch of `partition` ended with an unexpected failure: the delay before it may fetch again. */
  failed(partition: string): number
  /** A batch of `partition` completed (every record reached a durable outcome): its failures are over. */
  completed(partition: string): void
  /** Forgets partitions no longer assigned to this process (another replica owns their backoff now). */
  retain(isAssigned: (partition: string) => boolean): void
}

export function createRedeliveryBackoff(
  readiness: Readiness,
  stage: string,
  policy: RedeliveryPolicy = DEFAULT_REDELIVERY_POLICY,
): RedeliveryBackoff {
  const failures = new Map<string, number>()
  const key = `redelivery:${stage}`
  const report = () =>
    readiness.set(key, failures.size === 0, 'a record failed unexpectedly; fetching it again after a backoff')
  return {
    failed(partition) {
      const n = (failures.get(partition) ?? 0) + 1
      failures.set(partition, n)
      report()
      return Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(n - 1, 30))
    },
    completed(partition) {
      if (failures.delete(partition)) report()
    },
    retain(isAssigned) {
      const before = failures.size
      for (const partition of failures.keys()) if (!isAssigned(partition)) failures.delete(partition)
      if (failures.size !== before) report()
    },
  }
}
