// DATABASE_URL selects the engine: a PostgreSQL server, or PGlite (PostgreSQL in WASM) in a folder or in memory.
export type DatabaseTarget = { kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string | null };

export const DEFAULT_DATABASE_URL = "pglite://./.data/db";

export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (/^postgres(ql)?:\/\//.test(url)) return { kind: "postgres", url };
  const pglite = /^pglite:\/\/(.+)$/.exec(url);
  if (pglite) {
    const location = pglite[1]!;
    return { kind: "pglite", dataDir: location === "memory" ? null : location };
  }
  throw new Error(
    `DATABASE_URL must start with postgres://, postgresql:// or pglite:// (got "${url.split(":")[0]}:…"). ` +
      `Examples: ${DEFAULT_DATABASE_URL}, pglite://memory, postgres://user@localhost:5432/pledgebridge`,
  );
}

/** The URL without its password, for logs and CLI output. */
export function describeDatabaseUrl(url: string): string {
  const target = parseDatabaseUrl(url);
  if (target.kind === "pglite") return target.dataDir ? `PGlite in ${target.dataDir}` : "PGlite in memory";
  const parsed = new URL(url);
  if (parsed.password) parsed.password = "***";
  return `PostgreSQL at ${parsed.toString()}`;
}
