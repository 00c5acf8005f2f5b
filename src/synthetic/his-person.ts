import type { HisPerson, HisVisit } from '../clients/moph-types.js'
import { addDays, isoDate } from './dates.js'
import { buildVisit } from './his-visit.js'
import { objectId } from './ids.js'
import type { ChildBasics } from './primero-case.js'
import type { Rng } from './prng.js'
import { FACILITIES } from './vocabulary.js'

/** Visit counts skew low: most children have a few visits, some up to 50, some none. */
function visitCount(rng: Rng): number {
  const roll = rng.next()
  if (roll < 0.15) return 0
  if (roll < 0.85) return rng.int(1, 5)
  return rng.int(6, 50)
}

/** An HIS person (without relations; `interventions` and `riskmodel` are attached by the caller). */
export function buildHisPerson(rng: Rng, child: ChildBasics): { person: HisPerson; visits: HisVisit[] } {
  const id = objectId(rng)
  const facility = rng.pick(FACILITIES)
  const female = child.sex === 'female'
  const count = visitCount(rng)
  const visits: HisVisit[] = []
  let at = addDays(child.registeredAt, rng.int(0, 2)) + rng.int(7, 20) * 3_600_000
  for (let i = 0; i < count; i++) {
    visits.push(buildVisit(rng, { personId: id, cid: child.nationalId, facility, female }, at))
    at = addDays(at, -rng.int(1, 60)) - rng.int(0, 3_600_000)
  }
  const hn = rng.digits(rng.pick([6, 9]))
  const person: HisPerson = {
    id,
    cid: child.nationalId,
    hn,
    pname: female ? 'ด.ญ.' : 'ด.ช.',
    fname: child.thaiName.first,
    lname: child.thaiName.last,
    sex: female ? '2' : '1',
    sex_name: female ? 'หญิง' : 'ชาย',
    birthday: isoDate(child.dateOfBirth),
    nationality: rng.chance(0.8) ? '099' : '99',
    nationality_name: 'ไทย',
    marrystatus: '1',
    educate: String(rng.int(1, 3)),
    occupation_name: 'นักเรียน',
    pttype: '71',
    pttype_name: 'เด็กอายุไม่เกิน 12 ปีบริบูรณ์',
    informaddr: `${rng.int(1, 200)} หมู่ ${rng.int(1, 12)} ต.ตัวอย่าง อ.สมมติ จ.จำลอง`,
    hometel: rng.chance(0.5) ? '' : `08${rng.digits(8)}`,
    hcode: facility.hcode,
    hname: facility.hname,
    anc: [],
    ipt: [],
  }
  return { person, visits }
}
