import { subjectFor } from '../avro/codec.js'
import type { Config } from '../config.js'

export type SubjectCheck =
  | { readonly subject: string; readonly outcome: 'compatible' | 'not-registered' }
  | { readonly subject: string; readonly outcome: 'incompatible'; readonly reason: string }

/**
 * Asks the registry (Confluent API, Apicurio's ccompat) whether `schema` is compatible with the latest version
 * registered under `<topic>-value`: POST /compatibility/subjects/<subject>/versions/latest.
 */
export async function checkSubject(config: Config, topic: string, schema: object): Promise<SubjectCheck> {
  const subject = subjectFor(topic)
  const url = `${config.SCHEMA_REGISTRY_URL.replace(/\/$/, '')}/compatibility/subjects/${encodeURIComponent(subject)}/versions/latest`
  const headers: Record<string, string> = { 'content-type': 'application/vnd.schemaregistry.v1+json' }
  if (config.SCHEMA_REGISTRY_USERNAME) {
    const basic = `${config.SCHEMA_REGISTRY_USERNAME}:${config.SCHEMA_REGISTRY_PASSWORD ?? ''}`
    headers.authorization = `Basic ${Buffer.from(basic).toString('base64')}`
  }
  const res = await fetch(url, {
    method: 'POST',
    headers,
    body: JSON.stringify({ schema: JSON.stringify(schema) }),
    signal: AbortSignal.timeout(10_000),
  })
  const body = (await res.json().catch(() => ({}))) as { is_compatible?: boolean; messages?: unknown; message?: string }
  if (res.status === 404) return { subject, outcome: 'not-registered' }
  if (!res.ok)
    throw new Error(`registry answered ${res.status} for ${subject}${body.message ? `: ${body.message}` : ''}`)
  if (body.is_compatible === true) return { subject, outcome: 'compatible' }
  const reason = Array.isArray(body.messages) ? body.messages.map(String).join('; ') : 'not BACKWARD compatible'
  return { subject, outcome: 'incompatible', reason }
}
