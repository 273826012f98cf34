// Structured logs. Personal data never goes to logs: these paths are censored wherever they appear, and code
// logs ids (shop domain, pledge id, job id), never names, emails, addresses or phones.
import { pino } from "pino";

const PERSONAL_FIELDS = [
  "email",
  "phone",
  "firstName",
  "lastName",
  "name",
  "address",
  "address1",
  "address2",
  "city",
  "zip",
  "first_name",
  "last_name",
  "customer",
  "billing_address",
  "shipping_address",
  "accessToken",
  "token",
];

export const PERSONAL_DATA_PATHS = PERSONAL_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]);

export function createLogger(level = process.env.LOG_LEVEL ?? "info", destination?: pino.DestinationStream) {
  return pino(
    { level, base: { app: "pledgebridge" }, redact: { paths: PERSONAL_DATA_PATHS, censor: "[redacted]" } },
    destination,
  );
}

export const logger = createLogger();
export type Logger = typeof logger;
