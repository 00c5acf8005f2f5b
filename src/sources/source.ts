import type { Clients } from '../clients/index.js'
import type { Runtime } from '../runtime.js'

/**
 * A source publishes into Kafka from outside (webhook ingress, scheduled pollers). It is one small file;
 * it encodes with `runtime.codec` and publishes through `runtime.publisher`, and answers/advances only after
 * Kafka acknowledged the write. `start` resolves once the source is serving; `stop` ends it gracefully.
 */
export interface Source {
  readonly name: string
  start(ctx: SourceContext): Promise<RunningSource>
}

export interface SourceContext {
  readonly runtime: Runtime
  readonly clients: Clients
}

export interface RunningSource {
  readonly name: string
  stop(): Promise<void>
}

export function defineSource(source: Source): Source {
  return source
}
