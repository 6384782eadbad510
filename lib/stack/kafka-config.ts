import { tlsListenerProperties, type KafkaTlsMaterial } from './kafka-security';

export interface KafkaNodeLayout {
  nodeId: number;
  brokerPort: number;
  controllerPort: number;
  dir: string;
}

export interface KafkaClusterLayout {
  name: string;
  host: string;
  nodes: KafkaNodeLayout[];
  partitions: number;
  /** When set, clients authenticate with SASL/SCRAM-SHA-256 on the broker listener. */
  scram?: { username: string; password: string };
  /** When set, the broker listener speaks TLS (SSL, or SASL_SSL with scram). */
  tls?: KafkaTlsMaterial;
}

export function brokerList(layout: KafkaClusterLayout): string[] {
  return layout.nodes.map((n) => `${layout.host}:${n.brokerPort}`);
}

/** server.properties of one node: combined broker+controller in KRaft mode. */
export function serverProperties(layout: KafkaClusterLayout, node: KafkaNodeLayout): string {
  const three = layout.nodes.length >= 3;
  const rf = three ? 3 : 1;
  const voters = layout.nodes.map((n) => `${n.nodeId}@${layout.host}:${n.controllerPort}`).join(',');
  const brokerProto = `${layout.scram ? 'SASL_' : ''}${layout.tls ? 'SSL' : 'PLAINTEXT'}`;
  const lines = [
    'process.roles=broker,controller',
    `node.id=${node.nodeId}`,
    three ? `controller.quorum.voters=${voters}` : `controller.quorum.bootstrap.servers=${layout.host}:${node.controllerPort}`,
    `listeners=BROKER://${layout.host}:${node.brokerPort},CONTROLLER://${layout.host}:${node.controllerPort}`,
    `advertised.listeners=BROKER://${layout.host}:${node.brokerPort}`,
    'controller.listener.names=CONTROLLER',
    `listener.security.protocol.map=BROKER:${brokerProto},CONTROLLER:PLAINTEXT`,
    'inter.broker.listener.name=BROKER',
    `log.dirs=${node.dir}/data`,
    `num.partitions=${layout.partitions}`,
    `default.replication.factor=${rf}`,
    `min.insync.replicas=${three ? 2 : 1}`,
    `offsets.topic.replication.factor=${rf}`,
    'offsets.topic.num.partitions=12',
    `transaction.state.log.replication.factor=${rf}`,
    `transaction.state.log.min.isr=${three ? 2 : 1}`,
    `share.coordinator.state.topic.replication.factor=${rf}`,
    `share.coordinator.state.topic.min.isr=${three ? 2 : 1}`,
    'group.initial.rebalance.delay.ms=0',
    'auto.create.topics.enable=false',
    'log.retention.hours=168',
    'log.segment.bytes=268435456',
    'unclean.leader.election.enable=false',
  ];
  if (layout.scram) {
    lines.push(
      'sasl.enabled.mechanisms=SCRAM-SHA-256',
      'sasl.mechanism.inter.broker.protocol=SCRAM-SHA-256',
      `listener.name.broker.scram-sha-256.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username="${layout.scram.username}" password="${layout.scram.password}";`,
    );
  }
  if (layout.tls) lines.push(...tlsListenerProperties(layout.tls));
  return lines.join('\n') + '\n';
}

export const LOG4J2_PROPERTIES = `status = error
appender.console.type = Console
appender.console.name = STDOUT
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.stdout.ref = STDOUT
logger.server.name = kafka.server.KafkaRaftServer
logger.server.level = INFO
logger.broker.name = kafka.server.BrokerServer
logger.broker.level = INFO
`;
