/**
 * LoopBack 3 `filter` objects of the MoPH API. The risk-model listing is NOT documented by the source
 * repositories; it is modelled on LoopBack `find` and kept in this one function so it can be changed.
 * NEWEST first, for the reason given at PrimeroClient.listCasesUpdatedSince: with `skip` paging, a model updated
 * while the pages are read then moves to the pages already read (a repeat, harmless) instead of pushing the model
 * at the next page boundary out of every page (a skip the cursor would then move past for good).
 */
export function riskModelsPageFilter(sinceIso: string, limit: number, skip: number): object {
  return { where: { updatedAt: { gt: sinceIso } }, order: 'updatedAt DESC', limit, skip }
}

/** Person with the 50 newest visits and the Child-Shield risk model (job 1-getPatientData). */
export function personWithHistoryFilter(cid: string): object {
  return {
    where: { cid },
    include: [{ relation: 'interventions', scope: { order: 'vstdate DESC', limit: 50 } }, { relation: 'riskmodel' }],
  }
}

export function personFilter(cid: string): object {
  return { where: { cid } }
}

/** The one Child-Shield intervention that holds the Primero copies of a child's case. */
export function primeroInterventionFilter(cid: string): object {
  return { where: { cid, 'activities.primeroservice.serviceType': 'primero' } }
}
