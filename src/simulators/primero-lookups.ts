/**
 * Lookups (option ids with English and Thai labels) for the select fields of the simulated Primero form.
 * Option ids of the Child-Shield lookups are those of the Thai deployment (reference §2.5); labels are illustrative.
 */
type Options = readonly (readonly [id: string, en: string, th: string])[]

export const LOOKUPS: Readonly<Record<string, { readonly en: string; readonly th: string; readonly values: Options }>> =
  {
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
    'lookup-th-ch-risk-level': {
      en: 'Child-Shield Risk Level',
      th: 'ระดับความเสี่ยง Child-Shield',
      values: [
        ['low_c8318d2', 'Low', 'ต่ำ'],
        ['medium_2c2d8b1', 'Medium', 'ปานกลาง'],
        ['high_8df42a5', 'High', 'สูง'],
        ['victim_8d3885e', 'Victim', 'ผู้ถูกกระทำ'],
        ['others_b99020f', 'Others', 'อื่นๆ'],
      ],
    },
    'lookup-th-ch-improve-level': {
      en: 'Improvement',
      th: 'ระดับการพัฒนา',
      values: [
        ['improved_2bae6c9', 'Improved', 'ดีขึ้น'],
        ['unchanged_f10da80', 'Unchanged', 'คงที่'],
        ['worse_4c8552c', 'Worse', 'แย่ลง'],
      ],
    },
    'lookup-th-ch-severity-type': {
      en: 'Severity Type',
      th: 'ประเภทความรุนแรง',
      values: [
        ['physical_2529d27', 'Physical', 'ทางร่างกาย'],
        ['sexual_ea92fba', 'Sexual', 'ทางเพศ'],
        ['mental_e6a1980', 'Mental', 'ทางจิตใจ'],
        ['forsake_ca4e172', 'Neglect', 'ทอดทิ้ง'],
        ['beguile_bb276e6', 'Lure', 'ล่อลวง'],
      ],
    },
    'lookup-th-ch-case-status': {
      en: 'Child-Shield Case Status',
      th: 'สถานะเคส Child-Shield',
      values: [
        ['new_df8b394', 'New', 'ใหม่'],
        ['renew_35576a6', 'Renew', 'เปิดใหม่'],
        ['assigned_team_04c3f8e', 'Assigned team', 'มอบหมายทีม'],
        ['assigned_officer_eff421f', 'Assigned officer', 'มอบหมายเจ้าหน้าที่'],
        ['received_case_94a86d4', 'Received', 'รับเคส'],
        ['sent_cm_e29bdb2', 'Sent to CM', 'ส่ง CM'],
        ['completed_785e390', 'Completed', 'เสร็จสิ้น'],
      ],
    },
    'lookup-sync-status': {
      en: 'Sync Status',
      th: 'สถานะการซิงค์',
      values: [
        ['synced', 'Synced', 'ซิงค์แล้ว'],
        ['not_found', 'Not found', 'ไม่พบ'],
        ['failed', 'Failed', 'ล้มเหลว'],
      ],
    },
  }

export const LOCATIONS = [
  { id: 1, code: 'TH', type: 'country', name: { en: 'Thailand', th: 'ประเทศไทย' } },
  { id: 2, code: 'TH41', type: 'province', name: { en: 'Udon Thani', th: 'อุดรธานี' } },
  { id: 3, code: 'TH4111', type: 'district', name: { en: 'Ban Dung', th: 'บ้านดุง' } },
  { id: 4, code: 'TH411101', type: 'sub_district', name: { en: 'Si Suttho', th: 'ศรีสุทโธ' } },
  { id: 5, code: 'TH40', type: 'province', name: { en: 'Khon Kaen', th: 'ขอนแก่น' } },
] as const

export function lookupsPayload() {
  return Object.entries(LOOKUPS).map(([uniqueId, lookup], i) => ({
    id: i + 1,
    unique_id: uniqueId,
    name: { en: lookup.en, th: lookup.th },
    values: lookup.values.map(([id, en, th]) => ({ id, display_text: { en, th }, disabled: false })),
  }))
}

export function optionIds(lookupId: string): ReadonlySet<string> {
  return new Set((LOOKUPS[lookupId]?.values ?? []).map(([id]) => id))
}
