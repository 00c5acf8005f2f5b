import type { Lookups } from './primero-lookup-def.js'

/**
 * Thai deployment lookups of the case forms: education and career, family, treatment plan, age assessment,
 * conferences and the perpetrator's details. Option ids and labels are synthetic (the real ones are in the
 * deployment's form configuration), with the ids the reference's examples show (`pre_school`, `alcohol`).
 */
export const THAI_CASE_LOOKUPS: Lookups = {
  'lookup-th-out-of-school-reasons-b5b103a': {
    en: 'Out of school reasons',
    th: 'เหตุผลที่ไม่ได้เรียน',
    values: [
      ['financial_problems_2a41c2e', 'Financial problems', 'ปัญหาการเงิน'],
      ['dropped_out_8c1d3f0', 'Dropped out', 'ออกกลางคัน'],
      ['family_problems_5d2e7a1', 'Family problems', 'ปัญหาครอบครัว'],
      ['has_to_work_9b4c0f3', 'Has to work', 'ต้องทำงาน'],
    ],
  },
  'lookup-th-occupation': {
    en: 'Occupation',
    th: 'อาชีพ',
    values: [
      ['pre_school', 'Pre-school', 'ก่อนวัยเรียน'],
      ['student', 'Student', 'นักเรียน'],
      ['labourer', 'Labourer', 'รับจ้าง'],
      ['farmer', 'Farmer', 'เกษตรกร'],
      ['trader', 'Trader', 'ค้าขาย'],
      ['government_officer', 'Government officer', 'รับราชการ'],
      ['unemployed', 'Unemployed', 'ว่างงาน'],
      ['other', 'Other', 'อื่นๆ'],
    ],
  },
  'lookup-th-family-status': {
    en: 'Family Status',
    th: 'สถานะครอบครัว',
    values: [
      ['living_together', 'Living together', 'อยู่ด้วยกัน'],
      ['separated', 'Separated', 'แยกกันอยู่'],
      ['divorced', 'Divorced', 'หย่าร้าง'],
      ['widowed', 'Widowed', 'บิดาหรือมารดาเสียชีวิต'],
      ['orphaned', 'Orphaned', 'กำพร้า'],
    ],
  },
  'lookup-th-status-of-treatment-plan': {
    en: 'Status of treatment plan',
    th: 'สถานะแผนการรักษา',
    values: [
      ['not_started', 'Not started', 'ยังไม่เริ่ม'],
      ['ongoing', 'Ongoing', 'กำลังดำเนินการ'],
      ['completed', 'Completed', 'เสร็จสิ้น'],
      ['discontinued', 'Discontinued', 'ยุติกลางคัน'],
    ],
  },
  'lookup-th-age-assessment-method': {
    en: 'Age assessment method',
    th: 'วิธีประเมินอายุ',
    values: [
      ['dental', 'Dental', 'ทางทันตกรรม'],
      ['xray', 'X-ray', 'เอกซเรย์'],
      ['physical_examination', 'Physical examination', 'ตรวจร่างกาย'],
    ],
  },
  'lookup-th-conference-type': {
    en: 'Conference type',
    th: 'ประเภทการประชุม',
    values: [
      ['case_conference', 'Case conference', 'ประชุมรายกรณี'],
      ['multidisciplinary_team', 'Multidisciplinary team', 'ประชุมทีมสหวิชาชีพ'],
    ],
  },
  'lookup-th-conference-reason': {
    en: 'Conference reason',
    th: 'เหตุผลการประชุม',
    values: [
      ['case_review', 'Case review', 'ทบทวนเคส'],
      ['case_transfer', 'Case transfer', 'ส่งต่อเคส'],
      ['case_closure', 'Case closure', 'ปิดเคส'],
    ],
  },
  'lookup-th-conference-case-status': {
    en: 'Conference case status',
    th: 'สถานะเคสจากการประชุม',
    values: [
      ['case_continue', 'Continue', 'ดำเนินการต่อ'],
      ['case_transfer', 'Case transfer', 'ส่งมอบเคส'],
      ['case_close', 'Close', 'ปิดเคส'],
    ],
  },
  'lookup-th-relation-to-the-child': {
    en: 'Relation to the child',
    th: 'ความสัมพันธ์กับเด็ก',
    values: [
      ['parent', 'Parent', 'บิดามารดา'],
      ['relative', 'Relative', 'ญาติ'],
      ['neighbour', 'Neighbour', 'เพื่อนบ้าน'],
      ['teacher', 'Teacher', 'ครู'],
      ['other', 'Other', 'อื่นๆ'],
    ],
  },
  'lookup-th-relationship-with-the-abused': {
    en: 'Relationship with the abused',
    th: 'ความสัมพันธ์กับผู้ถูกกระทำ',
    values: [
      ['father', 'Father', 'พ่อ'],
      ['mother', 'Mother', 'แม่'],
      ['stepfather', 'Stepfather', 'พ่อเลี้ยง'],
      ['relative', 'Relative', 'ญาติ'],
      ['boyfriend_girlfriend', 'Boyfriend/girlfriend', 'แฟน'],
      ['acquaintance', 'Acquaintance', 'คนรู้จัก'],
      ['stranger', 'Stranger', 'คนแปลกหน้า'],
    ],
  },
  'lookup-th-social-status': {
    en: 'Social status',
    th: 'สถานะทางสังคม',
    values: [
      ['employed', 'Employed', 'มีงานทำ'],
      ['unemployed', 'Unemployed', 'ว่างงาน'],
      ['student', 'Student', 'นักเรียน/นักศึกษา'],
      ['community_leader', 'Community leader', 'ผู้นำชุมชน'],
    ],
  },
  'lookup-th-stimulant': {
    en: 'Stimulant',
    th: 'สิ่งกระตุ้น',
    values: [
      ['alcohol', 'Alcohol', 'สุรา'],
      ['pornography', 'Pornography', 'สื่อลามก'],
      ['drugs', 'Drugs', 'ยาเสพติด'],
      ['gambling', 'Gambling', 'การพนัน'],
    ],
  },
  'lookup-th-relation-within-family': {
    en: 'Relation within family',
    th: 'ความสัมพันธ์ในครอบครัว',
    values: [
      ['conflict', 'Conflict', 'มีความขัดแย้ง'],
      ['domestic_violence', 'Domestic violence', 'ความรุนแรงในครอบครัว'],
      ['absent_parent', 'Absent parent', 'บิดาหรือมารดาไม่อยู่'],
    ],
  },
  'lookup-th-environment': {
    en: 'Environment',
    th: 'สภาพแวดล้อม',
    values: [
      ['crowded_housing', 'Crowded housing', 'ที่อยู่อาศัยแออัด'],
      ['drug_area', 'Drug-affected area', 'พื้นที่แพร่ระบาดยาเสพติด'],
      ['isolated_area', 'Isolated area', 'พื้นที่ห่างไกล'],
    ],
  },
  'lookup-th-economic-issue': {
    en: 'Economic issue',
    th: 'ปัญหาเศรษฐกิจ',
    values: [
      ['debt', 'Debt', 'หนี้สิน'],
      ['poverty', 'Poverty', 'ความยากจน'],
      ['unemployment', 'Unemployment', 'ตกงาน'],
    ],
  },
  'lookup-th-physical-issue': {
    en: 'Physical issue',
    th: 'ปัญหาด้านร่างกาย',
    values: [
      ['chronic_illness', 'Chronic illness', 'โรคเรื้อรัง'],
      ['disability', 'Disability', 'ความพิการ'],
    ],
  },
  'lookup-th-mental-issue': {
    en: 'Mental issue',
    th: 'ปัญหาด้านจิตใจ',
    values: [
      ['depression', 'Depression', 'ซึมเศร้า'],
      ['psychiatric_disorder', 'Psychiatric disorder', 'โรคทางจิตเวช'],
      ['substance_dependence', 'Substance dependence', 'ติดสารเสพติด'],
    ],
  },
}
