// Relay connections as Shopify pages them: first/after and last/before, opaque cursors.
import { AsyncLocalStorage } from "node:async_hooks";
import { GraphQLError } from "graphql";

/** Set while a bulk query runs: Shopify's bulk queries page through everything, with no first or last. */
export const bulkQueryMode = new AsyncLocalStorage<true>();

export interface PageArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
  reverse?: boolean | null;
}

const cursorOf = (index: number) => Buffer.from(`cursor:${index}`).toString("base64url");
const indexOf = (cursor: string) => Number(Buffer.from(cursor, "base64url").toString().split(":")[1]);

export function connection<T, V>(items: T[], args: PageArgs, view: (item: T) => V) {
  if (args.first == null && args.last == null && bulkQueryMode.getStore()) {
    args = { ...args, first: Number.MAX_SAFE_INTEGER };
  } else if (args.first == null && args.last == null) {
    throw new GraphQLError("you must provide one of first or last", {
      extensions: { code: "argumentLiteralsIncompatible" },
    });
  }
  if (!bulkQueryMode.getStore() && ((args.first ?? 0) > 250 || (args.last ?? 0) > 250)) {
    throw new GraphQLError("The first and last arguments cannot exceed 250.", {
      extensions: { code: "MAX_PAGE_SIZE" },
    });
  }
  const ordered = args.reverse ? [...items].reverse() : items;
  let start = args.after ? indexOf(args.after) + 1 : 0;
  let end = args.before ? indexOf(args.before) : ordered.length;
  if (args.first != null) end = Math.min(end, start + args.first);
  if (args.last != null) start = Math.max(start, end - args.last);
  const slice = ordered
    .slice(start, end)
    .map((item, offset) => ({ node: view(item), cursor: cursorOf(start + offset) }));
  return {
    edges: slice,
    nodes: slice.map((edge) => edge.node),
    pageInfo: {
      hasNextPage: end < ordered.length,
      hasPreviousPage: start > 0,
      startCursor: slice[0]?.cursor ?? null,
      endCursor: slice.at(-1)?.cursor ?? null,
    },
  };
}
