/**
 * The path of a request with identifiers replaced by `:id`, safe for error messages and logs:
 * the query string is dropped and any segment that looks like an id (uuid, ObjectId, 3+ digits, or
 * anything not a plain word) becomes `:id`. `/api/v2/cases/5830f16d-…` → `/api/v2/cases/:id`.
 */
export function routeOf(path: string): string {
  const [pathname = ''] = path.split('?')
  return pathname
    .split('/')
    .map((segment) => (segment === '' || /^[A-Za-z_-]+\d?$/.test(segment) ? segment : ':id'))
    .join('/')
}
