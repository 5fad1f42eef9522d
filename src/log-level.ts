// CLA_SWEEPER_LOG_LEVEL and --log-level: the levels PRODUCT.md names, checked before pino sees them.
import { EnvError } from './errors.js';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

/** The level `value` names (case is ignored), or an EnvError naming `variable` and the allowed values. */
export function checkLogLevel(variable: string, value: string): LogLevel {
  const level = value.trim().toLowerCase();
  if (isLogLevel(level)) return level;
  throw new EnvError(variable, `is ${JSON.stringify(value)}: expected one of ${LOG_LEVELS.join(', ')}`);
}
