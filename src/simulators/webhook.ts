import type { PrimeroWebhookBody } from '../clients/primero-types.js'
import type { PrimeroState } from './primero-state.js'

export interface WebhookRequest {
  readonly recordId: string
  /** `case.post` is the Sync button; `case.create` fires on creation. Primero registers one URL per webhook. */
  readonly event: 'case.post' | 'case.create'
  readonly url: string
  readonly apiKey?: string
  readonly basic?: { readonly username: string; readonly password: string }
  readonly timeoutMs?: number
}

const WEBHOOK_KEYS = [
  'case_id',
  'case_id_display',
  'short_id',
  'national_id_no',
  'status',
  'workflow',
  'module_id',
  'owned_by',
  'owned_by_agency_id',
  'owned_by_groups',
  'associated_user_names',
  'registration_date',
  'created_at',
  'last_updated_at',
  'record_state',
  'consent_for_services',
  'disclosure_other_orgs',
] as const

/** The body Primero's WebhookJob POSTs (reference A2): `{data:{record_id, record_type:"case", hostname, …}}`. */
export function webhookBody(state: PrimeroState, recordId: string, hostname: string): PrimeroWebhookBody | undefined {
  const c = state.cases.get(recordId)
  if (!c) return undefined
  const picked = Object.fromEntries(WEBHOOK_KEYS.filter((k) => c[k] !== undefined).map((k) => [k, c[k]]))
  return { data: { record_id: c.id, record_type: 'case', hostname, ...picked } }
}

/**
 * Sends the webhook like Primero: no retry; a `case.post` sets sync_status `sending`, then `sent` (HTTP < 400)
 * or `failed`. Resolves with the receiver's status (0 when it could not be reached).
 */
export async function deliverWebhook(
  state: PrimeroState,
  hostname: string,
  req: WebhookRequest,
  now: () => number,
): Promise<number> {
  const body = webhookBody(state, req.recordId, hostname)
  if (!body) throw new Error('unknown record')
  const mark = (status: string) => {
    if (req.event === 'case.post')
      state.sync.set(req.recordId, { sync_status: status, synced_at: new Date(now()).toISOString() })
  }
  mark('sending')
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (req.apiKey !== undefined) headers['x-api-key'] = req.apiKey
  if (req.basic)
    headers.authorization = `Basic ${Buffer.from(`${req.basic.username}:${req.basic.password}`).toString('base64')}`
  try {
    const res = await fetch(req.url, {
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(req.timeoutMs ?? 10_000),
    })
    await res.arrayBuffer()
    mark(res.status < 400 ? 'sent' : 'failed')
    return res.status
  } catch {
    mark('failed')
    return 0
  }
}
