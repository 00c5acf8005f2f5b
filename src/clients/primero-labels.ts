import { isObject } from '../http/error-detail.js'
import type { Label } from './primero-types.js'

/** lookup unique_id (e.g. `lookup-gender`) → option id → label. */
export type LookupLabels = ReadonlyMap<string, ReadonlyMap<string, Label>>
/** location code (e.g. `TH410111`) → label. */
export type LocationLabels = ReadonlyMap<string, Label>

function label(value: unknown): Label {
  const v = isObject(value) ? value : {}
  const en = typeof v.en === 'string' ? v.en : ''
  const th = typeof v.th === 'string' ? v.th : en
  return { en, th }
}

/** Decodes `GET /api/v2/lookups` data: `[{id, unique_id, name{en,th}, values[{id, display_text{en,th}}]}]`. */
export function decodeLookups(data: readonly unknown[]): LookupLabels {
  const lookups = new Map<string, ReadonlyMap<string, Label>>()
  for (const lookup of data) {
    if (!isObject(lookup) || typeof lookup.unique_id !== 'string' || !Array.isArray(lookup.values)) continue
    const options = new Map<string, Label>()
    for (const option of lookup.values as unknown[]) {
      if (isObject(option) && typeof option.id === 'string') options.set(option.id, label(option.display_text))
    }
    lookups.set(lookup.unique_id, options)
  }
  return lookups
}

/** Decodes `GET /api/v2/locations` data: `[{id, code, type, name{en,th}}]`. */
export function decodeLocations(data: readonly unknown[]): LocationLabels {
  const locations = new Map<string, Label>()
  for (const location of data) {
    if (isObject(location) && typeof location.code === 'string') locations.set(location.code, label(location.name))
  }
  return locations
}
