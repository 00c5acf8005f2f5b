import { normaliseNationalId } from '../domain/national-id.js'
import type { HttpObserver } from '../http/http-client.js'
import { createHttpClient } from '../http/http-client.js'
import { decodeLocations, decodeLookups } from './primero-labels.js'
import type { LocationLabels, LookupLabels } from './primero-labels.js'
import type { PrimeroCase, PrimeroPage } from './primero-types.js'
import { expectDataArray, expectDataObject, expectRecord, numberOr } from './shape.js'
import { createTtlCache } from './ttl-cache.js'

const TARGET = 'primero'
/** Primero caps `per` at 1000 since v2.10.3. */
export const PRIMERO_MAX_PER = 1000

export interface PrimeroClientOptions {
  readonly baseUrl: string
  readonly username: string
  readonly password: string
  readonly timeoutMs?: number
  readonly ca?: string
  readonly rejectUnauthorized?: boolean
  readonly observer?: HttpObserver
  /** How long lookups and locations are cached; default one hour. */
  readonly labelsTtlMs?: number
  readonly now?: () => number
}

/**
 * Primero API v2 over Basic auth (the stable machine login; token login changed in v2.11).
 * Errors: DeliveryError (401 devise body, 422 `Invalid Record JSON` with the JSON pointers in `detail`, 5xx …),
 * NotFoundError for an unknown case id.
 */
export interface PrimeroClient {
  /**
   * Pages of cases with `last_updated_at >= sinceIso` (open range `since..`), NEWEST first. Offset paging over a
   * listing that changes while it is read: with oldest-first order, a case updated after its page was read moves
   * to the end and every later case shifts back one place, so the case at the next page boundary is never listed
   * and the cursor then moves past it for good. Newest first, an update moves the case to the front, i.e. into
   * the pages already read: later cases shift forward one place, which repeats a case (harmless, writes are
   * idempotent) and never skips one. The updated case itself, if not listed again, changed after page 1 was read,
   * so its `last_updated_at` is newer than anything on page 1 and the next poll (from the latest change seen)
   * lists it. Keyset paging would also work but depends on Primero's date-range precision; this needs none.
   */
  listCasesUpdatedSince(sinceIso: string, options?: { per?: number }): AsyncGenerator<PrimeroPage>
  getCase(id: string): Promise<PrimeroCase>
  /** PATCH by record id; only the fields sent change, subforms merge by `unique_id`. Resolves with the changed fields. */
  patchCase(id: string, data: Readonly<Record<string, unknown>>): Promise<Record<string, unknown>>
  /**
   * Record ids of the cases whose national id is `nationalId`. `national_id_no` is one of Primero's
   * "filterable id fields" (Child.filterable_id_fields), so the filter is honoured in v2.11+ where unknown
   * params are silently ignored; the answer is still re-checked here so an ignored filter can never match.
   * Asks for the plain and the dashed spelling (an OR list), since Primero matches the stored text exactly.
   */
  findCasesByNationalId(nationalId: string): Promise<string[]>
  getLookups(): Promise<LookupLabels>
  getLocations(): Promise<LocationLabels>
  close(): void
}

