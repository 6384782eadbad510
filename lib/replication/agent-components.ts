import { registerReplicaHandlers } from '../ha/operations/handlers';
import { OperationWorker } from '../ha/operations/worker';
import type { NodeComponent } from '../node/component';
import type { NodeContext } from '../node/node';
import { ReplicaAgent } from './agent';
import { DigestRoutes } from './digest-routes';
import { SnapshotTaker } from './snapshot-taker';
import { StatusReporter } from './status-reporter';

/**
 * The destination side and the control plane of a node: replica agent, snapshot taker (for the
 * accounts hosted here), status reporter, verify endpoints and the operation worker.
 * CARBONIO_SNAPSHOT_CHUNK_ROWS sets the rows per snapshot chunk (default 2000). GET /api/agent/stats
 * answers the agent's counters and its replication-latency histogram (the benchmark reads it).
 */
export function replicationComponents(ctx: NodeContext): NodeComponent[] {
  registerReplicaHandlers();
  const agent = new ReplicaAgent(ctx);
  // The agent's counters and its replication latency (source commit -> applied here), for the benchmark and operators.
  ctx.router.add('GET', '/api/replication/agent', async () => {
    const st = agent.stats();
    const sorted = st.latencies.values().sort((a, b) => a - b);
    const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : null);
    return { group: agent.groupId, connected: agent.canConnectToKafka(), idle: agent.idle, batches: st.batches, records: st.records, applied: st.applied, held: st.held,
      poison: st.poison, lastBatchAt: st.lastBatchAt ? new Date(st.lastBatchAt).toISOString() : null,
      latencyMs: { samples: sorted.length, p50: at(0.5), p99: at(0.99), max: sorted.length ? sorted[sorted.length - 1] : null } };
  });
  ctx.router.add('GET', '/api/agent/stats', async () => {
    const { latencies: _recent, latency, stages, ...counters } = agent.stats();
    return {
      ...counters, latency: latency.snapshot(),
      stages: { published: stages.published.snapshot(), delivered: stages.delivered.snapshot(), applied: stages.applied.snapshot() },
    };
  });
  return [
    agent,
    new SnapshotTaker(ctx, {
      chunkRows: Number(process.env.CARBONIO_SNAPSHOT_CHUNK_ROWS) || undefined,
      // Test knob: 0 records the resume cursor after every acknowledged chunk.
      cursorEveryMs: process.env.CARBONIO_SNAPSHOT_CURSOR_MS ? Number(process.env.CARBONIO_SNAPSHOT_CURSOR_MS) : undefined,
    }),
    new StatusReporter(ctx, () => agent.canConnectToKafka(), { sampleMs: Number(process.env.CARBONIO_LAG_SAMPLE_MS) || undefined }),
    new DigestRoutes(ctx),
    new OperationWorker(ctx),
  ];
}
