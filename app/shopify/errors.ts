import type { QueryCost } from "./admin-client";

// What can go wrong talking to Shopify, sorted the way jobs need it: retry later, or stop and tell a person.
export type AdminApiFailure =
  | "throttled" // THROTTLED: the cost bucket is empty; retry after it refills
  | "server" // 5xx from Shopify
  | "network" // no answer, or a timeout: the write may or may not have happened
  | "unauthorized" // 401: the token was revoked or the app uninstalled
  | "forbidden" // 402/403/423: shop frozen, plan, scope or lock; retrying will not help
  | "not_found" // 404: shop gone
  | "graphql"; // the request itself is wrong: a bug, never retried

const RETRYABLE: ReadonlySet<AdminApiFailure> = new Set(["throttled", "server", "network"]);

export class AdminApiError extends Error {
  readonly retryable: boolean;

  constructor(
    readonly failure: AdminApiFailure,
    message: string,
    /** `cost` comes with THROTTLED answers: how full the bucket was, so the caller knows how long to wait. */
    readonly details: { status?: number; errors?: unknown; shop?: string; cost?: QueryCost } = {},
  ) {
    super(message);
    this.name = "AdminApiError";
    this.retryable = RETRYABLE.has(failure);
  }
}

export function failureForStatus(status: number): AdminApiFailure | null {
  if (status >= 500) return "server";
  if (status === 401) return "unauthorized";
  if (status === 402 || status === 403 || status === 423) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 429) return "throttled";
  return null;
}
