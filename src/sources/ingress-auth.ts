import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import type { Config } from '../config.js'
import { ConfigError } from '../errors.js'

export type WebhookAuth = (headers: IncomingHttpHeaders) => boolean

type AuthConfig = Pick<Config, 'INGRESS_API_KEY' | 'INGRESS_BASIC_USER' | 'INGRESS_BASIC_PASSWORD'>

/**
 * Checks Primero's webhook credentials: header `x-api-key` (webhook auth_type api_key) or HTTP Basic (auth_type
 * basic_auth), whichever is configured; both may be. Comparisons are constant-time (over SHA-256 digests, so
 * lengths leak nothing). Throws ConfigError when neither is configured: an open ingress never starts.
 */
export function createWebhookAuth(config: AuthConfig): WebhookAuth {
  const apiKey = config.INGRESS_API_KEY
  const basic =
    config.INGRESS_BASIC_USER && config.INGRESS_BASIC_PASSWORD
      ? { user: config.INGRESS_BASIC_USER, password: config.INGRESS_BASIC_PASSWORD }
      : undefined
  if (!apiKey && !basic) {
    throw new ConfigError(['INGRESS_API_KEY or INGRESS_BASIC_USER/INGRESS_BASIC_PASSWORD: required by the ingress'])
  }
  return (headers) => {
    const givenKey = headers['x-api-key']
    if (apiKey && typeof givenKey === 'string' && safeEqual(givenKey, apiKey)) return true
    const given = basic ? parseBasic(headers.authorization) : undefined
    if (!basic || !given) return false
    const userOk = safeEqual(given.user, basic.user)
    const passwordOk = safeEqual(given.password, basic.password)
    return userOk && passwordOk
  }
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest()
}

export function safeEqual(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b))
}

function parseBasic(header: string | undefined): { user: string; password: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '')
  if (!match?.[1]) return undefined
  const decoded = Buffer.from(match[1], 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  return colon < 0 ? undefined : { user: decoded.slice(0, colon), password: decoded.slice(colon + 1) }
}
