import { describe, expect, it } from '@jest/globals'
import { loadSchemas } from '../../../src/avro/schemas.js'
import { loadConfig } from '../../../src/config.js'
import { cdcNormalizerStage } from '../../../src/flows/cdc-normalizer.js'
import type { RecordMeta } from '../../../src/pipeline/stage.js'
import { caseData, caseRow, envelope } from '../../fixtures/cdc/debezium.js'

const meta: RecordMeta = { topic: 't', partition: 0, offset: '0', key: null, timestamp: 0, now: 0 }

describe('cdcNormalizerStage', () => {
  it('consumes CDC_TOPIC in CDC_FORMAT and publishes CaseEvents keyed by record id', () => {
    const config = loadConfig({ CDC_TOPIC: 'oscc.public.cases', CDC_FORMAT: 'avro' })
    const stage = cdcNormalizerStage(config)
    expect(stage.name).toBe('cdc-normalizer')
    expect(stage.input).toEqual({ topic: 'oscc.public.cases', format: 'avro' })
    expect(cdcNormalizerStage(loadConfig({})).input).toEqual({ topic: 'primero.public.cases', format: 'json' })

    const out = stage.transform(envelope({ op: 'c', after: caseRow('rec-1', caseData()) }), meta)
    expect(stage.destination).toMatchObject({ kind: 'topic', topic: 'primero.case-events' })
    if (stage.destination.kind !== 'topic' || !out) throw new Error('expected a topic stage and an event')
    expect(stage.destination.key?.(out, meta)).toBe('rec-1')
    expect(() =>
      loadSchemas()
        .type(stage.destination.kind === 'topic' ? stage.destination.schema : '')
        .toBuffer(out),
    ).not.toThrow()
  })

  it('applies CDC_FILTER_NOOP', () => {
    const before = caseRow('rec-1', caseData())
    const after = caseRow('rec-1', caseData({ last_updated_at: '2025-01-01T00:00:00.000Z' }))
    const change = envelope({ op: 'u', before, after })
    expect(cdcNormalizerStage(loadConfig({})).transform(change, meta)).toBeNull()
    expect(cdcNormalizerStage(loadConfig({ CDC_FILTER_NOOP: 'false' })).transform(change, meta)).not.toBeNull()
  })

  it('skips updates that changed only the bridge’s write-backs, and the fields of CDC_NOOP_IGNORE_FIELDS', () => {
    const before = caseRow('rec-1', caseData())
    const written = caseRow('rec-1', caseData({ risk_level_from_child_shield_system_2df7bf4: 'high_8df42a5' }))
    expect(cdcNormalizerStage(loadConfig({})).transform(envelope({ op: 'u', before, after: written }), meta)).toBeNull()
    const noted = envelope({ op: 'u', before, after: caseRow('rec-1', caseData({ site_note: 'x', other_note: 'y' })) })
    expect(cdcNormalizerStage(loadConfig({})).transform(noted, meta)).not.toBeNull()
    const config = loadConfig({ CDC_NOOP_IGNORE_FIELDS: ' site_note , other_note,' })
    expect(config.CDC_NOOP_IGNORE_FIELDS).toEqual(['site_note', 'other_note'])
    expect(cdcNormalizerStage(config).transform(noted, meta)).toBeNull()
  })
})
