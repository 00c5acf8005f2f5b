import { randomInt } from 'node:crypto'
import { createKafka } from '../../../src/kafka/client.js'
import { createLogger } from '../../../src/logger.js'
import { RUNNABLES } from '../../../src/stages.js'
import { generateChildren, type SyntheticChild } from '../../../src/synthetic/children.js'
import { testConfig, waitFor } from '../../support/env.js'
import { readTopic, type TopicRecord } from '../reliability/outcomes.js'
import type { World } from '../reliability/world.js'

export const PHASE1 = [RUNNABLES['his-lookup']!, RUNNABLES['his-to-primero']!]

/** A kafkajs client of the stack the tests run against (KAFKA_PORT), for producing and reading topics. */
export const kafka = createKafka(testConfig(), createLogger('silent'))

/** `count` fresh synthetic children that HIS knows and whose case carries a national id (a Sync ends 'synced'). */
export function knownChildren(count: number): SyntheticChild[] {
  const known = [...generateChildren(count * 3, randomInt(1, 2 ** 31))].filter(
    (c) => c.hisPerson !== null && c.primeroCase.national_id_no !== null,
  )
  if (known.length < count) throw new Error(`only ${known.length} of the synthetic children are known to HIS`)
  return known.slice(0, count)
}

/** The `data` of every PATCH the Primero simulator received for the case, in order. */
export function patchesOf(world: World, recordId: string): Record<string, unknown>[] {
  return world.primero.requests
    .filter((r) => r.method === 'PATCH' && r.path === `/api/v2/cases/${recordId}`)
    .map((r) => (r.body as { data: Record<string, unknown> }).data)
}

/** Waits until Primero shows `status` for the case (polling, no sleeps). */
export async function syncStatusReached(world: World, recordId: string, status: string): Promise<void> {
  await waitFor(() => world.primero.state.sync.get(recordId)?.sync_status === status, `sync status ${status}`)
}

/** Cases that were written to although they should not have been: any PATCH, or a stored case that changed. */
export function touchedCases(world: World, children: readonly SyntheticChild[]): string[] {
  return children.flatMap((c) => {
    const id = c.primeroCase.id
    const stored = world.primero.state.cases.get(id)
    const problems = patchesOf(world, id).length > 0 ? [`#${c.index} was PATCHed`] : []
    // as JSON: the simulator's copies come from another realm under jest, so their prototypes differ
    return JSON.stringify(stored) === JSON.stringify(c.primeroCase) ? problems : [...problems, `#${c.index} changed`]
  })
}

/** The records of `topic` with `key`, in offset order (one key lives in one partition). */
export async function recordsFor(topic: string, key: string): Promise<TopicRecord[]> {
  return recordsWithKeys(topic, new Set([key]))
}

/** The records of `topic` whose key is one of `keys`, in offset order per partition. */
export async function recordsWithKeys(topic: string, keys: ReadonlySet<string>): Promise<TopicRecord[]> {
  return (await readTopic(kafka, topic))
    .filter((r) => r.key !== null && keys.has(r.key))
    .sort((a, b) => a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)))
}
