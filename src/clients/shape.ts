import { DeliveryError } from '../errors.js'
import { isObject } from '../http/error-detail.js'

/**
 * Loose response checks: the fields the bridge relies on must have the right type, extra fields are fine.
 * A wrong shape is a non-retryable DeliveryError (retrying will not change what the target answers).
 */
export function shapeError(target: string, what: string, problem: string): DeliveryError {
  return new DeliveryError(target, `${target} ${what} answered an unexpected shape: ${problem}`, { retryable: false })
}

export function expectRecord(target: string, what: string, value: unknown, key: string): Record<string, unknown> {
  if (!isObject(value)) throw shapeError(target, what, 'not an object')
  const id = value[key]
  if (typeof id !== 'string' || id === '') throw shapeError(target, what, `missing string "${key}"`)
  return value
}

export function expectDataObject(target: string, what: string, body: unknown): Record<string, unknown> {
  if (!isObject(body) || !isObject(body.data)) throw shapeError(target, what, 'no "data" object')
  return body.data
}

export function expectDataArray(target: string, what: string, body: unknown): unknown[] {
  if (!isObject(body) || !Array.isArray(body.data)) throw shapeError(target, what, 'no "data" array')
  return body.data
}

export function numberOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback
}
