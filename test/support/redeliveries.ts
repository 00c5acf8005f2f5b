import type { Admin } from 'kafkajs'
import type { Codec } from '../../src/avro/codec.js'
import { SCHEMA_NAMES } from '../../src/avro/schemas.js'
import type { CaseEvent } from '../../src/domain/records.js'
import type { Received } from './http-target.js'
import { readTopic } from './read-topic.js'
import { testKafka } from './stage-harness.js'

export interface Placement {
  readonly partition: number
  readonly offset: bigint
}

/** Where each sink-stage body (`key#seq`) sits in the input topic. */
export async function placements(topic: string, codec: Codec): Promise<Map<string, Placement>> {
  const where = new Map<string, Placement>()
  for (const r of await readTopic(testKafka, topic)) {
    const e = await codec.decode<CaseEvent>(r.value, SCHEMA_NAMES.caseEvent)
    where.set(`${e.recordId}#${e.occurredAt}`, { partition: r.partition, offset: BigInt(r.offset) })
  }
  return where
}

/** The group's committed offset (next to read) per partition; -1 where it committed nothing. */
export async function committedOffsets(admin: Admin, groupId: string, topic: string): Promise<Map<number, bigint>> {
  const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] })
  return new Map(committed?.partitions.map((p) => [p.partition, BigInt(p.offset)]) ?? [])
}

/**
 * Writes in `after` (what the target accepted after a kill) of records committed before the kill: at-least-once
 * may repeat only uncommitted records, so this must be empty.
 */
export function committedRedeliveries(
  after: readonly Received[],
  where: ReadonlyMap<string, Placement>,
  committed: ReadonlyMap<number, bigint>,
): string[] {
  return after.flatMap((r) => {
    const id = `${r.key}#${r.seq}`
    const at = where.get(id)
    if (at === undefined) return [`${id}: not in the input topic`]
    return at.offset < (committed.get(at.partition) ?? -1n)
      ? [`${id} (partition ${at.partition}, offset ${at.offset})`]
      : []
  })
}
