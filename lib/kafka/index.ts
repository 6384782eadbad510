// The only module of the project that imports kafkajs: everything else goes through here.
export type { Kafka } from 'kafkajs';
export { createKafka } from './client';
export { EventProducer, withTimeout, type OutgoingRecord, type RecordAck } from './producer';
export { EventConsumer, type IncomingBatch, type IncomingRecord, type BatchHandlerContext, type BatchGroupHandler } from './consumer';
export { KafkaAdmin, type TopicSpec } from './admin';
export { checkBrokers, type BrokerCheck } from './broker-check';
export { readPartitionRange, type ReadRecord } from './reader';
export { startNewGroupAtEnd } from './group-start';
export { partitionOf } from './partition';
export { EVENTS_TOPIC, DLQ_TOPIC, ACCOUNT_HEADER, EVENT_OP_HEADER, agentGroupId } from './topics';
export { KafkaSettingsSchema, parseBrokerList, securityFromEnv, type KafkaSettings, type KafkaSettingsInput } from './settings';
