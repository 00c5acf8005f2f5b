/**
 * Thai citizen id (`cid` in HIS, `national_id_no` in Primero): 13 digits, the last a checksum.
 * Primero sends it as a string, with dashes (`1-1005-00012-34-0`), or as a JSON number.
 */
export type NationalIdResult =
  | { readonly ok: true; readonly value: string; readonly checksumValid: boolean }
  | { readonly ok: false; readonly reason: 'missing' | 'not-13-digits' }

export function normaliseNationalId(raw: unknown): NationalIdResult {
  if (raw === null || raw === undefined) return { ok: false, reason: 'missing' }
  let text: string
  if (typeof raw === 'number') {
    if (!Number.isSafeInteger(raw) || raw < 0) return { ok: false, reason: 'not-13-digits' }
    text = String(raw)
  } else if (typeof raw === 'string') {
    text = raw.trim().replace(/[-\s]/g, '')
  } else {
    return { ok: false, reason: 'not-13-digits' }
  }
  if (text === '') return { ok: false, reason: 'missing' }
  if (!/^\d{13}$/.test(text)) return { ok: false, reason: 'not-13-digits' }
  return { ok: true, value: text, checksumValid: hasValidChecksum(text) }
}

/** Mod-11 checksum: sum(d[i] * (13 - i)) for the first 12 digits; check = (11 - sum % 11) % 10. */
export function hasValidChecksum(id: string): boolean {
  if (!/^\d{13}$/.test(id)) return false
  return checkDigit(id.slice(0, 12)) === Number(id[12])
}

export function checkDigit(first12: string): number {
  let sum = 0
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (13 - i)
  return (11 - (sum % 11)) % 10
}
