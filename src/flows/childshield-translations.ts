import type { LocationLabels, LookupLabels } from '../clients/primero-labels.js'
import type { ChildShieldTranslations } from '../mapping/case-to-childshield.js'
import { CHILD_SHIELD_SELECTS } from '../mapping/childshield-sections.js'

/**
 * Thai labels (falling back to English) for the snapshot: field → option id → label for every field of
 * CHILD_SHIELD_SELECTS (from its Primero lookup, or the form options configured with it), location code → name.
 * Primero's lookups and locations are cached by the client; while the client returns the same cached maps, the
 * translations built from them are reused rather than rebuilt for every record.
 */
export function childShieldTranslations(lookups: LookupLabels, locations: LocationLabels): ChildShieldTranslations {
  if (last?.lookups === lookups && last.locations === locations) return last.translations
  const translations = { options: selectOptions(lookups), locations: thaiLabels(locations) }
  last = { lookups, locations, translations }
  return translations
}

let last: { lookups: LookupLabels; locations: LocationLabels; translations: ChildShieldTranslations } | undefined

function selectOptions(lookups: LookupLabels): ReadonlyMap<string, ReadonlyMap<string, string>> {
  const options = new Map<string, ReadonlyMap<string, string>>()
  const byLookup = new Map<string, ReadonlyMap<string, string>>()
  for (const [field, source] of Object.entries(CHILD_SHIELD_SELECTS)) {
    if ('formOptions' in source) {
      options.set(field, new Map(Object.entries(source.formOptions)))
      continue
    }
    const lookup = lookups.get(source.lookup)
    if (!lookup) continue
    let labels = byLookup.get(source.lookup)
    if (!labels) byLookup.set(source.lookup, (labels = thaiLabels(lookup)))
    options.set(field, labels)
  }
  return options
}

function thaiLabels(labels: ReadonlyMap<string, { readonly en: string; readonly th: string }>): Map<string, string> {
  return new Map([...labels].map(([id, label]) => [id, label.th || label.en]))
}
