// The environment, validated once into a typed object. Every variable is documented in the README.
import { z } from "zod";
import { DEFAULT_DATABASE_URL, parseDatabaseUrl } from "./db/url";

const flag = z.enum(["true", "false", "1", "0"]).transform((value) => value === "true" || value === "1");

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    DATABASE_URL: z
      .string()
      .default(DEFAULT_DATABASE_URL)
      .superRefine((url, ctx) => {
        try {
          parseDatabaseUrl(url);
        } catch (error) {
          ctx.addIssue({ code: "custom", message: (error as Error).message });
        }
      }),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(10),
    /**
     * PGlite's WebAssembly also compiled by V8's optimizing compiler: faster queries, 50–65 MB more memory at an
     * import's peak (app/db/open.ts).
     */
    PGLITE_OPTIMIZE: flag.default(false),
    SHOPIFY_API_KEY: z.string().min(1).optional(),
    SHOPIFY_API_SECRET: z.string().min(1).optional(),
    SHOPIFY_APP_URL: z.url().optional(),
    SCOPES: z.string().optional(),
    SHOP_CUSTOM_DOMAIN: z.string().optional(),
    /** Where the Admin API is, for the local stand-in only. */
    SHOPIFY_ADMIN_ORIGIN: z.url().optional(),
    /** Opens the embedded admin in a plain browser at /demo, against the stand-in. Never in production. */
    DEMO_MODE: flag.default(false),
    JOBS_IN_PROCESS: flag.default(true),
    WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
    /** The largest backer export the admin accepts, in megabytes (the CLI reads files of any size). */
    IMPORT_MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(4096).default(200),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** A push job works this long, then queues its continuation. */
    PUSH_SLICE_SECONDS: z.coerce.number().int().min(1).max(3600).default(300),
    /** Pledges planned and sent per page of a push. */
    PUSH_PAGE_SIZE: z.coerce.number().int().min(1).max(1000).default(500),
    /** After a call with no answer, how long to wait before looking the draft up (Shopify's search index lags). */
    PUSH_LOOKUP_DELAY_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
    /** From this many ready pledges on, a push makes its new drafts in one bulk operation. */
    PUSH_BULK_THRESHOLD: z.coerce.number().int().min(1).default(2000),
    /**
     * When the queue presumes a push job's worker dead and runs it again. It must exceed a slice plus one page
     * (a page of 500 live drafts takes about 50 s on a Standard shop), or a slow slice would run twice at once.
     */
    PUSH_JOB_EXPIRE_SECONDS: z.coerce.number().int().min(1).default(900),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && env.SHOPIFY_ADMIN_ORIGIN) {
      ctx.addIssue({
        code: "custom",
        path: ["SHOPIFY_ADMIN_ORIGIN"],
        message: "SHOPIFY_ADMIN_ORIGIN points the app at a local Shopify stand-in and is refused in production",
      });
    }
    if (env.NODE_ENV === "production" && env.DEMO_MODE) {
      ctx.addIssue({
        code: "custom",
        path: ["DEMO_MODE"],
        message: "DEMO_MODE signs admin sessions itself and is refused in production",
      });
    }
  });

export type Config = z.infer<typeof EnvSchema>;

export class ConfigError extends Error {}

export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".") || "env"}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export interface ShopifyCredentials {
  apiKey: string;
  apiSecretKey: string;
  appUrl: string;
}

/** The app's Shopify credentials, required by the web process (not by the CLI's database commands). */
export function shopifyCredentials(config: Config): ShopifyCredentials {
  const missing = (["SHOPIFY_API_KEY", "SHOPIFY_API_SECRET", "SHOPIFY_APP_URL"] as const).filter((key) => !config[key]);
  if (missing.length) {
    throw new ConfigError(
      `Missing ${missing.join(", ")}. \`shopify app dev\` sets them; otherwise see "Configuration" in the README.`,
    );
  }
  return { apiKey: config.SHOPIFY_API_KEY!, apiSecretKey: config.SHOPIFY_API_SECRET!, appUrl: config.SHOPIFY_APP_URL! };
}
