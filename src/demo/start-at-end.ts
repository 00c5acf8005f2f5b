import type { Kafka } from 'kafkajs'
import { stageGroupId } from '../pipeline/run-stage.js'

/**
 * The demo seeds fresh simulators on every run, so records left on the shared topics by an earlier or
 * interrupted run (or by tests on the same broker) name cases these simulators do not hold: replayed, they would
 * only be dead-lettered. The demo's stage groups therefore start at the ends of their input topics and process
 * only what this run produces. Best effort: a group still in use elsewhere is left as it is.
 */
export async function startGroupsAtEnd(
  kafka: Kafka,
  stages: readonly { readonly name: string; readonly topic: string }[],
): Promise<void> {
  const admin = kafka.admin()
  await admin.connect()
  try {
    const existing = new Set(await admin.listTopics())
    // in parallel: kafkajs sets a group's offsets by joining the group, a few seconds each
    await Promise.all(
      stages
        .filter(({ topic }) => existing.has(topic))
        .map(async ({ name, topic }) => {
          // explicit offsets: kafkajs' resetOffsets(latest) commits -1, which a consumer with fromBeginning reads
          // as "no offset" and so starts from the beginning
          const ends = await admin.fetchTopicOffsets(topic)
          const partitions = ends.map((p) => ({ partition: p.partition, offset: p.high }))
          await admin.setOffsets({ groupId: stageGroupId(name), topic, partitions }).catch(() => undefined)
        }),
    )
  } finally {
    await admin.disconnect()
  }
}
