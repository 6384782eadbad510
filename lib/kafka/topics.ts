/** The one topic of the event stream (key = accountId) and its dead-letter companion. */
export const EVENTS_TOPIC = 'carbonio.ha.events';
export const DLQ_TOPIC = 'carbonio.ha.events.dlq';

/**
 * The consumer group of one destination mailstore's agents. `namespace` separates installations
 * that share one Kafka cluster (the tests do); production leaves it empty.
 */
export function agentGroupId(host: string, namespace = ''): string {
  return namespace ? `carbonio-ha-agent.${namespace}.${host}` : `carbonio-ha-agent.${host}`;
}

/** Header that carries the account id, so agents can skip foreign accounts without decoding. */
export const ACCOUNT_HEADER = 'carbonio-account';
export const EVENT_OP_HEADER = 'carbonio-op';
