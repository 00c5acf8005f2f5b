import avro from 'avsc'
import type { Admin, Producer } from 'kafkajs'
import type { App } from '../../../src/app.js'
import { SCHEMA_NAMES } from '../../../src/avro/schemas.js'
import type { Config } from '../../../src/config.js'
import type { CaseEvent } from '../../../src/domain/records.js'
import { TOPICS } from '../../../src/kafka/topics.js'
import { readAll } from '../../support/stage-harness.js'
import { debeziumEnvelopeSchema } from '../../fixtures/cdc/debezium.js'

/** Plays a Kafka Connect worker running Debezium's PostgreSQL connector with the AvroConverter. */
export interface AvroDebezium {
  readonly schemaId: number
  encode(value: unknown): Buffer
}

/**
 * Registers Debezium's Envelope schema under `<topic>-value` through the registry's Confluent-compatible API
 * (as the AvroConverter does) and encodes values in the Confluent wire format.
 */
export async function avroDebezium(config: Config, topic: string, prefix: string): Promise<AvroDebezium> {
  const schema = debeziumEnvelopeSchema(prefix)
  const res = await fetch(`${config.SCHEMA_REGISTRY_URL}/subjects/${encodeURIComponent(`${topic}-value`)}/versions`, {
    method: 'POST',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ schema: JSON.stringify(schema) }),
  })
  if (!res.ok) throw new Error(`registering the Debezium schema failed: ${res.status} ${await res.text()}`)
  const { id } = (await res.json()) as { id: number }
  const type = avro.Type.forSchema(schema as avro.Schema)
  return {
    schemaId: id,
    encode(value) {
      const header = Buffer.alloc(5)
      header.writeInt32BE(id, 1)
      return Buffer.concat([header, type.toBuffer(value)])
    },
  }
}

/** Debezium's record key (`{"id": …}`, JSON) and value bytes; a null value is a tombstone. */
export async function produceChanges(
  producer: Producer,
  topic: string,
  changes: readonly { id: string; value: Buffer | null }[],
): Promise<void> {
  await producer.send({
    topic,
    messages: changes.map((c) => ({ key: JSON.stringify({ id: c.id }), value: c.value })),
  })
}

/** The CaseEvents on primero.case-events for the given record ids (other tests write there too). */
export async function caseEventsFor(admin: Admin, app: App, recordIds: readonly string[]): Promise<CaseEvent[]> {
  const wanted = new Set(recordIds)
  const records = (await readAll(admin, TOPICS.caseEvents)).filter((r) => r.key !== null && wanted.has(r.key))
  const events: CaseEvent[] = []
  for (const r of records) events.push(await app.runtime.codec.decode<CaseEvent>(r.value, SCHEMA_NAMES.caseEvent))
  return events
}
