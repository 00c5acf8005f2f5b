import type { CaseEventType } from '../domain/records.js'
import type { CaseFields } from './case-event.js'

/** Deepest JSON nesting accepted in a webhook body (Primero sends a flat `data` object). */
export const MAX_BODY_DEPTH = 32

/** Primero webhook events, one webhook registration (URL with `?event=`) per event set. */
export const WEBHOOK_EVENTS: Readonly<Record<string, CaseEventType>> = {
  'case.post': 'SYNC_REQUESTED',
  'case.create': 'CREATED',
  'case.update': 'UPDATED',
}

/** Fields of the webhook body that describe the delivery, not the case; left out of caseData. */
const TRANSPORT_FIELDS = new Set(['record_id', 'record_type', 'hostname'])
const RECORD_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/

export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly status: number; readonly message: string }

const reject = (status: number, message: string): Parsed<never> => ({ ok: false, status, message })

/** `?event=` → CaseEvent type; absent means the Sync button (`case.post`). */
export function eventTypeOf(event: string | null): Parsed<CaseEventType> {
  if (event === null || event === '') return { ok: true, value: 'SYNC_REQUESTED' }
  const type = WEBHOOK_EVENTS[event]
  return type
    ? { ok: true, value: type }
    : reject(400, `unknown event; expected one of ${Object.keys(WEBHOOK_EVENTS).join(', ')}`)
}

/**
 * Validates a webhook body `{data:{record_id, record_type:"case", …}}`. Messages name the problem, never a value.
 * caseData keeps the case fields present (national id, status, owner, …) minus record_id/record_type/hostname.
 */
export function parseWebhookBody(text: string): Parsed<CaseFields> {
  if (nestingDepth(text) > MAX_BODY_DEPTH) return reject(400, `body nested deeper than ${MAX_BODY_DEPTH} levels`)
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return reject(400, 'body is not valid JSON')
  }
  const data = isPlainObject(body) ? body.data : undefined
  if (!isPlainObject(data)) return reject(400, 'body must be an object with a "data" object')
  if (typeof data.record_id !== 'string' || data.record_id === '') return reject(400, 'data.record_id is required')
  if (!RECORD_ID.test(data.record_id)) return reject(400, 'data.record_id is not a Primero record id')
  if (data.record_type !== 'case') return reject(422, 'data.record_type must be "case"')
  const fields = Object.fromEntries(Object.entries(data).filter(([k]) => !TRANSPORT_FIELDS.has(k)))
  return { ok: true, value: { recordId: data.record_id, fields } }
}

/** Maximum bracket depth of a JSON text, ignoring brackets inside strings (checked before parsing). */
export function nestingDepth(text: string): number {
  let depth = 0
  let max = 0
  let inString = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (inString) {
      if (ch === '\\') i++
      else if (ch === '"') inString = false
    } else if (ch === '"') inString = true
    else if (ch === '{' || ch === '[') max = Math.max(max, ++depth)
    else if (ch === '}' || ch === ']') depth--
  }
  return max
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
