import type { BulkOperation, BulkRunner } from "../bulk";
import { connection } from "../connection";
import { gid, parseGid } from "../state/ids";
import type { RootResolver } from "./context";

function bulkView(bulk: BulkRunner, operation: BulkOperation | undefined | null) {
  if (!operation) return null;
  const url = bulk.resultUrl(operation);
  return {
    __typename: "BulkOperation",
    id: gid("BulkOperation", operation.id),
    type: operation.type,
    status: operation.status,
    query: operation.query,
    errorCode: null,
    objectCount: String(operation.objectCount),
    rootObjectCount: String(operation.rootObjectCount),
    fileSize: operation.fileSize === null ? null : String(operation.fileSize),
    url: operation.status === "COMPLETED" && operation.objectCount > 0 ? url : null,
    partialDataUrl: null,
    createdAt: operation.createdAt,
    completedAt: operation.completedAt,
  };
}

export const bulkQueries: Record<string, RootResolver> = {
  bulkOperation: ({ id }, { bulk, shop }) =>
    bulkView(bulk, bulk.find(shop.domain, parseGid(id, "BulkOperation") ?? -1)),
  bulkOperations: (args, { bulk, shop }) => {
    const status = /status:(\w+)/.exec(args.query ?? "")?.[1]?.toUpperCase();
    const operations = bulk.list(shop.domain).filter((op) => !status || op.status === status);
    return connection(operations, args, (op) => bulkView(bulk, op));
  },
  currentBulkOperation: ({ type }, { bulk, shop }) =>
    bulkView(
      bulk,
      bulk
        .list(shop.domain)
        .filter((op) => op.type === (type ?? "QUERY"))
        .at(-1),
    ),
};

export const bulkMutations: Record<string, RootResolver> = {
  stagedUploadsCreate: ({ input }, { bulk, shop }) => {
    const unsupported = (input as Array<{ resource: string }>).find(
      (item) => item.resource !== "BULK_MUTATION_VARIABLES",
    );
    if (unsupported) {
      return {
        stagedTargets: null,
        userErrors: [
          {
            field: ["input"],
            message: `The stand-in stages BULK_MUTATION_VARIABLES only, not ${unsupported.resource}`,
          },
        ],
      };
    }
    return { stagedTargets: bulk.stage(shop.domain, input), userErrors: [] };
  },
  bulkOperationRunMutation: ({ mutation, stagedUploadPath, clientIdentifier }, context) => {
    const { bulkOperation, userErrors } = context.bulk.runMutation(
      context,
      mutation,
      stagedUploadPath,
      clientIdentifier ?? null,
    );
    return { bulkOperation: bulkView(context.bulk, bulkOperation), userErrors };
  },
  bulkOperationRunQuery: ({ query }, context) => {
    const { bulkOperation, userErrors } = context.bulk.runQuery(context, query);
    return { bulkOperation: bulkView(context.bulk, bulkOperation), userErrors };
  },
};
