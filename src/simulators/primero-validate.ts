import { isObject } from '../http/error-detail.js'
import type { FieldDef } from './primero-form.js'
import { optionIds } from './primero-lookups.js'

const DATE = /^\d{4}-\d{2}-\d{2}$/
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/

/**
 * JSON pointers (`/nationality`, `/physical_check_2/0/date_6`) of every value the form rejects:
 * unknown field, wrong type, or a select value not in its lookup. `null` is accepted for every field.
 */
export function invalidPointers(
  data: Record<string, unknown>,
  form: Readonly<Record<string, FieldDef>>,
  base = '',
): string[] {
  const problems: string[] = []
  for (const [name, value] of Object.entries(data)) {
    const pointer = `${base}/${name}`
    const def = form[name]
    if (def === undefined) problems.push(pointer)
    else if (value !== null) problems.push(...invalidValue(value, def, pointer))
  }
  return problems
}

function invalidValue(value: unknown, def: FieldDef, pointer: string): string[] {
  const bad = [pointer]
  switch (def.type) {
    case 'text':
      return typeof value === 'string' ? [] : bad
    case 'date':
      return typeof value === 'string' && DATE.test(value) ? [] : bad
    case 'datetime':
      return typeof value === 'string' && DATETIME.test(value) && !Number.isNaN(Date.parse(value)) ? [] : bad
    case 'tick_box':
      return typeof value === 'boolean' ? [] : bad
    case 'numeric':
      return Number.isInteger(value) && Math.abs(value as number) <= 2 ** 31 ? [] : bad
    case 'select': {
      const allowed = optionIds(def.lookup)
      if (def.multi)
        return Array.isArray(value) && value.every((v) => typeof v === 'string' && allowed.has(v)) ? [] : bad
      return typeof value === 'string' && allowed.has(value) ? [] : bad
    }
    case 'subform':
      if (!Array.isArray(value)) return bad
      return value.flatMap((row: unknown, i) => {
        if (!isObject(row)) return [`${pointer}/${i}`]
        const { unique_id: uniqueId, _destroy: destroy, ...fields } = row
        const rowBad =
          (uniqueId !== undefined && typeof uniqueId !== 'string') ||
          (destroy !== undefined && typeof destroy !== 'boolean')
        return [...(rowBad ? [`${pointer}/${i}`] : []), ...invalidPointers(fields, def.fields, `${pointer}/${i}`)]
      })
  }
}
