import { isObject } from '../http/error-detail.js'

/** LoopBack `order`: `"field ASC|DESC"`, a comma-separated list of them, or an array of them. */
export type LoopBackOrder = string | readonly string[]

/** LoopBack 3 filter subset: `where` (equality, dotted paths, `{gt|gte|lt|lte}`), `order`, `limit`, `skip`, `include`. */
export interface LoopBackFilter {
  readonly where: Record<string, unknown>
  readonly order?: LoopBackOrder
  readonly limit?: number
  readonly skip?: number
  readonly include: readonly { readonly relation: string; readonly scope: { order?: LoopBackOrder; limit?: number } }[]
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
  const order = parseOrder(value.order)
  if (order === null) return undefined
  return {
    where: isObject(value.where) ? value.where : {},
    ...(order === undefined ? {} : { order }),
    ...(typeof value.limit === 'number' ? { limit: value.limit } : {}),
    ...(typeof value.skip === 'number' ? { skip: value.skip } : {}),
    include,
  }
}

/** A valid LoopBack order; undefined when absent, null when invalid (LoopBack answers 400). */
function parseOrder(value: unknown): LoopBackOrder | undefined | null {
  if (value === undefined) return undefined
  const texts = typeof value === 'string' ? [value] : Array.isArray(value) ? (value as unknown[]) : [null]
  if (!texts.every((t): t is string => typeof t === 'string')) return null
  return orderKeys(texts) === undefined ? null : texts
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

/**
 * Sorts as LoopBack's `order` (juggler normalisation): each key `field [ASC|DESC]` (ASC when omitted, direction
 * case-insensitive); later keys break ties. As in MongoDB, a missing or null field sorts lowest: first ascending,
 * last descending. An invalid order leaves the items as they are (parseFilter refuses it first).
 */
export function sortBy<T>(items: T[], order: LoopBackOrder | undefined): T[] {
  const keys = order === undefined ? [] : (orderKeys(order) ?? [])
  if (keys.length === 0) return items
  return items.sort((a, b) => {
    for (const { field, sign } of keys) {
      const c = compareValues(getPath(a, field), getPath(b, field))
      if (c !== 0) return sign * c
    }
    return 0
  })
}

/** The keys of an order, or undefined when a direction is neither ASC nor DESC (LoopBack answers 400). */
function orderKeys(order: LoopBackOrder): { field: string; sign: 1 | -1 }[] | undefined {
  const tokens = (typeof order === 'string' ? [order] : order).flatMap((o) => o.split(/\s*,\s*/))
  const keys: { field: string; sign: 1 | -1 }[] = []
  for (const token of tokens) {
    const [field = '', direction = 'ASC', ...rest] = token.trim().split(/\s+/)
    if (field === '') continue
    const upper = direction.toUpperCase()
    if (rest.length > 0 || (upper !== 'ASC' && upper !== 'DESC')) return undefined
    keys.push({ field, sign: upper === 'DESC' ? -1 : 1 })
  }
  return keys
}

function compareValues(x: unknown, y: unknown): number {
  if (!isComparable(x) || !isComparable(y)) return isComparable(x) ? 1 : isComparable(y) ? -1 : 0
  return x < y ? -1 : x > y ? 1 : 0
}

export function page<T>(items: T[], skip = 0, limit?: number): T[] {
  return items.slice(skip, limit === undefined ? undefined : skip + limit)
}
