import { startE2eStack } from './support/e2e-stack';

/** Starts the whole stack once for every spec, and stops what it started afterwards. */
export default async function globalSetup() {
  if (process.env.CARBONIO_E2E_BASE_URL) return undefined;
  const t0 = Date.now();
  const stack = await startE2eStack({ console: true });
  console.log(`[e2e] stack ready in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return async () => {
    await stack.stop();
  };
}
