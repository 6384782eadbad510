export type CoreApi = typeof import('./core-api');

/** The core's functions, imported on first use. */
export function loadCore(): Promise<CoreApi> {
  return import('./core-api');
}
