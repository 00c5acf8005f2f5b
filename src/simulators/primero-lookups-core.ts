import type { Lookups } from './primero-lookup-def.js'

/**
 * Lookups of Primero's core case form (option ids as in Primero's seeds; the Thai labels are illustrative).
 * Yes/no lookups use Primero's `true`/`false` option ids.
 */
export const CORE_LOOKUPS: Lookups = {
  'lookup-gender': {
    en: 'Sex',
    th: 'เพศ',
    values: [
      ['male', 'Male', 'ชาย'],
      ['female', 'Female', 'หญิง'],
      ['other', 'Other', 'อื่นๆ'],
    ],
  },
  'lookup-risk-level': {
    en: 'Risk Level',
    th: 'ระดับความเสี่ยง',
    values: [
      ['low', 'Low', 'ต่ำ'],
      ['medium', 'Medium', 'ปานกลาง'],
      ['high', 'High', 'สูง'],
    ],
  },
  'lookup-case-status': {
    en: 'Case Status',
    th: 'สถานะเคส',
    values: [
      ['open', 'Open', 'เปิด'],
      ['closed', 'Closed', 'ปิด'],
      ['transferred', 'Transferred', 'ส่งต่อ'],
      ['identified', 'Identified', 'ระบุแล้ว'],
    ],
  },
  'lookup-country': {
    en: 'Nationality',
    th: 'สัญชาติ',
    values: [
      ['thailand', 'Thailand', 'ไทย'],
      ['myanmar', 'Myanmar', 'เมียนมา'],
      ['laos', 'Laos', 'ลาว'],
      ['cambodia', 'Cambodia', 'กัมพูชา'],
      ['other', 'Other', 'อื่นๆ'],
    ],
  },
  'lookup-marital-status': {
    en: 'Marital Status',
    th: 'สถานภาพสมรส',
    values: [
      ['single', 'Single', 'โสด'],
      ['married_cohabitating', 'Married/Cohabitating', 'สมรส/อยู่ด้วยกัน'],
      ['widowed', 'Widowed', 'หม้าย'],
      ['divorced_separated', 'Divorced/Separated', 'หย่า'],
      ['seperated_595fb0b', 'Separated', 'แยกกันอยู่'],
      ['monk_792c197', 'Monk', 'สมณะ'],
      ['unknown_270da62', 'Unknown', 'ไม่ทราบ'],
    ],
  },
  'lookup-protection-concerns': {
    en: 'Protection Concerns',
    th: 'ประเด็นการคุ้มครอง',
    values: [
      ['sexually_exploited', 'Sexually exploited', 'ถูกแสวงประโยชน์ทางเพศ'],
      ['physically_abused', 'Physically abused', 'ถูกทำร้ายร่างกาย'],
      ['mentally_abused', 'Emotionally abused', 'ถูกทำร้ายจิตใจ'],
      ['neglected', 'Neglected', 'ถูกทอดทิ้ง'],
      ['trafficked', 'Trafficked', 'ถูกค้ามนุษย์'],
      ['child_labour', 'Child labour', 'แรงงานเด็ก'],
      ['teenage_pregnancy', 'Teenage pregnancy', 'ตั้งครรภ์ในวัยรุ่น'],
      ['substance_abuse', 'Substance abuse', 'ใช้สารเสพติด'],
      ['other', 'Other', 'อื่นๆ'],
    ],
  },
  'lookup-service-type': {
    en: 'Service Type',
    th: 'ประเภทบริการ',
    values: [
      ['safehouse_service', 'Safehouse', 'บ้านพักฉุกเฉิน'],
      ['health_medical_service', 'Health/Medical', 'บริการสุขภาพ'],
      ['psychosocial_service', 'Psychosocial', 'บริการจิตสังคม'],
      ['legal_assistance_service', 'Legal assistance', 'ความช่วยเหลือทางกฎหมาย'],
      ['police_other_service', 'Police/Other', 'ตำรวจ/อื่นๆ'],
      ['education_service', 'Education', 'การศึกษา'],
      ['other_service', 'Other', 'อื่นๆ'],
    ],
  },
  'lookup-service-response-type': {
    en: 'Service Response Type',
    th: 'ประเภทการตอบสนอง',
    values: [
      ['care_plan', 'Care plan', 'แผนการดูแล'],
      ['action_plan', 'Action plan', 'แผนปฏิบัติการ'],
      ['service_provision', 'Service provision', 'การให้บริการ'],
    ],
  },
  'lookup-service-referred': {
    en: 'Service Referred',
    th: 'การส่งต่อบริการ',
    values: [
      ['internal_referral', 'Internal Referral', 'ส่งต่อภายใน'],
      ['external_referral', 'External Referral', 'ส่งต่อภายนอก'],
    ],
  },
  'lookup-service-implemented': {
    en: 'Service Implemented',
    th: 'การให้บริการ',
    values: [
      ['not_implemented', 'Not Implemented', 'ยังไม่ได้ให้บริการ'],
      ['implemented', 'Implemented', 'ให้บริการแล้ว'],
    ],
  },
  'lookup-followup-type': {
    en: 'Followup Type',
    th: 'ประเภทการติดตาม',
    values: [
      ['after_reunification', 'Follow up after reunification', 'ติดตามหลังกลับคืนครอบครัว'],
      ['in_care', 'Follow up in care', 'ติดตามระหว่างการดูแล'],
      ['for_service', 'Follow up for service', 'ติดตามการให้บริการ'],
      ['for_assesment', 'Follow up for assessment', 'ติดตามเพื่อประเมิน'],
    ],
  },
  'lookup-yes-no': {
    en: 'Yes or No',
    th: 'ใช่หรือไม่',
    values: [
      ['true', 'Yes', 'ใช่'],
      ['false', 'No', 'ไม่ใช่'],
    ],
  },
  'lookup-yes-no-unknown': {
    en: 'Yes, No, or Unknown',
    th: 'ใช่ ไม่ใช่ หรือไม่ทราบ',
    values: [
      ['true', 'Yes', 'ใช่'],
      ['false', 'No', 'ไม่ใช่'],
      ['unknown', 'Unknown', 'ไม่ทราบ'],
    ],
  },
  'lookup-family-relationship': {
    en: 'Family Relationship',
    th: 'ความสัมพันธ์ในครอบครัว',
    values: [
      ['mother', 'Mother', 'มารดา'],
      ['father', 'Father', 'บิดา'],
      ['grandmother', 'Grandmother', 'ยาย/ย่า'],
      ['grandfather', 'Grandfather', 'ตา/ปู่'],
      ['sibling', 'Sibling', 'พี่น้อง'],
      ['aunt_uncle', 'Aunt/Uncle', 'ป้า/น้า/อา/ลุง'],
      ['other_family', 'Other family', 'ญาติอื่น'],
    ],
  },
}
