import type { Admin, ITopicConfig } from 'kafkajs'

/** The bridge's topics (design §3). Dead-letter topics are `<topic>.dlq`. */
export const TOPICS = {
  caseEvents: 'primero.case-events',
  hisLookupResults: 'his.lookup-results',
  riskScores: 'childshield.risk-scores',
  audit: 'primero-bridge.audit',
  cursors: 'primero-bridge.cursors',
} as const

export function dlqTopic(topic: string): string {
  return `${topic}.dlq`
}

export interface TopicPlan {
  readonly partitions: number
  readonly replicationFactor: number
}

/** Every topic the bridge uses, with its DLQ; the cursor topic is compacted. */
export function bridgeTopics(plan: TopicPlan, extra: readonly string[] = []): ITopicConfig[] {
  const consumed = [...new Set([TOPICS.caseEvents, TOPICS.hisLookupResults, TOPICS.riskScores, ...extra])]
  const base = { numPartitions: plan.partitions, replicationFactor: plan.replicationFactor }
  return [
    ...consumed.map((topic) => ({ topic, ...base })),
    ...consumed.map((topic) => ({ topic: dlqTopic(topic), ...base })),
    { topic: TOPICS.audit, ...base },
    {
      topic: TOPICS.cursors,
      numPartitions: 1,
      replicationFactor: plan.replicationFactor,
      configEntries: [{ name: 'cleanup.policy', value: 'compact' }],
    },
  ]
}

/** Creates the topics that do not exist yet (idempotent), waiting for their leaders. */
export async function ensureTopics(admin: Admin, topics: readonly ITopicConfig[]): Promise<void> {
  const existing = new Set(await admin.listTopics())
  const missing = topics.filter((t) => !existing.has(t.topic))
  if (missing.length === 0) return
  await admin.createTopics({ topics: missing, waitForLeaders: true })
}
