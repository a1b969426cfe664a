import nodemailer, { type Transporter } from "nodemailer";
import { config } from "@/lib/config";

let cached: { url: string; transport: Transporter } | undefined;

/** The SMTP transport for SMTP_URL (null when unset: email then stays in the outbox and the log). */
export function smtpTransport(): Transporter | null {
  const url = config().SMTP_URL;
  if (!url) return null;
  if (cached?.url !== url) cached = { url, transport: nodemailer.createTransport(url) };
  return cached.transport;
}