export function createPrimeroClient(options: PrimeroClientOptions): PrimeroClient {
  const basic = Buffer.from(`${options.username}:${options.password}`).toString('base64')
  const http = createHttpClient({
    target: TARGET,
    baseUrl: options.baseUrl,
    headers: { authorization: `Basic ${basic}` },
    ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options.ca === undefined ? {} : { ca: options.ca }),
    ...(options.rejectUnauthorized === undefined ? {} : { rejectUnauthorized: options.rejectUnauthorized }),
    ...(options.observer === undefined ? {} : { observer: options.observer }),
  })
  const ttl = options.labelsTtlMs ?? 3_600_000
  const lookups = createTtlCache(
    async () => {
      const { body } = await http.request('GET', '/api/v2/lookups', { searchParams: { per: 1_000_000, page: 1 } })
      return decodeLookups(expectDataArray(TARGET, 'GET /api/v2/lookups', body))
    },
    ttl,
    options.now,
  )
  const locations = createTtlCache(
    async () => {
      const { body } = await http.request('GET', '/api/v2/locations', { searchParams: { per: 1_000_000 } })
      return decodeLocations(expectDataArray(TARGET, 'GET /api/v2/locations', body))
    },
    ttl,
    options.now,
  )

  async function listPage(searchParams: Record<string, string | number>): Promise<PrimeroPage> {
    const { body } = await http.request('GET', '/api/v2/cases', { searchParams })
    const data = expectDataArray(TARGET, 'GET /api/v2/cases', body)
    const cases = data.map((c) => expectRecord(TARGET, 'GET /api/v2/cases', c, 'id') as PrimeroCase)
    const meta = (body as { metadata?: Record<string, unknown> }).metadata ?? {}
    const metadata = {
      total: numberOr(meta.total, cases.length),
      per: numberOr(meta.per, 0),
      page: numberOr(meta.page, 0),
    }
    return { data: cases, metadata }
  }

  /**
   * Every page of a filtered listing, `page=1,2,…`, until a short page or `metadata.total` is reached. Offset paging
   * is only safe when a concurrent change can move a listed record towards the pages already read, never away
   * from them: the caller's `order_by` must make that true (see listCasesUpdatedSince).
   */
  async function* pagesOf(filter: Record<string, string>, size: number): AsyncGenerator<PrimeroPage> {
    for (let page = 1; ; page++) {
      const result = await listPage({ ...filter, page, per: size })
      if (result.data.length > 0) yield result
      if (result.data.length < size || page * size >= result.metadata.total) return
    }
  }

  return {
    async *listCasesUpdatedSince(sinceIso, { per = PRIMERO_MAX_PER } = {}) {
      const size = Math.min(Math.max(1, per), PRIMERO_MAX_PER)
      const filter = { last_updated_at: `${sinceIso}..`, order_by: 'last_updated_at', order: 'desc' }
      yield* pagesOf(filter, size)
    },
    async getCase(id) {
      const { body } = await http.request('GET', `/api/v2/cases/${encodeURIComponent(id)}`, { notFoundError: true })
      return expectRecord(
        TARGET,
        'GET /api/v2/cases/:id',
        expectDataObject(TARGET, 'GET /api/v2/cases/:id', body),
        'id',
      ) as PrimeroCase
    },
    async patchCase(id, data) {
      const path = `/api/v2/cases/${encodeURIComponent(id)}`
      const { body } = await http.request('PATCH', path, { json: { data }, notFoundError: true })
      // a 2xx means the write was applied: an empty answer (204, or a 200 without a body) reports no fields
      return body === undefined ? {} : expectDataObject(TARGET, 'PATCH /api/v2/cases/:id', body)
    },
    async findCasesByNationalId(nationalId) {
      const plain = nationalId.replace(/\D/g, '')
      const dashed = plain.replace(/^(\d)(\d{4})(\d{5})(\d{2})(\d)$/, '$1-$2-$3-$4-$5')
      const variants = plain === dashed ? plain : `${plain},${dashed}`
      // created_at never changes, so a case updated while the pages are read keeps its place (see pagesOf).
      const filter = { national_id_no: variants, order_by: 'created_at', order: 'asc' }
      const ids = new Set<string>()
      for await (const page of pagesOf(filter, PRIMERO_MAX_PER)) {
        for (const c of page.data) if (sameNationalId(c.national_id_no, nationalId)) ids.add(c.id)
      }
      return [...ids]
    },
    getLookups: () => lookups.get(),
    getLocations: () => locations.get(),
    close: () => {
      http.close()
    },
  }
}

function sameNationalId(raw: unknown, wanted: string): boolean {
  const a = normaliseNationalId(raw)
  const b = normaliseNationalId(wanted)
  return a.ok && b.ok && a.value === b.value
}
