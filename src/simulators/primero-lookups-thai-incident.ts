import type { Lookups } from './primero-lookup-def.js'

/** Thai deployment lookups of the incident details form. Option ids and labels are synthetic. */
export const THAI_INCIDENT_LOOKUPS: Lookups = {
  'lookup-th-type-of-place': {
    en: 'Type of place',
    th: 'ประเภทสถานที่',
    values: [
      ['home', 'Home', 'บ้าน'],
      ['school', 'School', 'โรงเรียน'],
      ['public_place', 'Public place', 'ที่สาธารณะ'],
      ['workplace', 'Workplace', 'สถานที่ทำงาน'],
      ['online', 'Online', 'ออนไลน์'],
    ],
  },
  'lookup-th-type-of-abuse': {
    en: 'Type of abuse',
    th: 'ประเภทการกระทำ',
    values: [
      ['physical', 'Physical', 'ทางร่างกาย'],
      ['sexual', 'Sexual', 'ทางเพศ'],
      ['mental', 'Mental', 'ทางจิตใจ'],
      ['neglect', 'Neglect', 'ทอดทิ้ง'],
      ['exploitation', 'Exploitation', 'แสวงประโยชน์'],
      ['human_trafficking', 'Human trafficking', 'ค้ามนุษย์'],
    ],
  },
  'lookup-th-physical-abuse': {
    en: 'Physical abuse',
    th: 'การทำร้ายร่างกาย',
    values: [
      ['hitting', 'Hitting', 'ตี'],
      ['kicking', 'Kicking', 'เตะ'],
      ['burning', 'Burning', 'ทำให้เกิดแผลไหม้'],
      ['with_weapon', 'With a weapon', 'ใช้อาวุธ'],
    ],
  },
  'lookup-th-sexual-abuse': {
    en: 'Sexual abuse',
    th: 'การล่วงละเมิดทางเพศ',
    values: [
      ['touching', 'Touching', 'การสัมผัส'],
      ['attempted_rape', 'Attempted rape', 'พยายามข่มขืน'],
      ['rape', 'Rape', 'ข่มขืน'],
    ],
  },
  'lookup-th-physical-interaction': {
    en: 'Physical interaction',
    th: 'การสัมผัสทางกาย',
    values: [
      ['no_penetration', 'No penetration', 'ไม่มีการสอดใส่'],
      ['penetration', 'Penetration', 'มีการสอดใส่'],
    ],
  },
  'lookup-th-sexual-intercourse': {
    en: 'Sexual intercourse',
    th: 'การมีเพศสัมพันธ์',
    values: [
      ['no', 'No', 'ไม่มี'],
      ['yes', 'Yes', 'มี'],
      ['unknown', 'Unknown', 'ไม่ทราบ'],
    ],
  },
  'lookup-th-no-physical-touch': {
    en: 'No physical touch',
    th: 'ไม่มีการสัมผัสทางกาย',
    values: [
      ['online', 'Online', 'ทางออนไลน์'],
      ['verbal', 'Verbal', 'ทางวาจา'],
      ['exposure', 'Exposure', 'อนาจาร'],
    ],
  },
  'lookup-th-mental-abuse': {
    en: 'Mental abuse',
    th: 'การทำร้ายจิตใจ',
    values: [
      ['threats', 'Threats', 'ข่มขู่'],
      ['insults', 'Insults', 'ดูหมิ่น'],
      ['isolation', 'Isolation', 'กักขัง/แยกตัว'],
    ],
  },
  'lookup-th-neglect': {
    en: 'Neglect',
    th: 'การทอดทิ้ง',
    values: [
      ['no_food', 'No food', 'ไม่ได้รับอาหาร'],
      ['no_medical_care', 'No medical care', 'ไม่ได้รับการรักษา'],
      ['no_schooling', 'No schooling', 'ไม่ได้รับการศึกษา'],
      ['left_alone', 'Left alone', 'ถูกปล่อยให้อยู่ลำพัง'],
    ],
  },
  'lookup-th-exploitation': {
    en: 'Exploitation',
    th: 'การแสวงประโยชน์',
    values: [
      ['labour', 'Labour', 'ใช้แรงงาน'],
      ['begging', 'Begging', 'ขอทาน'],
      ['sexual', 'Sexual', 'ทางเพศ'],
    ],
  },
  'lookup-th-human-trafficking': {
    en: 'Human trafficking',
    th: 'การค้ามนุษย์',
    values: [
      ['none', 'None', 'ไม่มี'],
      ['labour_trafficking', 'Labour trafficking', 'ค้าแรงงาน'],
      ['sex_trafficking', 'Sex trafficking', 'ค้าประเวณี'],
    ],
  },
}
