import { isObject } from '../http/error-detail.js'
import { PRIMERO_FORM, SYNC_FIELDS } from './primero-form.js'
import { LOCATIONS, lookupsPayload } from './primero-lookups.js'
import { mergeCase } from './primero-merge.js'
import { caseView, listCases, syncStatusFrom } from './primero-state.js'
import type { PrimeroState } from './primero-state.js'
import { invalidPointers } from './primero-validate.js'
import type { SimRequest, SimResponse } from './sim-server.js'

const CASE_PATH = /^\/api\/v2\/cases\/([^/]+)$/

export function primeroError(status: number, resource: string, message: string, detail?: unknown): SimResponse {
  return { status, body: { errors: [{ status, resource, ...(detail === undefined ? {} : { detail }), message }] } }
}

/** Primero API v2 routes over the in-memory state (auth is checked by the caller). */
export function handlePrimero(state: PrimeroState, req: SimRequest, now: () => number): SimResponse {
  const { method, path, query } = req
  if (method === 'GET' && path === '/api/v2/cases') {
    const per = Math.min(Math.max(1, Number(query.get('per') ?? 20) || 20), 1000)
    const page = Math.max(1, Number(query.get('page') ?? 1) || 1)
    const all = listCases(state, query)
    const data = all.slice((page - 1) * per, page * per).map((c) => caseView(state, c))
    return { status: 200, body: { data, metadata: { total: all.length, per, page } } }
  }
  if (method === 'GET' && path === '/api/v2/lookups') {
    const data = lookupsPayload()
    return { status: 200, body: { data, metadata: { total: data.length, per: data.length, page: 1 } } }
  }
  if (method === 'GET' && path === '/api/v2/locations') {
    return {
      status: 200,
      body: { data: LOCATIONS, metadata: { total: LOCATIONS.length, per: LOCATIONS.length, page: 1 } },
    }
  }
  const id = CASE_PATH.exec(path)?.[1]
  if (id === undefined) return primeroError(404, path, 'Not Found')
  const existing = state.cases.get(decodeURIComponent(id))
  if (!existing) return primeroError(404, path, 'Not Found', `Couldn't find Child with 'id'=${id}`)
  if (method === 'GET') return { status: 200, body: { data: caseView(state, existing) } }
  if (method !== 'PATCH') return primeroError(404, path, 'Not Found')

  const data: unknown = isObject(req.body) ? req.body.data : undefined
  if (!isObject(data)) return primeroError(422, path, 'Invalid Record JSON', ['/data'])
  const bad = invalidPointers(data, PRIMERO_FORM)
  if (bad.length > 0) return primeroError(422, path, 'Invalid Record JSON', bad)

  const fields = Object.fromEntries(Object.entries(data).filter(([k]) => !SYNC_FIELDS.has(k)))
  const { merged, changed } = mergeCase(existing, fields, PRIMERO_FORM)
  const at = new Date(now()).toISOString()
  const syncStatus = syncStatusFrom(data)
  if (syncStatus !== undefined) {
    const url = typeof data.mark_synced_url === 'string' ? data.mark_synced_url : undefined
    state.sync.set(existing.id, {
      sync_status: syncStatus,
      synced_at: at,
      ...(url === undefined ? {} : { mark_synced_url: url }),
    })
  }
  if (Object.keys(changed).length > 0) state.cases.set(existing.id, { ...merged, id: existing.id, last_updated_at: at })
  return { status: 200, body: { data: { id: existing.id, ...changed } } }
}
