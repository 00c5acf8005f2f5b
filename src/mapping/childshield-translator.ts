import { withoutHisRows } from './field-map.js'
import { CHILD_SHIELD_SELECTS, LOCATION_FIELDS } from './childshield-sections.js'
import { asRecord } from './normalise.js'

type LabelTable = ReadonlyMap<string, string> | Readonly<Record<string, string>>

/** Thai labels from Primero's lookups and locations (built by the translations loader). */
export interface ChildShieldTranslations {
  /** field name → option id → Thai label. */
  readonly options: ReadonlyMap<string, LabelTable> | Readonly<Record<string, LabelTable>>
  /** location code → Thai name. */
  readonly locations: LabelTable
}

/**
 * Turns case values into Child-Shield's form (reference §2.6): select values (every field of CHILD_SHIELD_SELECTS,
 * and any other field the translations know) as `{id: label}`, lists of them as `[{id: label}]`, locations as
 * `{code: name}`; subform rows field by field, without the rows the bridge wrote from HIS. A value without a label
 * gets `null` and its field is reported once to `onUntranslated`.
 */
export function createTranslator(translations: ChildShieldTranslations, onUntranslated?: (field: string) => void) {
  const reported = new Set<string>()

  function value(field: string, raw: unknown): unknown {
    if (raw === undefined || raw === null) return null
    if (raw === '') return ''
    if (LOCATION_FIELDS.has(field)) return labelled(field, raw, translations.locations)
    const options = optionsFor(field)
    if (options) return labelled(field, raw, options)
    if (!Array.isArray(raw)) return raw
    const items: readonly unknown[] = raw
    return items.every((item) => asRecord(item) !== null) ? rows(field, items as Record<string, unknown>[]) : raw
  }

  /** A code → `{code: label}`, a list of codes → `[{code: label}]`; other values (true, numbers) as they are. */
  function labelled(field: string, raw: unknown, table: LabelTable): unknown {
    if (typeof raw === 'string') return { [raw]: label(field, table, raw) }
    if (!Array.isArray(raw)) return raw
    const items: readonly unknown[] = raw
    return items.map((item) => (typeof item === 'string' ? { [item]: label(field, table, item) } : item))
  }

  function rows(field: string, list: Record<string, unknown>[]): unknown[] {
    return withoutHisRows(field, list).map((row) =>
      Object.fromEntries(Object.entries(row).map(([key, v]) => [key, value(key, v)])),
    )
  }

  /** The field's option labels: from the translations, else an empty table for a configured select. */
  function optionsFor(field: string): LabelTable | undefined {
    const { options } = translations
    const table =
      options instanceof Map
        ? (options as ReadonlyMap<string, LabelTable>).get(field)
        : (options as Readonly<Record<string, LabelTable>>)[field]
    return table ?? (Object.hasOwn(CHILD_SHIELD_SELECTS, field) ? EMPTY_TABLE : undefined)
  }

  function label(field: string, table: LabelTable, id: string): string | null {
    const found =
      table instanceof Map
        ? (table as ReadonlyMap<string, string>).get(id)
        : Object.hasOwn(table, id)
          ? (table as Readonly<Record<string, string>>)[id]
          : undefined
    if (found !== undefined) return found
    if (!reported.has(field)) {
      reported.add(field)
      onUntranslated?.(field)
    }
    return null
  }

  return { value }
}

const EMPTY_TABLE: LabelTable = new Map<string, string>()
