// Structured logs: JSON when stderr is not a terminal, readable when it is. Logs go to stderr so
// that `--json` output on stdout stays machine-readable.
import { pino, type Logger } from 'pino';
import { prettyFactory } from 'pino-pretty';

export type { Logger };

export interface LogOptions {
  level?: string;
  pretty?: boolean;
  /** Values that must never appear in a log line (tokens, keys). */
  secrets?: string[];
}

/** Replaces every occurrence of the secrets in a text (short values are too likely to be words). */
export function redactor(secrets: string[]): (text: string) => string {
  const real = secrets.filter((s) => s.length >= 4);
  return (text) => real.reduce((acc, s) => acc.split(s).join('[REDACTED]'), text);
}

export function createLogger(opts: LogOptions = {}): Logger {
  const pretty = opts.pretty ?? process.stderr.isTTY === true;
  const redact = redactor(opts.secrets ?? []);
  // pino-pretty's stream form pipes into a destination and needs a real stream; its formatter
  // called line by line here stays synchronous, so log lines keep their order with our own
  // stderr writes and none is lost when the process exits right after.
  const format = pretty ? prettyFactory({ colorize: false, translateTime: 'HH:MM:ss', ignore: 'pid,hostname' }) : (line: string) => line;
  const destination = {
    write(line: string): void {
      process.stderr.write(redact(format(line)));
    },
  };
  return pino({ level: opts.level ?? 'info', base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}

/** A logger that drops everything, for tests and library use. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
