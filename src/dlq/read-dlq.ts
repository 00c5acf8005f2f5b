import type { IHeaders, Kafka } from 'kafkajs'
import { readToEnd } from '../kafka/read-to-end.js'
import { headerText } from '../pipeline/dlq.js'
import type { DeadLetter } from './filter.js'

/**
 * Reads `dlq` from its beginning up to the end offsets taken when called (records dead-lettered meanwhile are
 * left for the next run), with a throw-away consumer group that never commits. Calls `onLetter` in the order
 * records arrive (offset order within a partition).
 */
export async function readDeadLetters(
  kafka: Kafka,
  dlq: string,
  onLetter: (letter: DeadLetter) => void,
  timeoutMs = 60_000,
): Promise<number> {
  return readToEnd(
    kafka,
    dlq,
    (partition, message) => {
      onLetter({
        partition,
        offset: message.offset,
        key: message.key,
        value: message.value,
        headers: textHeaders(message.headers),
      })
    },
    { groupPrefix: 'primero-bridge.dlq-replay', timeoutMs },
  )
}

function textHeaders(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of Object.keys(headers ?? {})) {
    const text = headerText(headers, name)
    if (text !== undefined) out[name] = text
  }
  return out
}
