import type { Admin, Producer } from 'kafkajs'
import type { Codec } from '../../src/avro/codec.js'

/** What every scenario gets from the runner. */
export interface BenchContext {
  readonly quick: boolean
  readonly repeats: number
  readonly admin: Admin
  readonly producer: Producer
  /** Encodes input records (registers `<topic>-value` on first use of a topic). */
  readonly codec: Codec
  /** Topics created by this run, deleted at the end. */
  readonly topics: string[]
  log(message: string): void
}
