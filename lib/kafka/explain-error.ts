/**
 * Turns a kafkajs or TLS failure into a sentence that names the problem and the setting that
 * fixes it. kafkajs reports a refused password, an untrusted certificate and a listener that
 * expects another protocol in its own words ("Closed connection", "self-signed certificate in
 * certificate chain"), which an administrator cannot act on. The result never contains the
 * credentials: only the library's own message is kept, after the explanation.
 */
const RULES: { test: RegExp; explain: string }[] = [
  {
    test: /SASL.*authentication failed|invalid credentials|SaslAuthenticate|Authentication failed/i,
    explain: 'authentication failed: the broker refused the SASL user name or password (check CARBONIO_KAFKA_SASL_MECHANISM, CARBONIO_KAFKA_SASL_USERNAME and CARBONIO_KAFKA_SASL_PASSWORD)',
  },
  {
    test: /unsupported SASL mechanism|UNSUPPORTED_SASL_MECHANISM|SASL mechanism .* not/i,
    explain: 'the broker does not accept this SASL mechanism (check CARBONIO_KAFKA_SASL_MECHANISM against the broker\'s sasl.enabled.mechanisms)',
  },
  {
    test: /Hostname\/IP does not match|ERR_TLS_CERT_ALTNAME_INVALID/i,
    explain: 'TLS: the broker\'s certificate does not name the address dialled (connect by a name or address listed in the certificate)',
  },
  {
    test: /self[- ]signed certificate|unable to (verify|get local issuer)|certificate has expired|certificate is not yet valid|CERT_|certificate signature failure/i,
    explain: 'TLS: the broker\'s certificate is not trusted (set CARBONIO_KAFKA_TLS_CA_FILE to the PEM file of the CA that signed it)',
  },
  {
    test: /wrong version number|packet length too long|unknown protocol|EPROTO|ssl3_get_record|http request|disconnected before secure TLS connection/i,
    explain: 'TLS handshake failed: the broker does not speak TLS on this port (set CARBONIO_KAFKA_TLS=false, or give the broker\'s TLS listener)',
  },
  {
    test: /Closed connection|ECONNRESET|socket hang up/i,
    explain: 'the broker closed the connection during the handshake: it probably expects TLS (CARBONIO_KAFKA_TLS=true) or SASL (CARBONIO_KAFKA_SASL_*) settings other than these',
  },
];

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/** The explanation of a Kafka connection failure, or undefined when it is none of the known kinds. */
export function explainKafkaFailure(err: unknown): string | undefined {
  const text = messageOf(err);
  return RULES.find((r) => r.test.test(text))?.explain;
}

/** "<explanation> (<the library's message>)", or the library's message alone. */
export function describeKafkaError(err: unknown): string {
  const text = messageOf(err);
  const explanation = explainKafkaFailure(err);
  return explanation ? `${explanation} (${text})` : text;
}
