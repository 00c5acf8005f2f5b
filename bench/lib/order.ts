/** What a target received: parallel arrays (cheap for 200 000 records). */
export interface Received {
  readonly keys: string[]
  readonly seqs: number[]
  readonly ats: number[]
}

export interface DeliveryCheck {
  readonly distinct: number
  readonly duplicates: number
  readonly missing: number
  readonly orderViolations: number
  readonly examples: string[]
  readonly ok: boolean
}

/**
 * Checks at-least-once delivery of `expected` records (`keyOf(i)`, `seqOf(i)`) and per-key order: each seq of a
 * key must first arrive only after every smaller seq of that key arrived (a redelivery may repeat earlier ones).
 */
export function checkDelivery(
  received: Received,
  expected: number,
  keyOf: (i: number) => string,
  seqOf: (i: number) => number,
): DeliveryCheck {
  const seen = new Set<string>()
  const maxByKey = new Map<string, number>()
  let duplicates = 0
  let orderViolations = 0
  const examples: string[] = []
  for (let i = 0; i < received.keys.length; i++) {
    const key = received.keys[i] as string
    const seq = received.seqs[i] as number
    const id = `${key}#${seq}`
    if (seen.has(id)) duplicates++
    seen.add(id)
    const max = maxByKey.get(key) ?? -1
    if (seq > max + 1 && orderViolations++ < 3) examples.push(`${key}: ${seq} arrived before ${max + 1}`)
    if (seq > max) maxByKey.set(key, seq)
  }
  let missing = 0
  for (let i = 0; i < expected; i++) if (!seen.has(`${keyOf(i)}#${seqOf(i)}`)) missing++
  return {
    distinct: seen.size,
    duplicates,
    missing,
    orderViolations,
    examples,
    ok: missing === 0 && orderViolations === 0 && seen.size === expected,
  }
}

/** Records per second between the first and the last arrival. */
export function arrivalRate(received: Received): number {
  const n = received.ats.length
  if (n < 2) return 0
  const span = ((received.ats[n - 1] as number) - (received.ats[0] as number)) / 1000
  return span > 0 ? (n - 1) / span : Number.POSITIVE_INFINITY
}
