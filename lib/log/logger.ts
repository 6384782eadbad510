import pino from 'pino';

export type Logger = pino.Logger;

/**
 * The project's logger. Long-running loops take one injected (tests pass a silent one).
 * Secrets are redacted wherever they might appear in a logged object.
 */
export function createLogger(name: string, level = process.env.CARBONIO_LOG_LEVEL ?? 'info', destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    name,
    level,
    redact: {
      paths: ['password', '*.password', 'passwordHash', '*.passwordHash', 'token', '*.token', 'cookie', '*.cookie',
        'sasl.password', '*.sasl.password', 'headers.cookie', 'headers.authorization', 'headers["set-cookie"]',
        'authentication', '*.authentication', 'CARBONIO_KAFKA_SASL_PASSWORD', '*.CARBONIO_KAFKA_SASL_PASSWORD',
        'CARBONIO_ADMIN_PASSWORD', '*.CARBONIO_ADMIN_PASSWORD'],
      censor: '[redacted]',
    },
  };
  // A destination of its own only when given (tests capture the output); stdout otherwise.
  return destination ? pino(options, destination) : pino(options);
}

export const silentLogger: Logger = pino({ level: 'silent' });
