import { describe, expect, it } from "vitest";
import { ConfigError, readConfig, shopifyCredentials } from "../../app/config.server";
import { describeDatabaseUrl, parseDatabaseUrl } from "../../app/db/url";

describe("DATABASE_URL", () => {
  it("defaults to an embedded PGlite database in ./.data/db", () => {
    expect(parseDatabaseUrl(readConfig({}).DATABASE_URL)).toEqual({ kind: "pglite", dataDir: "./.data/db" });
  });

  it.each([
    ["postgres://u@localhost/db", { kind: "postgres", url: "postgres://u@localhost/db" }],
    ["postgresql://u@localhost/db", { kind: "postgres", url: "postgresql://u@localhost/db" }],
    ["pglite://memory", { kind: "pglite", dataDir: null }],
    ["pglite:///var/lib/pledgebridge", { kind: "pglite", dataDir: "/var/lib/pledgebridge" }],
  ])("understands %s", (url, target) => {
    expect(parseDatabaseUrl(url)).toEqual(target);
  });

  it("refuses anything else with a message that shows what works", () => {
    expect(() => readConfig({ DATABASE_URL: "mysql://root@localhost/x" })).toThrow(
      /must start with postgres:\/\/.*pglite:\/\//,
    );
  });

  it("never prints a password", () => {
    expect(describeDatabaseUrl("postgres://app:s3cret@db.internal:5432/pb")).not.toContain("s3cret");
  });
});

describe("configuration", () => {
  it("refuses the Admin origin override in production", () => {
    expect(() => readConfig({ NODE_ENV: "production", SHOPIFY_ADMIN_ORIGIN: "http://127.0.0.1:4010" })).toThrow(
      /SHOPIFY_ADMIN_ORIGIN.*refused in production/,
    );
  });

  it("allows the override outside production", () => {
    expect(
      readConfig({ NODE_ENV: "development", SHOPIFY_ADMIN_ORIGIN: "http://127.0.0.1:4010" }).SHOPIFY_ADMIN_ORIGIN,
    ).toBe("http://127.0.0.1:4010");
  });

  it("names every missing Shopify credential at once", () => {
    expect(() => shopifyCredentials(readConfig({ SHOPIFY_API_KEY: "key" }))).toThrow(
      new ConfigError(
        'Missing SHOPIFY_API_SECRET, SHOPIFY_APP_URL. `shopify app dev` sets them; otherwise see "Configuration" in the README.',
      ),
    );
  });

  it("rejects a worker concurrency that is not a positive number", () => {
    expect(() => readConfig({ WORKER_CONCURRENCY: "0" })).toThrow(/WORKER_CONCURRENCY/);
  });
});

describe("demo mode", () => {
  it("is off unless asked for, and refused in production", () => {
    expect(readConfig({}).DEMO_MODE).toBe(false);
    expect(readConfig({ DEMO_MODE: "true" }).DEMO_MODE).toBe(true);
    expect(() => readConfig({ NODE_ENV: "production", DEMO_MODE: "true" })).toThrow(
      /DEMO_MODE .*refused in production/,
    );
  });
});
