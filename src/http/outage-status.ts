import { isRetryableStatus } from '../errors.js'

/**
 * Whether a non-2xx HTTP status means "the target is unusable for every record" (a *target outage*: pause,
 * retry without limit, readiness false, nothing dead-lettered, no sync marked failed) rather than "this record
 * was refused" (a *record failure*: dead-letter and move on).
 *
 * Outages: 5xx and 408/425/429 (design §4), plus two departures from §4, which lists only 408/425/429 as
 * retryable 4xx:
 *  - 3xx: redirects are never followed (a write must not be silently re-sent elsewhere, and a 302 to a login page
 *    would otherwise pass as success). A redirect means a wrong base URL or a proxy in the way: it answers every
 *    record the same, so dead-lettering would throw away every record of the misconfiguration.
 *  - 401: the credentials are refused (Primero Basic auth, MoPH login, or a MoPH token that stays refused after the
 *    one allowed refresh). Every record would fail the same way until an operator fixes the secret.
 * 403 and the other 4xx stay record failures: they can depend on the record (permissions on one case, a bad id).
 */
export function isOutageStatus(status: number): boolean {
  return (status >= 300 && status < 400) || status === 401 || isRetryableStatus(status)
}
