import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { findJava, StackError } from './java';

/** What a TLS listener needs: the broker's key and certificate, the CA that signed it, and the clients' trust. */
export interface KafkaTlsMaterial {
  /** PKCS12 keystore holding the broker's key and its CA-signed certificate chain. */
  keystore: string;
  /** PKCS12 truststore holding the CA (the brokers trust each other through it). */
  truststore: string;
  /** Password of both stores (test material only: real deployments bring their own). */
  password: string;
  /** The CA certificate in PEM: what clients set as CARBONIO_KAFKA_TLS_CA_FILE. */
  caFile: string;
}

function keytool(): string {
  const java = findJava();
  return java === 'java' ? 'keytool' : path.join(path.dirname(java), 'keytool');
}

function run(tool: string, args: string[]) {
  try {
    execFileSync(tool, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { stdout?: Buffer; stderr?: Buffer; message: string };
    throw new StackError(`keytool ${args[0]} failed: ${String(e.stderr ?? '') || String(e.stdout ?? '') || e.message}`.slice(0, 1500));
  }
}

/**
 * Creates (once) a private CA and a broker certificate signed by it, with Java's keytool only:
 * the certificate names `hosts` as subject alternative names (IP addresses or DNS names), so a
 * client that checks the broker's identity against the address it dialled accepts it. For the
 * project's tests and demos; production brokers use certificates from the site's own CA.
 */
export function ensureKafkaTlsMaterial(dir: string, hosts: string[] = ['127.0.0.1', 'localhost'], password = 'carbonio-test-tls'): KafkaTlsMaterial {
  const m: KafkaTlsMaterial = {
    keystore: path.join(dir, 'broker.p12'),
    truststore: path.join(dir, 'truststore.p12'),
    password,
    caFile: path.join(dir, 'ca.pem'),
  };
  if ([m.keystore, m.truststore, m.caFile].every((f) => existsSync(f))) return m;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const kt = keytool();
  const ca = path.join(dir, 'ca.p12');
  const csr = path.join(dir, 'broker.csr');
  const signed = path.join(dir, 'broker.pem');
  const store = (file: string) => ['-keystore', file, '-storetype', 'PKCS12', '-storepass', password];
  const san = hosts.map((h) => (/^[\d.]+$|:/.test(h) ? `ip:${h}` : `dns:${h}`)).join(',');
  run(kt, ['-genkeypair', '-alias', 'ca', '-keyalg', 'RSA', '-keysize', '2048', '-dname', 'CN=carbonio-ha test CA', '-ext', 'bc:c', '-validity', '3650', ...store(ca), '-keypass', password]);
  run(kt, ['-exportcert', '-alias', 'ca', '-rfc', '-file', m.caFile, ...store(ca)]);
  run(kt, ['-genkeypair', '-alias', 'broker', '-keyalg', 'RSA', '-keysize', '2048', '-dname', `CN=${hosts[0]}`, '-validity', '3650', ...store(m.keystore), '-keypass', password]);
  run(kt, ['-certreq', '-alias', 'broker', '-file', csr, ...store(m.keystore)]);
  run(kt, ['-gencert', '-alias', 'ca', '-infile', csr, '-outfile', signed, '-rfc', '-validity', '3650', '-ext', `SAN=${san}`,
    '-ext', 'KU=digitalSignature,keyEncipherment', '-ext', 'EKU=serverAuth,clientAuth', ...store(ca)]);
  run(kt, ['-importcert', '-alias', 'ca', '-file', m.caFile, '-noprompt', ...store(m.keystore)]);
  run(kt, ['-importcert', '-alias', 'broker', '-file', signed, ...store(m.keystore)]);
  run(kt, ['-importcert', '-alias', 'ca', '-file', m.caFile, '-noprompt', ...store(m.truststore)]);
  return m;
}

/** server.properties lines of a TLS broker listener named BROKER. */
export function tlsListenerProperties(tls: Pick<KafkaTlsMaterial, 'keystore' | 'truststore' | 'password'>): string[] {
  return [
    `listener.name.broker.ssl.keystore.location=${tls.keystore}`,
    'listener.name.broker.ssl.keystore.type=PKCS12',
    `listener.name.broker.ssl.keystore.password=${tls.password}`,
    `listener.name.broker.ssl.key.password=${tls.password}`,
    `listener.name.broker.ssl.truststore.location=${tls.truststore}`,
    'listener.name.broker.ssl.truststore.type=PKCS12',
    `listener.name.broker.ssl.truststore.password=${tls.password}`,
    'listener.name.broker.ssl.client.auth=none',
    // The broker's own client side (inter-broker traffic on this listener) trusts the same CA.
    `ssl.truststore.location=${tls.truststore}`,
    'ssl.truststore.type=PKCS12',
    `ssl.truststore.password=${tls.password}`,
    'ssl.endpoint.identification.algorithm=https',
  ];
}
