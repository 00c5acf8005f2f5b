/**
 * One error hierarchy for the whole bridge. Every error carries a machine-readable `code` and a `retryable`
 * decision; the stage runner is the only place that acts on them:
 *  - retryable: a *target outage* (network error, timeout, 5xx, 408/425/429, 3xx and 401 — see
 *    isRetryableStatus — or Kafka unavailable) → back off and retry without limit, never dead-letter;
 *  - not retryable: a *record failure* (bad bytes, bad data, 4xx) → dead-letter the record and move on.
 */
export type ErrorCode =
  | 'BRIDGE_CONFIG'
  | 'BRIDGE_DECODE'
  | 'BRIDGE_TRANSFORM'
  | 'BRIDGE_DELIVERY'
  | 'BRIDGE_NOT_FOUND'
  | 'BRIDGE_VALIDATION'
  | 'BRIDGE_SHUTDOWN'

export interface BridgeErrorOptions {
  readonly retryable?: boolean
  readonly cause?: unknown
}

export class BridgeError extends Error {
  readonly code: ErrorCode
  readonly retryable: boolean

  constructor(code: ErrorCode, message: string, options: BridgeErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause })
    this.name = new.target.name
    this.code = code
    this.retryable = options.retryable ?? false
  }
}

/** Invalid configuration; the process refuses to start and lists every problem. */
export class ConfigError extends BridgeError {
  readonly problems: readonly string[]
  constructor(problems: readonly string[]) {
    super('BRIDGE_CONFIG', `invalid configuration:\n  - ${problems.join('\n  - ')}`)
    this.problems = problems
  }
}

/** Bytes that cannot be decoded: wrong magic byte, unknown schema id, truncated Avro, unexpected schema. */
export class DecodeError extends BridgeError {
  readonly reason: 'not-avro' | 'unknown-schema' | 'unexpected-schema' | 'corrupt' | 'registry-unavailable'
  constructor(reason: DecodeError['reason'], message: string, options: BridgeErrorOptions = {}) {
    super('BRIDGE_DECODE', message, { ...options, retryable: reason === 'registry-unavailable' })
    this.reason = reason
  }
}

/** A transform rejected a record (the record itself is bad). Never retried. */
export class TransformError extends BridgeError {
  constructor(message: string, options: BridgeErrorOptions = {}) {
    super('BRIDGE_TRANSFORM', message, { ...options, retryable: false })
  }
}

/** Input refused at a boundary (webhook body, config file, CLI argument); carries a message safe to show. */
export class ValidationError extends BridgeError {
  constructor(message: string, options: BridgeErrorOptions = {}) {
    super('BRIDGE_VALIDATION', message, { ...options, retryable: false })
  }
}

/** 4xx statuses that mean "the target is temporarily unable", not "this record is bad" (design §4). */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 425, 429])

/**
 * Whether a non-2xx HTTP status means "the target is unusable for every record" (a *target outage*: pause,
 * retry without limit, readiness false, nothing dead-lettered, no sync marked failed) rather than "this record
 * was refused" (a *record failure*: dead-letter and move on).
 *
 * Outages: 5xx and 408/425/429 (design §4), plus two departures from §4, which lists only 408/425/429 as
 * retryable 4xx:
 *  - 3xx: redirects are never followed (a write must not be silently re-sent elsewhere, and a 302 to a login page
 *    would otherwise pass as success). A redirect means a wrong base URL or a proxy in the way: it answers every
 *    record the same, so dead-lettering would throw away every record of the misconfiguration.
 *  - 401: the credentials are refused (Primero Basic auth, MoPH login, or a MoPH token that stays refused after the
 *    one allowed refresh). Every record would fail the same way until an operator fixes the secret.
 * 403 and the other 4xx stay record failures: they can depend on the record (permissions on one case, a bad id).
 */
export function isRetryableStatus(status: number): boolean {
  return status >= 500 || (status >= 300 && status < 400) || status === 401 || RETRYABLE_STATUSES.has(status)
}

/** A call to an external system failed. `status` is absent for network errors and timeouts. */
export class DeliveryError extends BridgeError {
  readonly target: string
  readonly status: number | undefined
  /** Milliseconds the target asked us to wait (Retry-After), when it said so. */
  readonly retryAfterMs: number | undefined
  /** A short, PII-free description of the target's answer (error envelope message, never the body). */
  readonly detail: string | undefined

  constructor(
    target: string,
    message: string,
    options: BridgeErrorOptions & { status?: number; retryAfterMs?: number; detail?: string } = {},
  ) {
    const retryable = options.retryable ?? (options.status === undefined || isRetryableStatus(options.status))
    super('BRIDGE_DELIVERY', message, { cause: options.cause, retryable })
    this.target = target
    this.status = options.status
    this.retryAfterMs = options.retryAfterMs
    this.detail = options.detail
  }
}

/** The target answered that the thing asked for does not exist (e.g. MoPH 404 MODEL_NOT_FOUND). Not retried. */
export class NotFoundError extends BridgeError {
  readonly target: string
  constructor(target: string, message: string, options: BridgeErrorOptions = {}) {
    super('BRIDGE_NOT_FOUND', message, { ...options, retryable: false })
    this.target = target
  }
}

/** The process is stopping; in-flight work is abandoned without committing. */
export class ShutdownError extends BridgeError {
  constructor() {
    super('BRIDGE_SHUTDOWN', 'stopping', { retryable: false })
  }
}

export function errorClass(err: unknown): string {
  return err instanceof Error ? err.name : typeof err
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
