/**
 * A stage moves records from one topic to one destination. A flow is one small file that declares a Stage;
 * the runner (run-stage.ts), not the flow, owns consuming, decoding, retries, dead-lettering, producing,
 * committing, audit events, metrics and logging.
 *
 *  - transform must be pure and synchronous: no I/O, no clock (use meta.now), no randomness.
 *    Return null/undefined to skip (the record is committed, nothing is sent); throw to reject (the record
 *    goes to `<topic>.dlq` as a TransformError, then is committed).
 *  - destination 'topic': the output is Avro-encoded with `schema` and published to `topic` (keyed by
 *    `key(out)` or the input key); the input offset is committed once the write is acknowledged.
 *  - destination 'http': `send` performs the calls to the target system through the clients it is given.
 *    A retryable error (outage) is retried without limit; any other error dead-letters the record, after
 *    which `onRejected` (if any) runs, e.g. to tell Primero the sync failed. `audit` describes each write.
 *  - destination 'enrich': `call` asks an HTTP system (outages retried as for 'http'), `result` maps the
 *    answer to the output record, which is published as for 'topic'.
 */
export interface RecordMeta {
  readonly topic: string
  readonly partition: number
  readonly offset: string
  readonly key: string | null
  /** Kafka timestamp of the input record (ms since epoch). */
  readonly timestamp: number
  /** Wall clock when processing started (ms since epoch): the only clock a transform may read. */
  readonly now: number
}

/** What an HTTP destination reports so the runner can write the audit event (names of fields, never values). */
export interface AuditNote {
  readonly system: 'primero' | 'his' | 'child-shield'
  readonly action: 'read' | 'create' | 'update'
  readonly resource: string
  readonly recordId: string | null
  readonly fields: readonly string[]
  readonly outcome: 'success' | 'not_found' | 'rejected' | 'failed'
  readonly actor?: string | null
  readonly correlationId?: string | null
  readonly httpStatus?: number | null
}

export interface SendContext {
  readonly meta: RecordMeta
  readonly signal: AbortSignal
  /** Record an audit event for a call made (written by the runner before the offset is committed). */
  audit(note: AuditNote): void
  /** Count a value that could not be mapped (metric label: field name). */
  warn(field: string): void
}

export interface TopicDestination<Out> {
  readonly kind: 'topic'
  readonly topic: string
  readonly schema: string
  key?(out: Out, meta: RecordMeta): string
}

export interface HttpDestination<Out, Clients> {
  readonly kind: 'http'
  /** Target name for the circuit breaker, rate limit and metrics (e.g. 'primero', 'child-shield'). */
  readonly target: string
  send(clients: Clients, out: Out, ctx: SendContext): Promise<void>
  /** Runs after the record was dead-lettered for a non-retryable error (outages here are retried). */
  onRejected?(clients: Clients, out: Out, error: unknown, ctx: SendContext): Promise<void>
}

export interface EnrichDestination<Out, Res, Result, Clients> {
  readonly kind: 'enrich'
  readonly target: string
  call(clients: Clients, out: Out, ctx: SendContext): Promise<Res>
  result(response: Res, out: Out, meta: RecordMeta): Result
  readonly topic: string
  readonly schema: string
  key?(result: Result, meta: RecordMeta): string
}

export interface Stage<In, Out, Clients = unknown> {
  /** kebab-case; metrics label, log binding and consumer group suffix (`primero-bridge.<name>`). */
  readonly name: string
  /**
   * Input records: Avro decoded onto our schema `schema` (the default); Avro kept as its writer wrote it
   * (`format: 'avro'` without `schema`, for foreign records); or JSON (`format: 'json'`).
   */
  readonly input: { readonly topic: string; readonly schema?: string; readonly format?: 'avro' | 'json' }
  transform(record: In, meta: RecordMeta): Out | null | undefined
  readonly destination:
    | TopicDestination<Out>
    | HttpDestination<Out, Clients>
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    | EnrichDestination<Out, any, any, Clients>
}

export function defineStage<In, Out, Clients = unknown>(stage: Stage<In, Out, Clients>): Stage<In, Out, Clients> {
  return stage
}
