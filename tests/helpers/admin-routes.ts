// The admin's route modules called as the embedded admin calls them: with a session token for a shop, signed with
// the app's secret and checked by Shopify's library, against a fresh test database. Set up before any app module
// is imported (they read their configuration when loaded).
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import type { Database } from "../../app/db/open";
import type { JobQueue } from "../../app/jobs/queue";
import { signDemoSessionToken } from "../../app/demo/session-token";
import { createTestDatabaseUrl, type TestDatabase } from "./database";
import { createOfflineSession } from "./factories";

const API_KEY = "admin-routes-api-key";
const SECRET = "admin-routes-secret";
type RouteFunction = (args: LoaderFunctionArgs | ActionFunctionArgs) => Promise<unknown>;

export interface AdminRoutes {
  database: Database;
  /** Signs in as this shop (its offline session is created); later calls carry its token. */
  signIn(shopDomain: string): Promise<void>;
  call(
    route: string,
    params: Record<string, string>,
    init?: { form?: Record<string, string>; query?: string; body?: BodyInit; headers?: Record<string, string> },
  ): Promise<{ status: number; body: string }>;
  stop(): Promise<void>;
}

export async function adminRoutes(env: Record<string, string> = {}): Promise<AdminRoutes> {
  const target: TestDatabase = await createTestDatabaseUrl();
  Object.assign(process.env, {
    DATABASE_URL: target.url,
    SHOPIFY_API_KEY: API_KEY,
    SHOPIFY_API_SECRET: SECRET,
    SHOPIFY_APP_URL: "https://pledgebridge.test",
    JOBS_IN_PROCESS: "false",
    LOG_LEVEL: "silent",
    ...env,
  });
  const { database } = await import("../../app/db.server");
  const { jobs } = (await import("../../app/jobs/runtime.server")) as { jobs: JobQueue };
  let token = "";
  return {
    database,
    async signIn(shopDomain) {
      await createOfflineSession(database.prisma, shopDomain);
      token = await signDemoSessionToken({ shop: shopDomain, apiKey: API_KEY, secret: SECRET });
    },
    async call(route, params, init = {}) {
      const module = (await import(`../../app/routes/${route}.tsx`)) as {
        loader?: RouteFunction;
        action?: RouteFunction;
      };
      const post = init.form !== undefined || init.body !== undefined;
      const request = new Request(`https://pledgebridge.test/x${init.query ?? ""}`, {
        method: post ? "POST" : "GET",
        headers: { Authorization: `Bearer ${token}`, ...init.headers },
        ...(init.form ? { body: new URLSearchParams(init.form) } : {}),
        ...(init.body ? { body: init.body, duplex: "half" } : {}),
      } as RequestInit);
      const run = post ? module.action : module.loader;
      try {
        const result = await run!({ request, params, context: {} });
        return result instanceof Response
          ? { status: result.status, body: await result.text() }
          : { status: 200, body: JSON.stringify(result) };
      } catch (thrown) {
        if (thrown instanceof Response) return { status: thrown.status, body: await thrown.text() };
        throw thrown;
      }
    },
    async stop() {
      await jobs.stop();
      await database.close();
      await target.drop();
    },
  };
}
