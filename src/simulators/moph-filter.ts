import { isObject } from '../http/error-detail.js'

/** LoopBack 3 filter subset: `where` (equality, dotted paths, `{gt|gte|lt|lte}`), `order`, `limit`, `skip`, `include`. */
export interface LoopBackFilter {
  readonly where: Record<string, unknown>
  readonly order?: string
  readonly limit?: number
  readonly skip?: number
  readonly include: readonly { readonly relation: string; readonly scope: { order?: string; limit?: number } }[]
}

export function parseFilter(raw: string | null): LoopBackFilter | undefined {
  let value: unknown = {}
  if (raw !== null) {
    try {
      value = JSON.parse(raw) as unknown
    } catch {
      return undefined
    }
  }
  if (!isObject(value)) return undefined
  const includes = Array.isArray(value.include) ? value.include : value.include === undefined ? [] : [value.include]
  const include = includes.flatMap((i: unknown) => {
    if (typeof i === 'string') return [{ relation: i, scope: {} }]
    if (isObject(i) && typeof i.relation === 'string')
      return [{ relation: i.relation, scope: isObject(i.scope) ? i.scope : {} }]
    return []
  })
  return {
    where: isObject(value.where) ? value.where : {},
    ...(typeof value.order === 'string' ? { order: value.order } : {}),
    ...(typeof value.limit === 'number' ? { limit: value.limit } : {}),
    ...(typeof value.skip === 'number' ? { skip: value.skip } : {}),
    include,
  }
}

export function getPath(obj: unknown, path: string): unknown {
  let current = obj
  for (const key of path.split('.')) current = isObject(current) ? current[key] : undefined
  return current
}

/** LoopBack PATCH semantics for one key: a dotted path sets a nested value, creating objects on the way. */
export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.')
  const last = keys.pop() ?? path
  let current = obj
  for (const key of keys) {
    const next = current[key]
    current = current[key] = isObject(next) ? { ...next } : {}
  }
  current[last] = value
}

export function matchesWhere(item: unknown, where: Record<string, unknown>): boolean {
  return Object.entries(where).every(([path, cond]) => {
    const actual = getPath(item, path)
    if (!isObject(cond)) return actual === cond
    const cmp = (op: string, test: (a: string | number, b: string | number) => boolean) =>
      !(op in cond) || (isComparable(actual) && isComparable(cond[op]) && test(actual, cond[op]))
    return (
      cmp('gt', (a, b) => a > b) &&
      cmp('gte', (a, b) => a >= b) &&
      cmp('lt', (a, b) => a < b) &&
      cmp('lte', (a, b) => a <= b)
    )
  })
}

function isComparable(v: unknown): v is string | number {
  return typeof v === 'string' || typeof v === 'number'
}

/** Sorts by `"field ASC|DESC"`; items without the field sort last. */
export function sortBy<T>(items: T[], order: string | undefined): T[] {
  if (!order) return items
  const [field = '', direction = 'ASC'] = order.trim().split(/\s+/)
  const sign = direction.toUpperCase() === 'DESC' ? -1 : 1
  return items.sort((a, b) => {
    const x = getPath(a, field)
    const y = getPath(b, field)
    if (!isComparable(x) || !isComparable(y)) return isComparable(x) ? -1 : isComparable(y) ? 1 : 0
    return x < y ? -sign : x > y ? sign : 0
  })
}

export function page<T>(items: T[], skip = 0, limit?: number): T[] {
  return items.slice(skip, limit === undefined ? undefined : skip + limit)
}
