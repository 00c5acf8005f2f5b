import { createHash } from 'node:crypto'

/**
 * Deterministic subform `unique_id`s, so a replayed HIS result updates Primero's rows instead of
 * appending new ones (Primero merges subform arrays by `unique_id`).
 */

/** Fixed namespace for the bridge's name-based (v5) UUIDs. Never change it: ids already written depend on it. */
export const BRIDGE_UUID_NAMESPACE = '7d496d8d-8dd4-43ba-81d6-419eba927314'

/**
 * `physical_check_2` row id, as OpenFn job 1b builds it: the 24-hex intervention id followed by the
 * first 8 digits of the cid, formatted 8-4-4-4-12. When the visit id is not 24 hex (other HIS vendors,
 * or missing), a UUIDv5 of `physical_check_2|<visitKey>|<cid>` in BRIDGE_UUID_NAMESPACE is used instead.
 */
export function physicalCheckRowId(visitId: string | null, fallbackVisitKey: string, cid: string | null): string {
  const cid8 = (cid ?? '').slice(0, 8)
  if (visitId !== null && /^[0-9a-f]{24}$/i.test(visitId) && /^\d{8}$/.test(cid8)) {
    return formatAsUuid(`${visitId.toLowerCase()}${cid8}`)
  }
  return uuidV5(`physical_check_2|${visitId ?? fallbackVisitKey}|${cid ?? ''}`, BRIDGE_UUID_NAMESPACE)
}

/**
 * `new_pregnancy` row id, as OpenFn job 1b builds it: (index within the visit's ANC list + 1), the
 * ANC date's digits and the cid, cut 8-4-4-4-rest and right-padded with "0" to 36 characters.
 */
export function pregnancyRowId(index: number, date: string | null, cid: string | null): string {
  const raw = `${index + 1}${(date ?? '').replace(/\D/g, '')}${cid ?? ''}`
  return formatAsUuid(raw).padEnd(36, '0').slice(0, 36)
}

/** Cuts a string 8-4-4-4-rest. */
function formatAsUuid(raw: string): string {
  return [raw.slice(0, 8), raw.slice(8, 12), raw.slice(12, 16), raw.slice(16, 20), raw.slice(20)].join('-')
}

/** RFC 4122 name-based UUID, version 5 (SHA-1). */
export function uuidV5(name: string, namespace: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest()
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80
  return formatAsUuid(hash.subarray(0, 16).toString('hex'))
}
