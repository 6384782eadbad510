import { Kafka, logLevel, type KafkaConfig, type SASLOptions } from 'kafkajs';
import type { Logger } from '../log/logger';
import { KafkaSettingsSchema, type KafkaSettingsInput } from './settings';
import { registerSnappy } from './snappy-codec';

registerSnappy();

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** Builds a kafkajs client whose own logs go to our logger (connection noise at debug). */
export function createKafka(input: KafkaSettingsInput, logger: Logger): Kafka {
  const s = KafkaSettingsSchema.parse(input);
  const config: KafkaConfig = {
    clientId: s.clientId,
    brokers: s.brokers,
    connectionTimeout: s.connectionTimeoutMs,
    requestTimeout: s.requestTimeoutMs,
    retry: { initialRetryTime: 100, retries: 5, maxRetryTime: 2000 },
    logLevel: logLevel.WARN,
    logCreator: () => ({ level, log }) => {
      const text = String(log.message ?? '');
      const noisy = /Connection error|ECONNREFUSED|KafkaJSConnectionError|Crash: KafkaJSNumberOfRetriesExceeded|The group is rebalancing|reconnect/i.test(text);
      const lvl = noisy ? 'debug' : LEVELS[level] ?? 'info';
      logger[lvl]({ kafka: log.logger ?? 'kafkajs', broker: log.broker }, text);
    },
  };
  if (s.sasl) config.sasl = { mechanism: s.sasl.mechanism, username: s.sasl.username, password: s.sasl.password } as SASLOptions;
  if (s.tls) config.ssl = s.tls.ca ? { ca: [s.tls.ca] } : true;
  return new Kafka(config);
}
