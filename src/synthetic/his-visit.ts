import type { HisVisit } from '../clients/moph-types.js'
import { hisTime, isoDate } from './dates.js'
import { objectId } from './ids.js'
import type { Rng } from './prng.js'
import { DEPARTMENTS, DIAGNOSES, DIAGTYPES, LABS, SPECIALTIES } from './vocabulary.js'
import type { FACILITIES } from './vocabulary.js'

export interface VisitContext {
  readonly personId: string
  readonly cid: string
  readonly facility: (typeof FACILITIES)[number]
  readonly female: boolean
}

/** One HIS visit (intervention) at `at`, with the vendor quirks of reference §2.7. */
export function buildVisit(rng: Rng, ctx: VisitContext, at: number): HisVisit {
  const date = isoDate(at)
  const time = hisTime(at)
  const dep = rng.pick(DEPARTMENTS)
  const beYear = String((new Date(at).getUTCFullYear() + 543) % 100).padStart(2, '0')
  const depKey = rng.chance(0.7) ? 'main_dep' : 'main_dept'
  const anc = ctx.female && dep.code === '030'
  return {
    id: objectId(rng),
    personId: ctx.personId,
    cid: ctx.cid,
    vn: rng.chance(0.8)
      ? `${beYear}${date.slice(5, 7)}${date.slice(8, 10)}${time.replace(/:/g, '').padStart(6, '0')}`
      : rng.digits(6),
    vstdate: date,
    vsttime: time,
    hcode: ctx.facility.hcode,
    hname: ctx.facility.hname,
    [depKey]: dep.code,
    main_dept_name: dep.name,
    spclty: rng.pick(SPECIALTIES).slice(0, 2),
    spclty_name: rng.pick(SPECIALTIES),
    ovstist: '01',
    ovstist_name: 'มาเอง',
    activities: {
      assessment: [assessment(rng, date, time)],
      diagnosis: Array.from({ length: rng.int(1, 3) }, () => diagnosis(rng, date, time)),
      laboratory: rng.chance(0.4) ? Array.from({ length: rng.int(1, 3) }, () => laboratory(rng, date, time)) : [],
      treatment: [],
      ...(anc ? { anc: [ancRow(rng, at)] } : {}),
    },
  }
}

function assessment(rng: Rng, date: string, time: string) {
  return {
    date,
    time,
    bw: Math.round((10 + rng.next() * 50) * 10) / 10,
    height: rng.int(80, 175),
    bps: rng.int(90, 130),
    bpd: rng.int(55, 85),
    pulse: rng.int(60, 120),
    temperature: Math.round((36 + rng.next() * 2) * 10) / 10,
    pe: rng.pick(['NAD', 'bruise at left arm', 'normal', '']),
    cc: rng.pick(['ปวดท้อง', 'ไข้', 'ตรวจร่างกาย']),
  }
}

const DIAGTYPE_NAMES: Readonly<Record<number, string>> = {
  1: 'Principal Diagnosis',
  2: 'Comorbidity',
  3: 'Complication',
  4: 'Other',
  5: 'External Cause',
}

function diagnosis(rng: Rng, date: string, time: string) {
  const dx = rng.pick(DIAGNOSES)
  const diagtype = rng.pick(DIAGTYPES)
  return {
    icd10: dx.icd10,
    diag_name: dx.name,
    diagtype,
    diagtype_name: DIAGTYPE_NAMES[Number(diagtype)] ?? null,
    date,
    time,
  }
}

function laboratory(rng: Rng, date: string, time: string) {
  const lab = rng.pick(LABS)
  return {
    provis_labcode: lab.code,
    lab_items_name: lab.name,
    lab_order_result: rng.pick(lab.results),
    lab_items_unit: lab.unit,
    lab_items_normal_value_ref: lab.ref,
    date,
    time,
  }
}

function ancRow(rng: Rng, at: number) {
  const gaWeek = rng.int(6, 38)
  const lmp = at - gaWeek * 7 * 86_400_000
  return {
    date: isoDate(at),
    ga_week: rng.chance(0.85) ? gaWeek : '',
    lmp: isoDate(lmp),
    edc: isoDate(lmp + 280 * 86_400_000),
    preg_no: rng.int(1, 2),
    anc_service_type_name: 'ตรวจก่อนคลอด',
  }
}
