import { SchemaRegistry, COMPATIBILITY } from '@kafkajs/confluent-schema-registry'
import type avro from 'avsc'
import { DecodeError } from '../errors.js'
import { avroBodyProblem } from './bounds.js'
import type { SchemaSet } from './schemas.js'

/**
 * Avro in the Confluent wire format: magic byte 0, 4-byte big-endian schema id, Avro body.
 * This module is the only place that knows the wire format and talks to the schema registry.
 */
export interface Codec {
  /** Registers `schemaName` under `<topic>-value` (BACKWARD) and remembers its id for encode(). Idempotent. */
  register(topic: string, schemaName: string): Promise<number>
  encode(topic: string, value: unknown): Buffer
  /**
   * Decodes with the writer schema from the registry, resolved onto our reader schema `expected`; without
   * `expected` (foreign records such as Debezium's), the value is returned as the writer wrote it.
   */
  decode<T>(bytes: Buffer | null, expected?: string): Promise<T>
}

export interface RegistryOptions {
  readonly url: string
  readonly username?: string | undefined
  readonly password?: string | undefined
}

export function subjectFor(topic: string): string {
  return `${topic}-value`
}

/** A registry that hangs must not stall a stage silently: a look-up slower than this is an outage (retried). */
const LOOKUP_TIMEOUT_MS = 10_000

export function createCodec(schemas: SchemaSet, options: RegistryOptions, lookupTimeoutMs = LOOKUP_TIMEOUT_MS): Codec {
  const auth = options.username ? { username: options.username, password: options.password ?? '' } : undefined
  const registry = new SchemaRegistry({
    host: options.url,
    ...(auth ? { auth } : {}),
    clientId: 'primero-bridge',
    retry: { retries: 2, initialRetryTimeInSecs: 0.2, maxRetryTimeInSecs: 2 },
  })
  const byTopic = new Map<string, { id: number; type: avro.Type }>()
  const resolvers = new Map<string, ReturnType<avro.Type['createResolver']>>()

  // schema ids are immutable: a writer schema fetched once is kept (no registry call, no timer per record)
  const writers = new Map<number, avro.Type>()

  async function writerType(id: number): Promise<avro.Type> {
    const known = writers.get(id)
    if (known) return known
    try {
      const type = (await withTimeout(registry.getSchema(id), lookupTimeoutMs)) as unknown as avro.Type
      writers.set(id, type)
      return type
    } catch (err) {
      const status = (err as { status?: number }).status
      if (status === 404)
        throw new DecodeError('unknown-schema', `schema id ${id} is not in the registry`, { cause: err })
      throw new DecodeError('registry-unavailable', `schema registry unavailable while fetching schema id ${id}`, {
        cause: err,
      })
    }
  }

  return {
    async register(topic, schemaName) {
      const known = byTopic.get(topic)
      if (known) return known.id
      const type = schemas.type(schemaName)
      const { id } = await registry.register(schemas.raw.get(schemaName) as never, {
        subject: subjectFor(topic),
        compatibility: COMPATIBILITY.BACKWARD,
      })
      byTopic.set(topic, { id, type })
      return id
    },

    encode(topic, value) {
      const known = byTopic.get(topic)
      if (!known) throw new Error(`no schema registered for topic ${topic}; call register() at start-up`)
      const body = known.type.toBuffer(value)
      const header = Buffer.alloc(5)
      header.writeInt32BE(known.id, 1)
      return Buffer.concat([header, body])
    },

    async decode<T>(bytes: Buffer | null, expected?: string): Promise<T> {
      if (!bytes || bytes.length < 5)
        throw new DecodeError('not-avro', 'record value is empty or shorter than the wire header')
      if (bytes[0] !== 0) throw new DecodeError('not-avro', `wrong magic byte ${bytes[0]} (expected 0)`)
      const id = bytes.readInt32BE(1)
      const writer = await writerType(id)
      if (expected === undefined) return decodeBody(writer, bytes, id) as T
      const reader = schemas.type(expected)
      if (writer.name !== reader.name) {
        throw new DecodeError(
          'unexpected-schema',
          `schema id ${id} is ${writer.name ?? 'unnamed'}, expected ${expected}`,
        )
      }
      const cacheKey = `${id}:${expected}`
      let resolver = resolvers.get(cacheKey)
      if (!resolver) {
        try {
          resolver = reader.createResolver(writer)
        } catch (err) {
          throw new DecodeError('unexpected-schema', `schema id ${id} cannot be read as ${expected}`, { cause: err })
        }
        resolvers.set(cacheKey, resolver)
      }
      return decodeBody(writer, bytes, id, (body) => reader.fromBuffer(body, resolver, false)) as T
    },
  }
}

/** Bounds-checked against the writer schema first: avsc would trust a forged block count (see bounds.ts). */
function decodeBody(
  writer: avro.Type,
  bytes: Buffer,
  id: number,
  read: (body: Buffer) => unknown = (body) => writer.fromBuffer(body),
): unknown {
  const body = bytes.subarray(5)
  let problem: string | undefined
  try {
    problem = avroBodyProblem(writer, body)
    if (problem === undefined) return read(body)
  } catch (err) {
    throw new DecodeError('corrupt', `Avro body does not match schema id ${id}`, { cause: err })
  }
  throw new DecodeError('corrupt', `Avro body does not match schema id ${id}: ${problem}`)
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}
