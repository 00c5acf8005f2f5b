import { readFileSync } from 'node:fs'
import { Kafka, logLevel, type KafkaConfig, type SASLOptions, type logCreator } from 'kafkajs'
import type { Config } from '../config.js'
import type { Logger } from '../logger.js'

/** The only place that builds kafkajs clients: brokers, TLS (verified by default), SASL, and logs bridged to pino. */
export function createKafka(config: Config, logger: Logger): Kafka {
  const kafkaConfig: KafkaConfig = {
    clientId: config.KAFKA_CLIENT_ID,
    brokers: [...config.KAFKA_BROKERS],
    logCreator: pinoLogCreator(logger.child({ component: 'kafkajs' })),
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 300, retries: 8, maxRetryTime: 10_000 },
    connectionTimeout: 5_000,
  }
  if (config.KAFKA_SSL) {
    if (config.KAFKA_SSL_INSECURE) logger.warn('KAFKA_SSL_INSECURE=true: the broker certificate is NOT verified')
    kafkaConfig.ssl = {
      rejectUnauthorized: !config.KAFKA_SSL_INSECURE,
      ...(config.KAFKA_SSL_CA_FILE ? { ca: [readFileSync(config.KAFKA_SSL_CA_FILE, 'utf8')] } : {}),
    }
  }
  const sasl = saslOptions(config)
  if (sasl) kafkaConfig.sasl = sasl
  return new Kafka(kafkaConfig)
}

export function saslOptions(config: Config): SASLOptions | undefined {
  if (!config.KAFKA_SASL_MECHANISM) return undefined
  const username = config.KAFKA_SASL_USERNAME ?? ''
  const password = config.KAFKA_SASL_PASSWORD ?? ''
  switch (config.KAFKA_SASL_MECHANISM) {
    case 'plain':
      return { mechanism: 'plain', username, password }
    case 'scram-sha-256':
      return { mechanism: 'scram-sha-256', username, password }
    case 'scram-sha-512':
      return { mechanism: 'scram-sha-512', username, password }
  }
}

function pinoLogCreator(logger: Logger): logCreator {
  return () =>
    ({ level, log }) => {
      const { message } = log
      const error: unknown = log.error
      const fields = { kafka: { error } }
      if (level === logLevel.ERROR) logger.error(fields, message)
      else if (level === logLevel.WARN) logger.warn(fields, message)
      else if (level === logLevel.INFO) logger.info(fields, message)
      else logger.debug(fields, message)
    }
}
