/**
 * A short, PII-free description of an error body. Only known envelope fields are read:
 *  - Primero: `{errors:[{status, resource, detail, message}]}` → message plus JSON pointers from `detail`
 *    (free-text `detail` such as "Couldn't find Child …" is dropped, it can name records);
 *  - Devise (Primero 401): `{error: "Invalid User name or password."}`;
 *  - MoPH / LoopBack: `{error:{statusCode, name, message, code}}` → code and message.
 * Long digit runs and hex/uuid ids are masked; the result is capped at 200 characters.
 */
export function describeErrorBody(body: unknown): string | undefined {
  if (!isObject(body)) return undefined
  const text = primeroEnvelope(body.errors) ?? deviseOrLoopBack(body.error)
  return text === undefined ? undefined : maskIds(text).slice(0, 200)
}

function primeroEnvelope(errors: unknown): string | undefined {
  if (!Array.isArray(errors)) return undefined
  const first: unknown = errors[0]
  if (!isObject(first)) return undefined
  const message = typeof first.message === 'string' ? first.message : 'error'
  const pointers = Array.isArray(first.detail)
    ? first.detail.filter((d): d is string => typeof d === 'string' && d.startsWith('/'))
    : []
  return pointers.length > 0 ? `${message} ${pointers.join(',')}` : message
}

function deviseOrLoopBack(error: unknown): string | undefined {
  if (typeof error === 'string') return error
  if (!isObject(error)) return undefined
  const code = typeof error.code === 'string' ? error.code : undefined
  const message = typeof error.message === 'string' ? error.message : undefined
  if (code !== undefined && message !== undefined) return `${code}: ${message}`
  return code ?? message
}

/** Masks things that look like record or person identifiers. */
export function maskIds(text: string): string {
  return text
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, ':id')
    .replace(/\b[0-9a-f]{24}\b/gi, ':id')
    .replace(/\d[\d-]{4,}\d/g, ':n')
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
