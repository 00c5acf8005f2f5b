import type { LocationLabels, LookupLabels } from '../clients/primero-labels.js'
import type { ChildShieldTranslations } from '../mapping/case-to-childshield.js'

/**
 * Primero select fields sent to Child-Shield → the Primero lookup holding their options. OpenFn derived this
 * from the forms (getForms); the bridge lists the fields of DEFAULT_CHILD_SHIELD_FORM_SECTIONS that are selects.
 * Extend it together with the form-section map.
 */
export const CHILD_SHIELD_FIELD_LOOKUPS: Readonly<Record<string, string>> = {
  status: 'lookup-case-status',
  risk_level: 'lookup-risk-level',
  protection_concerns: 'lookup-protection-concerns',
  service_type: 'lookup-service-type',
  sex: 'lookup-gender',
}

/** Thai labels (falling back to English) for the snapshot: field → option id → label, location code → name. */
export function childShieldTranslations(lookups: LookupLabels, locations: LocationLabels): ChildShieldTranslations {
  const options = new Map<string, Map<string, string>>()
  for (const [field, lookupId] of Object.entries(CHILD_SHIELD_FIELD_LOOKUPS)) {
    const lookup = lookups.get(lookupId)
    if (lookup) options.set(field, new Map([...lookup].map(([id, label]) => [id, label.th || label.en])))
  }
  return { options, locations: new Map([...locations].map(([code, label]) => [code, label.th || label.en])) }
}
