import pino from "pino";
import { logLevel } from "@/lib/config";

/** Structured JSON logs to stdout. Never pass tokens, raw keys or secrets. */
export const log = pino({
  level: logLevel(),
  base: { service: "framecast" },
  timestamp: pino.stdTimeFunctions.isoTime,
  redact: {
    paths: ["authorization", "*.authorization", "raw_key", "*.raw_key", "token", "*.token"],
    censor: "[redacted]",
  },
});
