/** Total, never-throwing readers for messy external JSON. */

export function asRecord(value: unknown): Record<string, unknown> | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null
}

/** Arrays as-is; anything else (null, object, string) is treated as an empty list. */
export function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : []
}

/** The records of an array, skipping non-object items, at most `limit` of them. */
export function recordsOf(value: unknown, limit = Number.POSITIVE_INFINITY): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = []
  for (const item of asArray(value)) {
    if (out.length >= limit) break
    const record = asRecord(item)
    if (record) out.push(record)
  }
  return out
}

/** Trimmed non-empty text; finite numbers and bigints are stringified; anything else is null. */
export function text(value: unknown): string | null {
  if (typeof value === 'string') {
    const trimmed = value.trim()
    return trimmed === '' ? null : trimmed
  }
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : null
  if (typeof value === 'bigint') return value.toString()
  return null
}

/** A finite number from a number or a numeric string ("34.2"); anything else is null. */
export function num(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value.trim())
    return Number.isFinite(parsed) ? parsed : null
  }
  return null
}

/** An int32 from an integral number or string ("14", 14.0); "" and fractions are null. */
export function int(value: unknown): number | null {
  const n = num(value)
  return n !== null && Number.isInteger(n) && Math.abs(n) <= 2_147_483_647 ? n : null
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/
const BANGKOK_OFFSET_MS = 7 * 3_600_000

/**
 * A calendar date YYYY-MM-DD. Accepts `YYYY-MM-DD` (optionally followed by a time) and, for the
 * legacy `/vPatients` shape, full ISO instants with `Z`, which are converted to the Thai local date.
 */
export function isoDate(value: unknown): string | null {
  const raw = text(value)
  if (raw === null) return null
  if (/^\d{4}-\d{2}-\d{2}T.*Z$/.test(raw)) {
    const ms = Date.parse(raw)
    return Number.isNaN(ms) ? null : new Date(ms + BANGKOK_OFFSET_MS).toISOString().slice(0, 10)
  }
  const match = ISO_DATE.exec(raw)
  if (!match) return null
  const [, y, m, d] = match
  const date = new Date(`${y}-${m}-${d}T00:00:00.000Z`)
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== `${y}-${m}-${d}` ? null : `${y}-${m}-${d}`
}

/** A time of day HH:mm:ss from `H:mm:ss` or `H:mm`; anything else is null. */
export function timeOfDay(value: unknown): string | null {
  const raw = text(value)
  const match = raw === null ? null : /^(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(raw)
  if (!match) return null
  const [h, m, s] = [Number(match[1]), Number(match[2]), Number(match[3] ?? '0')]
  if (h > 23 || m > 59 || s > 59) return null
  return [h, m, s].map((part) => String(part).padStart(2, '0')).join(':')
}

/** Lower-case letters and digits only: the key used for case- and punctuation-insensitive lookups. */
export function lookupKey(value: string): string {
  return value.toLowerCase().replace(/[^\p{L}\p{M}\p{N}]/gu, '')
}
