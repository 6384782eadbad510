/** Database names, exactly as documented: `carbonio_ha` and `carbonio_mbox_<host>`. */
export function haDatabaseName(prefix = ''): string {
  return `${prefix}carbonio_ha`;
}

/** `mbox1.example.com` -> `carbonio_mbox_mbox1_example_com` (every non-alphanumeric becomes _). */
export function mailstoreDatabaseName(host: string, prefix = ''): string {
  return `${prefix}carbonio_mbox_${host.replace(/[^A-Za-z0-9]/g, '_')}`;
}
