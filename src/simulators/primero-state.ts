import type { PrimeroCase } from '../clients/primero-types.js'

export interface SyncRecord {
  sync_status: string
  synced_at: string
  mark_synced_url?: string
}

/** In-memory Primero: cases by record id, and the sync status Primero shows for each. */
export interface PrimeroState {
  readonly cases: Map<string, PrimeroCase>
  readonly sync: Map<string, SyncRecord>
}

export function createPrimeroState(cases: Iterable<PrimeroCase>): PrimeroState {
  return { cases: new Map([...cases].map((c) => [c.id, c])), sync: new Map() }
}

/** The case as GET returns it: fields plus the read-only `sync_status` and `synced_at`. */
export function caseView(state: PrimeroState, c: PrimeroCase): PrimeroCase {
  const sync = state.sync.get(c.id)
  return sync ? { ...c, sync_status: sync.sync_status, synced_at: sync.synced_at } : c
}

/**
 * `GET /api/v2/cases` filtering: `last_updated_at=x..y` (open ranges allowed), `national_id_no=a,b` (OR list,
 * exact match on the stored value as Primero does — dashed and plain ids are different values),
 * `order_by` (default created_at) and `order` (`asc`, otherwise desc; default desc), as Primero's Pagination
 * concern; ties in id order so that paging is deterministic.
 */
export function listCases(state: PrimeroState, query: URLSearchParams): PrimeroCase[] {
  let cases = [...state.cases.values()].filter((c) => c.enabled !== false)
  const range = query.get('last_updated_at')
  if (range !== null) {
    const [from = '', to = ''] = range.split('..')
    const fromMs = from ? Date.parse(from) : -Infinity
    const toMs = to ? Date.parse(to) : Infinity
    cases = cases.filter((c) => {
      const at = Date.parse(c.last_updated_at ?? '')
      return at >= fromMs && at <= toMs
    })
  }
  const ids = query.get('national_id_no')
  if (ids !== null) {
    const wanted = new Set(ids.split(','))
    cases = cases.filter(
      (c) => c.national_id_no !== undefined && c.national_id_no !== null && wanted.has(String(c.national_id_no)),
    )
  }
  const orderBy = query.get('order_by') ?? 'created_at'
  const sign = query.get('order')?.toLowerCase() === 'asc' ? 1 : -1
  return cases.sort((a, b) => sign * compare(a[orderBy], b[orderBy]) || compare(a.id, b.id))
}

function compare(a: unknown, b: unknown): number {
  const x = typeof a === 'string' || typeof a === 'number' ? a : ''
  const y = typeof b === 'string' || typeof b === 'number' ? b : ''
  return x < y ? -1 : x > y ? 1 : 0
}

/** Primero's sync write-back rule: an explicit `mark_synced_status` wins; `mark_synced: true` alone → synced. */
export function syncStatusFrom(data: Record<string, unknown>): string | undefined {
  if (typeof data.mark_synced_status === 'string' && data.mark_synced_status !== '') return data.mark_synced_status
  if (data.mark_synced === true) return 'synced'
  return undefined
}
