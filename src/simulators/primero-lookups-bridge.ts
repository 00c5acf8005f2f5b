import type { Lookups } from './primero-lookup-def.js'

/**
 * Lookups of the fields the bridge writes into Primero: Child-Shield risk fields (option ids of the Thai
 * deployment, reference §2.5; labels illustrative) and the sync status.
 */
export const BRIDGE_LOOKUPS: Lookups = {
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
