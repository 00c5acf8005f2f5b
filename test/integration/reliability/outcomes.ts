import type { Kafka } from 'kafkajs'
import { dlqTopic, TOPICS } from '../../../src/kafka/topics.js'
import { DLQ_HEADERS } from '../../../src/pipeline/dlq.js'
import type { SyntheticChild } from '../../../src/synthetic/children.js'
import { readTopic, type TopicRecord } from '../../support/read-topic.js'
import type { World } from './world.js'

export { readTopic, type TopicRecord }

/** The Sync outcome Primero must finally show for a child (a 422 on the PATCH may turn 'synced' into 'failed'). */
export function expectedSync(child: SyntheticChild, nationalIdRemoved: boolean): 'synced' | 'not_found' | 'failed' {
  if (nationalIdRemoved || child.primeroCase.national_id_no === null) return 'failed'
  return child.hisPerson === null ? 'not_found' : 'synced'
}

/**
 * Problems with the end state of a Phase 1 run over `children` (empty = every record reached Primero exactly as
 * expected or sits in a DLQ with a reason, and nothing else): final sync status, HIS fields written for found
 * children, no duplicated subform rows, DLQ entries only for the records whose PATCH was rejected.
 */
export async function phase1Problems(
  world: World,
  kafka: Kafka,
  children: readonly SyntheticChild[],
  withoutId: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  const ids = new Set(children.map((c) => c.primeroCase.id))
  const mine = (records: TopicRecord[]) => records.filter((r) => r.key !== null && ids.has(r.key))
  const resultDlq = mine(await readTopic(kafka, dlqTopic(TOPICS.hisLookupResults)))
  const eventDlq = mine(await readTopic(kafka, dlqTopic(TOPICS.caseEvents)))
  const problems: string[] = eventDlq.map((r) => `case event of record #${indexOf(children, r.key)} dead-lettered`)
  const rejected = new Set<string>()
  for (const r of resultDlq) {
    const reason = r.headers[DLQ_HEADERS.errorMessage]
    if (!reason || !r.headers[DLQ_HEADERS.errorClass]) problems.push('a DLQ entry without a reason')
    rejected.add(r.key as string)
  }
  for (const child of children) {
    const id = child.primeroCase.id
    const n = `#${child.index}`
    const status = world.primero.state.sync.get(id)?.sync_status
    const expected = expectedSync(child, withoutId.has(id))
    if (expected === 'synced' && status === 'failed' && rejected.has(id)) continue
    if (status !== expected) problems.push(`${n}: sync status ${status} instead of ${expected}`)
    if (rejected.has(id) && expected !== 'synced') problems.push(`${n}: dead-lettered though nothing was rejected`)
    const stored = world.primero.state.cases.get(id)
    if (expected === 'synced' && stored?.name_first !== child.hisPerson?.fname)
      problems.push(`${n}: HIS name not written`)
    if (expected !== 'synced' && stored?.name_first !== child.primeroCase.name_first)
      problems.push(`${n}: a case without an HIS match was changed`)
    for (const [field, rows] of Object.entries(stored ?? {})) {
      if (!Array.isArray(rows)) continue
      const uids = rows.flatMap((r: unknown) => {
        const uid = (r as { unique_id?: unknown } | null)?.unique_id
        return typeof uid === 'string' ? [uid] : []
      })
      if (new Set(uids).size !== uids.length) problems.push(`${n}: duplicated rows in ${field}`)
    }
  }
  return problems
}

function indexOf(children: readonly SyntheticChild[], key: string | null): number {
  return children.find((c) => c.primeroCase.id === key)?.index ?? -1
}
