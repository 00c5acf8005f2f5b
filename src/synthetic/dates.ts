const DAY_MS = 86_400_000
/** All synthetic dates are offsets from this fixed instant, so a seed always gives the same data. */
export const SYNTHETIC_EPOCH = Date.UTC(2024, 0, 1)

export function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}

export function isoDateTime(ms: number): string {
  return new Date(ms).toISOString()
}

export function addDays(ms: number, days: number): number {
  return ms + days * DAY_MS
}

/** `H:mm:ss`, not zero-padded in the hour, like HOSxP. */
export function hisTime(ms: number): string {
  const d = new Date(ms)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCHours()}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
}
