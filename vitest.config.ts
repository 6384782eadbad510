import path from 'node:path';
import { defineConfig } from 'vitest/config';

const alias = { '@': path.resolve(import.meta.dirname) };

// Unit tests (*.test.ts) sit beside the code and need nothing running. Integration tests
// (*.int.test.ts) talk to the real Kafka and MariaDB that tests/global-setup.ts starts when
// they are not already running (and stops afterwards).
export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          include: ['{lib,bin,scripts,app,components,tests}/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', 'node_modules/**', '.data/**'],
          environment: 'node',
          testTimeout: 30_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['{lib,bin,scripts,tests}/**/*.int.test.ts'],
          exclude: ['node_modules/**', '.data/**'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          pool: 'forks',
          fileParallelism: false,
          globalSetup: ['tests/global-setup.ts'],
          setupFiles: ['tests/support/logs-on-failure.ts'],
        },
      },
    ],
  },
});
