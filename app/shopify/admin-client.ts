// The Admin API client for jobs, services and the CLI: typed by codegen from the #graphql documents in
// ./operations, on the pinned version, with Shopify's cost report on every answer so callers can pace.
import type { AdminMutations, AdminQueries } from "@shopify/admin-api-client";
import { ClientError, GraphQLClient } from "graphql-request";
import { ADMIN_API_VERSION } from "./api-version";
import { AdminApiError, failureForStatus } from "./errors";

type Operations = AdminQueries & AdminMutations;
type Document = keyof Operations & string;

export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface QueryCost {
  requestedQueryCost: number;
  actualQueryCost: number | null;
  throttleStatus: ThrottleStatus;
}

export interface AdminResult<Data> {
  data: Data;
  cost: QueryCost | null;
}

export interface AdminClientOptions {
  shop: string;
  accessToken: string;
  /** Only for the local Shopify stand-in, e.g. http://127.0.0.1:4010; refused in production by the config. */
  adminOrigin?: string;
  apiVersion?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface AdminClient {
  readonly shop: string;
  readonly endpoint: string;
  request<Doc extends Document>(
    document: Doc,
    ...variables: Operations[Doc]["variables"] extends Record<string, never> ? [] : [Operations[Doc]["variables"]]
  ): Promise<AdminResult<Operations[Doc]["return"]>>;
}

const SHOP_DOMAIN = /^[a-z0-9][a-z0-9-]*\.myshopify\.com$/;

export function isShopDomain(shop: string): boolean {
  return SHOP_DOMAIN.test(shop);
}

export function adminEndpoint(shop: string, adminOrigin?: string, apiVersion = ADMIN_API_VERSION): string {
  const origin = adminOrigin ? adminOrigin.replace(/\/$/, "") : `https://${shop}`;
  return `${origin}/admin/api/${apiVersion}/graphql.json`;
}

export function createAdminClient(options: AdminClientOptions): AdminClient {
  if (!isShopDomain(options.shop)) {
    throw new AdminApiError("graphql", `"${options.shop}" is not a shop domain like my-brand.myshopify.com`);
  }
  const endpoint = adminEndpoint(options.shop, options.adminOrigin, options.apiVersion);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const client = new GraphQLClient(endpoint, {
    // The stand-in serves several shops on one origin and tells them apart by this header.
    headers: { "X-Shopify-Access-Token": options.accessToken, "X-Shopify-Shop-Domain": options.shop },
    fetch: (input, init) => (options.fetch ?? fetch)(input, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
  });

  return {
    shop: options.shop,
    endpoint,
    async request(document, ...args) {
      try {
        const response = await client.rawRequest<never>(document, args[0] as never);
        return { data: response.data, cost: readCost(response.extensions) };
      } catch (error) {
        throw toAdminApiError(error, options.shop);
      }
    },
  };
}

function readCost(extensions: unknown): QueryCost | null {
  const cost = (extensions as { cost?: QueryCost } | undefined)?.cost;
  return cost?.throttleStatus ? cost : null;
}

function toAdminApiError(error: unknown, shop: string): AdminApiError {
  if (error instanceof AdminApiError) return error;
  if (error instanceof ClientError) {
    const { status, errors } = error.response;
    const throttled = errors?.some((e) => (e.extensions as { code?: string } | undefined)?.code === "THROTTLED");
    if (throttled) {
      const cost = readCost(error.response.extensions) ?? undefined;
      return new AdminApiError("throttled", "Shopify throttled the request", { status, errors, shop, cost });
    }
    const failure = failureForStatus(status);
    if (failure) return new AdminApiError(failure, `Shopify answered HTTP ${status}`, { status, shop });
    const messages = errors?.map((e) => e.message).join("; ") ?? `HTTP ${status}`;
    return new AdminApiError("graphql", `Shopify rejected the request: ${messages}`, { status, errors, shop });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new AdminApiError("network", `No answer from Shopify: ${message}`, { shop });
}
