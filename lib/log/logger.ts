import pino from 'pino';

export type Logger = pino.Logger;

/**
 * The project's logger. Long-running loops take one injected (tests pass a silent one).
 * Secrets are redacted wherever they might appear in a logged object.
 */
export function createLogger(name: string, level = process.env.CARBONIO_LOG_LEVEL ?? 'info'): Logger {
  return pino({
    name,
    level,
    redact: {
      paths: ['password', '*.password', 'passwordHash', '*.passwordHash', 'token', '*.token', 'cookie', '*.cookie',
        'sasl.password', '*.sasl.password', 'headers.cookie', 'headers.authorization'],
      censor: '[redacted]',
    },
  });
}

export const silentLogger: Logger = pino({ level: 'silent' });
