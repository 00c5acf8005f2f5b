/** Invented names and labels for synthetic records. None is a real person. */
export const THAI_FIRST_NAMES = ['สมชาย', 'สมหญิง', 'มานี', 'มานะ', 'ปิติ', 'ชูใจ', 'วีระ', 'ดวงใจ', 'อารี', 'สุดา'] as const
export const THAI_LAST_NAMES = ['ตัวอย่าง', 'ทดสอบ', 'สมมติ', 'จำลอง', 'ใจดี', 'รักเรียน'] as const
export const LATIN_FIRST_NAMES = ['Somchai', 'Somying', 'Manee', 'Mana', 'Piti', 'Chujai', 'Weera', 'Duangjai'] as const
export const LATIN_LAST_NAMES = ['Example', 'Sample', 'Testkul', 'Mockwong', 'Fakesri'] as const
export const CASEWORKERS = ['cw_udon_01', 'cw_udon_02', 'cw_khon_01', 'cw_bkk_03'] as const
export const AGENCIES = ['UNICEF', 'OSCC-UDON', 'MSDHS'] as const
export const FACILITIES = [
  { hcode: '11446', hname: 'รพ.ตัวอย่าง' },
  { hcode: '11014', hname: 'รพ.สต.ตัวอย่าง' },
  { hcode: '13910', hname: 'รพ.สมมติ' },
] as const
export const DEPARTMENTS = [
  { code: '018', name: '018:ER' },
  { code: '030', name: '030:ANC' },
  { code: '001', name: '001:OPD' },
] as const
export const SPECIALTIES = ['01:อายุรกรรม', '02:ศัลยกรรม', '04:กุมารเวชกรรม', '03:สูติกรรม'] as const
export const DIAGNOSES = [
  { icd10: 'T742', name: 'Sexual abuse' },
  { icd10: 'E117', name: 'Type 2 diabetes without complications' },
  { icd10: 'Z01.1', name: 'Examination of ears and hearing' },
  { icd10: 'i64', name: 'Stroke, not specified' },
  { icd10: 'Z133', name: 'Special screening examination for mental and behavioural disorders' },
  { icd10: 'K12.00', name: 'Recurrent oral aphthae' },
  { icd10: 'J069', name: 'Acute upper respiratory infection' },
  { icd10: 'Z34.0', name: 'Supervision of normal first pregnancy' },
] as const
export const DIAGTYPES = ['1', '2', '3', '4', '5', '01', '04', null] as const
export const LABS = [
  { code: '0602203', name: 'Urine pregnancy test', results: ['Negative', 'Positive'], unit: '', ref: 'Negative' },
  { code: '0743299', name: 'Anti HIV (rapid)', results: ['Negative', 'Non-reactive'], unit: '', ref: 'Negative' },
  { code: '0749100', name: 'Anti HIV', results: ['Negative'], unit: '', ref: 'Negative' },
  { code: '0749300', name: 'HIV Ag/Ab', results: ['Non-reactive'], unit: '', ref: 'Non-reactive' },
  { code: '0721298', name: 'VDRL', results: ['Non-reactive', 'Reactive'], unit: '', ref: 'Non-reactive' },
  { code: '0749303', name: 'HBsAg', results: ['Negative'], unit: '', ref: 'Negative' },
  { code: '0741699', name: 'Anti HCV', results: ['Negative'], unit: '', ref: 'Negative' },
  { code: '0749103', name: 'Anti HCV (rapid)', results: ['Negative'], unit: 'S/CO', ref: '<1.0' },
] as const
export const RISK_LEVELS = ['low', 'medium', 'high', 'victim', 'others', 'Low'] as const
export const IMPROVE_LEVELS = ['improved', 'unchanged', 'worse', 'Unchange', null] as const
export const SEVERITY_TYPES = ['ทางร่างกาย', 'ทางเพศ', 'ทางจิตใจ', 'ทอดทิ้ง', 'ล่อลวง'] as const
export const CASE_STATUSES = [
  'new',
  'renew',
  'assignedTeam',
  'assignedOfficer',
  'recievedCase',
  'sentCM',
  'completed',
] as const
