import type { Lookups } from './primero-lookup-def.js'
import { BRIDGE_LOOKUPS } from './primero-lookups-bridge.js'
import { CORE_LOOKUPS } from './primero-lookups-core.js'
import { THAI_CASE_LOOKUPS } from './primero-lookups-thai-case.js'
import { THAI_HEALTH_LOOKUPS } from './primero-lookups-thai-health.js'
import { THAI_INCIDENT_LOOKUPS } from './primero-lookups-thai-incident.js'

/**
 * Every lookup (option ids with English and Thai labels) of the simulated Primero: those of the select fields the
 * bridge writes and of every select field the Child-Shield upload labels (src/mapping/childshield-sections.ts),
 * with every option id the synthetic generator stores (test/unit/synthetic/childshield-labels.test.ts checks both).
 */
export const LOOKUPS: Lookups = {
  ...CORE_LOOKUPS,
  ...BRIDGE_LOOKUPS,
  ...THAI_CASE_LOOKUPS,
  ...THAI_INCIDENT_LOOKUPS,
  ...THAI_HEALTH_LOOKUPS,
}

/** Locations as `GET /api/v2/locations` lists them; synthetic cases hold the district and sub-district codes. */
export const LOCATIONS = [
  { id: 1, code: 'TH', type: 'country', name: { en: 'Thailand', th: 'ประเทศไทย' } },
  { id: 2, code: 'TH41', type: 'province', name: { en: 'Udon Thani', th: 'อุดรธานี' } },
  { id: 3, code: 'TH4111', type: 'district', name: { en: 'Ban Dung', th: 'บ้านดุง' } },
  { id: 4, code: 'TH411101', type: 'sub_district', name: { en: 'Si Suttho', th: 'ศรีสุทโธ' } },
  { id: 5, code: 'TH40', type: 'province', name: { en: 'Khon Kaen', th: 'ขอนแก่น' } },
  { id: 6, code: 'TH4001', type: 'district', name: { en: 'Mueang Khon Kaen', th: 'เมืองขอนแก่น' } },
  { id: 7, code: 'TH400101', type: 'sub_district', name: { en: 'Nai Mueang', th: 'ในเมือง' } },
] as const

export function lookupsPayload() {
  return Object.entries(LOOKUPS).map(([uniqueId, lookup], i) => ({
    id: i + 1,
    unique_id: uniqueId,
    name: { en: lookup.en, th: lookup.th },
    values: lookup.values.map(([id, en, th]) => ({ id, display_text: { en, th }, disabled: false })),
  }))
}

export function optionIds(lookupId: string): ReadonlySet<string> {
  return new Set((LOOKUPS[lookupId]?.values ?? []).map(([id]) => id))
}
