/** A long-running part of a mailstore node (publisher relay, agent, status reporter, ...). */
export interface NodeComponent {
  readonly name: string;
  /** Part of the HA module (publisher, agent, snapshots, status): stopped by `doStopService module`. */
  readonly haModule?: boolean;
  start(): Promise<void>;
  /** Stops cleanly: finishes or abandons in-flight work so that a restart resumes it. */
  stop(): Promise<void>;
}
