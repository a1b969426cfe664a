/** Structured JSON log lines (pino); quiet unless LOG_LEVEL asks for info/debug. */
import pino from "pino";

export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export function createLogger(level = process.env.LOG_LEVEL ?? "warn"): Logger {
  return pino({ level, base: { service: "inngest-runner" }, timestamp: pino.stdTimeFunctions.isoTime });
}

export const errorMessage = (err: unknown) => (err instanceof Error ? err.message : String(err));
