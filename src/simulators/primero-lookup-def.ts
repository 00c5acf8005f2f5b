/** A lookup's options, each `[option id, English label, Thai label]`. */
export type Options = readonly (readonly [id: string, en: string, th: string])[]

/** One Primero lookup (`GET /api/v2/lookups` item): its name in English and Thai, and its options. */
export interface LookupDef {
  readonly en: string
  readonly th: string
  readonly values: Options
}

/** Lookups by `unique_id` (e.g. `lookup-gender`). */
export type Lookups = Readonly<Record<string, LookupDef>>
