import { checkDigit } from '../domain/national-id.js'
import type { Rng } from './prng.js'

export function uuid(rng: Rng): string {
  const h = rng.hex(32)
  const variant = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`
}

/** A MongoDB-style ObjectId (24 hex characters). */
export function objectId(rng: Rng): string {
  return rng.hex(24)
}

/** An invented 13-digit Thai citizen id with a valid check digit. Starts with 1–8 like real ones, never 0 or 9. */
export function thaiNationalId(rng: Rng): string {
  const first12 = `${rng.int(1, 8)}${rng.digits(11)}`
  return `${first12}${checkDigit(first12)}`
}

/** `1-1005-00012-34-0`, the dashed form Primero users type. */
export function dashedNationalId(id: string): string {
  return `${id.slice(0, 1)}-${id.slice(1, 5)}-${id.slice(5, 10)}-${id.slice(10, 12)}-${id.slice(12)}`
}
