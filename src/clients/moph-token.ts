import type { HttpClient } from '../http/http-client.js'
import type { MophLoginResponse } from './moph-types.js'
import { expectRecord, numberOr } from './shape.js'

/** Renew this long before the server-side expiry so a token never expires mid-call. */
const EXPIRY_MARGIN_MS = 60_000

/**
 * The MoPH access token: `POST /api/Users/login {email,password}` → `{id, ttl (s), created, userId}`.
 * Cached until shortly before `now() + ttl`; login is single-flight (concurrent callers share one login).
 * `invalidate(token)` forgets that token only, so twenty callers that all saw a 401 cause one re-login.
 */
export function createMophTokens(http: HttpClient, email: string, password: string, now: () => number) {
  let current: { readonly token: string; readonly expiresAt: number } | undefined
  let login: Promise<string> | undefined

  async function doLogin(): Promise<string> {
    const { body } = await http.request<MophLoginResponse>('POST', '/api/Users/login', { json: { email, password } })
    const answer = expectRecord(http.target, 'POST /api/Users/login', body, 'id')
    const ttlMs = numberOr(answer.ttl, 0) * 1000
    current = { token: answer.id as string, expiresAt: now() + Math.max(0, ttlMs - EXPIRY_MARGIN_MS) }
    return current.token
  }

  return {
    get(): Promise<string> {
      if (current && now() < current.expiresAt) return Promise.resolve(current.token)
      login ??= doLogin().finally(() => {
        login = undefined
      })
      return login
    },
    invalidate(token: string): void {
      if (current?.token === token) current = undefined
    },
  }
}
