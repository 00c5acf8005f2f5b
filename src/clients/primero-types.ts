/**
 * Primero API v2 record shapes, loosely typed: form fields are deployment-specific (hashed names), so only the
 * fields the bridge relies on are named; everything else passes through.
 */
export interface PrimeroCase {
  readonly id: string
  readonly case_id?: string
  readonly case_id_display?: string
  readonly short_id?: string
  /** Thai citizen id; Primero may hold it with dashes or as a JSON number. */
  readonly national_id_no?: string | number | null
  readonly status?: string
  readonly last_updated_at?: string
  readonly [field: string]: unknown
}

export interface PrimeroListMetadata {
  readonly total: number
  readonly per: number
  readonly page: number
}

export interface PrimeroPage {
  readonly data: readonly PrimeroCase[]
  readonly metadata: PrimeroListMetadata
}

/** The webhook body Primero POSTs on `case.post` (Sync button), `case.create` and `case.update`. */
export interface PrimeroWebhookBody {
  readonly data: {
    readonly record_id: string
    readonly record_type: string
    readonly hostname?: string
    readonly case_id?: string
    readonly case_id_display?: string
    readonly short_id?: string
    readonly national_id_no?: string | number | null
    readonly status?: string
    readonly [field: string]: unknown
  }
}

/** An option label in both languages Primero carries. */
export interface Label {
  readonly en: string
  readonly th: string
}
