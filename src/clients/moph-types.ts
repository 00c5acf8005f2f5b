/**
 * MoPH API (LoopBack 3; HIS and Child-Shield) shapes, loosely typed: real data is messy (see reference §2.7),
 * so fields are `unknown` unless the bridge relies on them. Transforms normalise.
 */
export interface MophLoginResponse {
  readonly id: string
  readonly ttl: number
  readonly created: string
  readonly userId: string
}

export interface HisVisit {
  readonly id: string
  readonly vstdate?: string
  readonly activities?: Readonly<Record<string, unknown>>
  readonly [field: string]: unknown
}

export interface RiskModel {
  readonly id: string | null
  readonly cid: string
  readonly riskLevel?: string | null
  readonly summaryRiskLevel?: string | null
  readonly improveLevel?: string | null
  readonly severityType?: readonly string[] | null
  readonly physical?: number | string | null
  readonly mental?: number | string | null
  readonly sexual?: number | string | null
  readonly caseStatus?: string | null
  readonly updatedAt?: string
  readonly [field: string]: unknown
}

export interface HisPerson {
  /** ObjectId; some sample answers omit it, so the client only requires `cid`. */
  readonly id?: string
  readonly cid: string
  readonly interventions?: readonly HisVisit[]
  readonly riskmodel?: RiskModel | null
  readonly [field: string]: unknown
}

/** A Child-Shield intervention; the Primero copy lives under `activities.primeroservice.<YYYY-MM-DD>`. */
export interface Intervention {
  readonly id: string
  readonly cid?: string
  readonly personId?: string
  readonly activities?: Readonly<Record<string, unknown>>
  readonly [field: string]: unknown
}

/** LoopBack error envelope: `{error:{statusCode, name, message, code, status?}}`. */
export interface LoopBackError {
  readonly error: {
    readonly statusCode: number
    readonly name: string
    readonly message: string
    readonly code?: string
    readonly status?: number
  }
}
