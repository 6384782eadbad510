import os from 'node:os';
import pino from 'pino';
import { createLogger } from '../log/logger';
import { haDbUrl } from '../config/targets';
import type { HaContextHandle } from '../ha/context';
import { loadCore } from './load-core';

/**
 * The core context of one CLI run, opened on first use (help needs no database) and closed
 * when the command ends. The database comes from CARBONIO_DB_URL or the running demo's
 * .data/runtime.json (lib/config/targets.ts). Logs go to stderr so stdout stays the result.
 */
export class LazyContext {
  private handle?: HaContextHandle;

  async get(): Promise<HaContextHandle> {
    if (!this.handle) {
      // The project's logger (secrets redacted), on stderr so stdout stays the result.
      const log = createLogger('carbonio-cli', process.env.CARBONIO_LOG_LEVEL ?? 'error', pino.destination(2));
      const { createHaContext } = await loadCore();
      this.handle = createHaContext({
        haDbUrl: haDbUrl(),
        actor: { email: `cli:${os.userInfo().username}`, role: 'cli', origin: 'cli' },
        log,
        poolSize: 3,
      });
    }
    return this.handle;
  }

  async close() {
    await this.handle?.close().catch(() => undefined);
    this.handle = undefined;
  }
}
