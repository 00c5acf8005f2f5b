import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'

/**
 * Every metric of the bridge, declared once. Labels stay bounded: stage, topic, partition, target, method,
 * status_class, outcome, reason, source — never record, case or person ids.
 */
export function createMetrics(registry: Registry = new Registry()) {
  collectDefaultMetrics({ register: registry })
  const r = [registry]
  const latency = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]
  const ages = [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600, 21600, 86400]
  return {
    registry,
    recordsConsumed: new Counter({
      name: 'primero_bridge_records_consumed_total',
      help: 'Records fetched from Kafka by a stage.',
      labelNames: ['stage', 'topic'],
      registers: r,
    }),
    recordsProcessed: new Counter({
      name: 'primero_bridge_records_processed_total',
      help: 'Records that reached a durable outcome, by outcome (delivered, skipped, dead_lettered).',
      labelNames: ['stage', 'outcome'],
      registers: r,
    }),
    processingDuration: new Histogram({
      name: 'primero_bridge_processing_duration_seconds',
      help: 'Time from a record being picked up to its durable outcome, retries included.',
      labelNames: ['stage'],
      buckets: latency,
      registers: r,
    }),
    eventAge: new Histogram({
      name: 'primero_bridge_event_age_seconds',
      help: 'Age of a record (now minus its Kafka timestamp) when its outcome became durable.',
      labelNames: ['stage'],
      buckets: ages,
      registers: r,
    }),
    httpDuration: new Histogram({
      name: 'primero_bridge_http_client_request_duration_seconds',
      help: 'Duration of HTTP calls to external systems.',
      labelNames: ['target', 'method', 'status_class'],
      buckets: latency,
      registers: r,
    }),
    retries: new Counter({
      name: 'primero_bridge_retries_total',
      help: 'Retried attempts after a target outage, by target and reason (network, timeout, http_5xx, http_429, ...).',
      labelNames: ['target', 'reason'],
      registers: r,
    }),
    deadLettered: new Counter({
      name: 'primero_bridge_dead_lettered_total',
      help: 'Records written to a dead-letter topic, by stage and error class.',
      labelNames: ['stage', 'reason'],
      registers: r,
    }),
    dlqWriteFailures: new Counter({
      name: 'primero_bridge_dlq_write_failures_total',
      help: 'Failed attempts to write to a dead-letter topic (the record is not committed past).',
      labelNames: ['stage'],
      registers: r,
    }),
    decodeErrors: new Counter({
      name: 'primero_bridge_schema_decode_errors_total',
      help: 'Records that could not be decoded, by reason (not-avro, unknown-schema, unexpected-schema, corrupt).',
      labelNames: ['stage', 'reason'],
      registers: r,
    }),
    consumerLag: new Gauge({
      name: 'primero_bridge_consumer_lag',
      help: 'Records between the high watermark and the next offset to commit, per partition this process consumes.',
      labelNames: ['stage', 'topic', 'partition'],
      registers: r,
    }),
    inFlight: new Gauge({
      name: 'primero_bridge_in_flight_records',
      help: 'Records currently being processed by a stage.',
      labelNames: ['stage'],
      registers: r,
    }),
    pausedPartitions: new Gauge({
      name: 'primero_bridge_paused_partitions',
      help: 'Partitions held back because their target is down or their dead-letter topic is unwritable.',
      labelNames: ['stage'],
      registers: r,
    }),
    assignedPartitions: new Gauge({
      name: 'primero_bridge_assigned_partitions',
      help: 'Partitions of its input topic this process consumes for a stage (0 after a crash, a stop or before joining).',
      labelNames: ['stage'],
      registers: r,
    }),
    handlerErrors: new Counter({
      name: 'primero_bridge_handler_errors_total',
      help: 'Records whose processing failed unexpectedly (a bug, not an outage or a bad record): not committed, not dead-lettered, fetched again after a backoff.',
      labelNames: ['stage', 'reason'],
      registers: r,
    }),
    rebalances: new Counter({
      name: 'primero_bridge_rebalances_total',
      help: 'Consumer group rebalances seen by a stage.',
      labelNames: ['stage'],
      registers: r,
    }),
    consumerCrashes: new Counter({
      name: 'primero_bridge_consumer_crashes_total',
      help: 'Kafka consumer crashes (the consumer restarts itself).',
      labelNames: ['stage'],
      registers: r,
    }),
    targetUp: new Gauge({
      name: 'primero_bridge_target_up',
      help: '1 when the last call to a target succeeded or failed for a record reason, 0 during an outage.',
      labelNames: ['target'],
      registers: r,
    }),
    circuitState: new Gauge({
      name: 'primero_bridge_circuit_state',
      help: 'Circuit breaker per target: 0 closed, 1 half-open, 2 open.',
      labelNames: ['target'],
      registers: r,
    }),
    published: new Counter({
      name: 'primero_bridge_published_total',
      help: 'Records published to Kafka by sources and stages, by source and topic.',
      labelNames: ['source', 'topic'],
      registers: r,
    }),
    ingressRequests: new Counter({
      name: 'primero_bridge_ingress_requests_total',
      help: 'Webhook requests answered by the ingress, by HTTP status code class and outcome.',
      labelNames: ['status_class', 'outcome'],
      registers: r,
    }),
    auditEvents: new Counter({
      name: 'primero_bridge_audit_events_total',
      help: 'Audit events written, by stage, system and outcome.',
      labelNames: ['stage', 'system', 'outcome'],
      registers: r,
    }),
    cursorAge: new Gauge({
      name: 'primero_bridge_poller_cursor_age_seconds',
      help: 'Seconds since a poller last advanced its cursor.',
      labelNames: ['source'],
      registers: r,
    }),
    pollerRuns: new Counter({
      name: 'primero_bridge_poller_runs_total',
      help: 'Poller runs by source and outcome (success, failed).',
      labelNames: ['source', 'outcome'],
      registers: r,
    }),
    mappingWarnings: new Counter({
      name: 'primero_bridge_mapping_warnings_total',
      help: 'Values a stage could not map and sent as null (e.g. an unknown risk level), by stage and field.',
      labelNames: ['stage', 'field'],
      registers: r,
    }),
    ready: new Gauge({
      name: 'primero_bridge_ready',
      help: '1 when the process reports ready on /readyz.',
      registers: r,
    }),
  }
}

export type Metrics = ReturnType<typeof createMetrics>
