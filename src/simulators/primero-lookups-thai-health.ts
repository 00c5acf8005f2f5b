import type { Lookups } from './primero-lookup-def.js'

/**
 * Thai deployment lookups of the unexpected-pregnancy and physical-check subforms. Option ids and labels are
 * synthetic, except `his`, the source the bridge writes on the rows it takes from HIS (field-map.ts HIS_SOURCE).
 */
export const THAI_HEALTH_LOOKUPS: Lookups = {
  'lookup-th-reason-for-unexpected-pregnancy': {
    en: 'Reason for unexpected pregnancy',
    th: 'สาเหตุการตั้งครรภ์ไม่พร้อม',
    values: [
      ['contraception_problem', 'Contraception problem', 'ปัญหาการคุมกำเนิด'],
      ['sexual_abuse', 'Sexual abuse', 'ถูกล่วงละเมิดทางเพศ'],
      ['lack_of_knowledge', 'Lack of knowledge', 'ขาดความรู้'],
    ],
  },
  'lookup-th-contraception-problem': {
    en: 'Contraception problem',
    th: 'ปัญหาการคุมกำเนิด',
    values: [
      ['not_used', 'Not used', 'ไม่ได้คุมกำเนิด'],
      ['used_incorrectly', 'Used incorrectly', 'ใช้ไม่ถูกวิธี'],
      ['failed', 'Failed', 'คุมกำเนิดล้มเหลว'],
    ],
  },
  'lookup-th-pregnancy-support-needed': {
    en: 'Support needed',
    th: 'ความช่วยเหลือที่ต้องการ',
    values: [
      ['counselling', 'Counselling', 'การปรึกษา'],
      ['financial', 'Financial', 'การเงิน'],
      ['continued_education', 'Continued education', 'การศึกษาต่อ'],
      ['shelter', 'Shelter', 'ที่พักอาศัย'],
    ],
  },
  'lookup-th-legal-offenses': {
    en: 'Legal offenses',
    th: 'ความผิดทางกฎหมาย',
    values: [
      ['statutory_rape', 'Statutory rape', 'กระทำชำเราเด็ก'],
      ['human_trafficking', 'Human trafficking', 'ค้ามนุษย์'],
      ['none', 'None', 'ไม่มี'],
    ],
  },
  'lookup-th-factors-for-pregnancy-termination': {
    en: 'Factors for pregnancy termination',
    th: 'ปัจจัยการยุติการตั้งครรภ์',
    values: [
      ['age', 'Age', 'อายุ'],
      ['health_risk', 'Health risk', 'ความเสี่ยงต่อสุขภาพ'],
      ['sexual_offence', 'Sexual offence', 'เป็นผลจากการกระทำความผิดทางเพศ'],
    ],
  },
  'lookup-th-pregnancy-physical-issue': {
    en: 'Physical issue',
    th: 'ปัญหาด้านร่างกาย',
    values: [
      ['anaemia', 'Anaemia', 'โลหิตจาง'],
      ['hypertension', 'Hypertension', 'ความดันโลหิตสูง'],
      ['infection', 'Infection', 'การติดเชื้อ'],
    ],
  },
  'lookup-th-pregnancy-mental-issue': {
    en: 'Mental issue',
    th: 'ปัญหาด้านจิตใจ',
    values: [
      ['anxiety', 'Anxiety', 'วิตกกังวล'],
      ['depression', 'Depression', 'ซึมเศร้า'],
    ],
  },
  'lookup-th-family-social-economic-issues': {
    en: 'Family, social and economic issues',
    th: 'ปัญหาครอบครัว สังคม เศรษฐกิจ',
    values: [
      ['poverty', 'Poverty', 'ความยากจน'],
      ['no_family_support', 'No family support', 'ขาดการสนับสนุนจากครอบครัว'],
      ['family_conflict', 'Family conflict', 'ความขัดแย้งในครอบครัว'],
    ],
  },
  'lookup-th-decision-after-counseling': {
    en: 'Decision after counselling',
    th: 'การตัดสินใจหลังรับคำปรึกษา',
    values: [
      ['continue_pregnancy', 'Continue the pregnancy', 'ตั้งครรภ์ต่อ'],
      ['terminate_pregnancy', 'Terminate the pregnancy', 'ยุติการตั้งครรภ์'],
      ['undecided', 'Undecided', 'ยังไม่ตัดสินใจ'],
    ],
  },
  'lookup-th-antenatal-care-place': {
    en: 'Antenatal care will be provided at',
    th: 'สถานที่ฝากครรภ์',
    values: [
      ['this_hospital', 'This hospital', 'โรงพยาบาลนี้'],
      ['other_hospital', 'Another hospital', 'โรงพยาบาลอื่น'],
      ['health_promoting_hospital', 'Health-promoting hospital', 'โรงพยาบาลส่งเสริมสุขภาพตำบล'],
    ],
  },
  'lookup-th-source-of-information': {
    en: 'Source of information',
    th: 'แหล่งข้อมูล',
    values: [
      ['his', 'HIS', 'ระบบ HIS'],
      ['caseworker', 'Caseworker', 'เจ้าหน้าที่'],
      ['patient', 'Patient', 'ผู้ป่วย'],
    ],
  },
  'lookup-th-normal-abnormal': {
    en: 'Normal or abnormal',
    th: 'ปกติหรือผิดปกติ',
    values: [
      ['normal', 'Normal', 'ปกติ'],
      ['abnormal', 'Abnormal', 'ผิดปกติ'],
      ['not_examined', 'Not examined', 'ไม่ได้ตรวจ'],
    ],
  },
}
