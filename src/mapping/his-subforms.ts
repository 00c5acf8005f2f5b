import type { HisVisit } from '../domain/records.js'
import { HIS_SOURCE, LAB_CODE_FIELDS, PHYSICAL_CHECK, PREGNANCY } from './field-map.js'
import { physicalCheckRowId, pregnancyRowId } from './subform-ids.js'

type Row = Record<string, unknown>

const EMPTY_LABS: Readonly<Row> = Object.fromEntries(Object.values(LAB_CODE_FIELDS).map((field) => [field, '']))

/**
 * `physical_check_2` rows, one per visit (newest first), marked as HIS-sourced. Every lab field is
 * present ('' when the visit has no such lab); a lab is `"<result> <unit> (<normal range>)"`, the last
 * result of a code winning. Rows with the same unique_id keep the first (newest).
 */
export function physicalCheckRows(visits: readonly HisVisit[], cid: string | null): Row[] {
  return uniqueRows(
    visits.map((visit) => {
      const assessment = visit.assessments[0]
      const row: Row = {
        [PHYSICAL_CHECK.uniqueId]: physicalCheckRowId(visit.visitId, visitKey(visit), cid),
        [PHYSICAL_CHECK.date]: visit.visitDate,
        [PHYSICAL_CHECK.department]: visit.department ?? '',
        [PHYSICAL_CHECK.weight]: roundOrNull(assessment?.weightKg),
        [PHYSICAL_CHECK.height]: roundOrNull(assessment?.heightCm),
        [PHYSICAL_CHECK.generalExam]: assessment?.physicalExam ?? '',
        [PHYSICAL_CHECK.physicalExam]: assessment?.physicalExamText ?? '',
        [PHYSICAL_CHECK.generalText]: assessment?.generalText ?? '',
        [PHYSICAL_CHECK.lastPeriod]: visit.anc[0]?.lmp ?? null,
        [PHYSICAL_CHECK.source]: HIS_SOURCE,
        ...EMPTY_LABS,
      }
      for (const lab of visit.labs) {
        const field = lab.code === null ? undefined : LAB_CODE_FIELDS[lab.code]
        if (field !== undefined) row[field] = `${lab.result ?? ''} ${lab.unit ?? ''} (${lab.normalRange ?? ''})`
      }
      return row
    }),
  )
}

/** `new_pregnancy` rows, one per ANC record of every visit, marked as HIS-sourced. */
export function pregnancyRows(visits: readonly HisVisit[], cid: string | null): Row[] {
  return uniqueRows(
    visits.flatMap((visit) =>
      visit.anc.map((anc, index) => ({
        [PREGNANCY.uniqueId]: pregnancyRowId(index, anc.date, cid),
        [PREGNANCY.gestationalWeek]: anc.gaWeek,
        [PREGNANCY.reportDate]: anc.date ?? '',
        [PREGNANCY.source]: HIS_SOURCE,
      })),
    ),
  )
}

/** Identifies a visit that has no usable HIS id. */
function visitKey(visit: HisVisit): string {
  return [visit.vn, visit.visitDate, visit.visitTime, visit.facilityCode].map((part) => part ?? '').join('|')
}

/**
 * int32 for Primero numeric fields (weights and heights are whole numbers there). An absurd HIS value outside int32
 * is left out: Primero would refuse the whole PATCH (422) over it.
 */
function roundOrNull(value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null
  const rounded = Math.round(value)
  return Math.abs(rounded) <= 2_147_483_647 ? rounded : null
}

function uniqueRows(rows: Row[]): Row[] {
  const seen = new Set<unknown>()
  return rows.filter((row) => {
    const id = row.unique_id
    if (seen.has(id)) return false
    seen.add(id)
    return true
  })
}
