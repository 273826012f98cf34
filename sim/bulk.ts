// Staged uploads and bulk operations. A bulk mutation runs its mutation once per JSONL line of the staged file;
// a bulk query runs without page limits and flattens every connection into JSONL lines (children carry
// __parentId). Both run in the background, leave their result at a URL, and send bulk_operations/finish.
import { randomUUID } from "node:crypto";
import { parse, validate, type GraphQLSchema, type OperationDefinitionNode } from "graphql";
import { bulkQueryMode } from "./connection";
import { pickOperation, runOperation, shopifyError } from "./execute";
import type { ResolverContext } from "./resolvers/context";
import { gid } from "./state/ids";

export interface BulkOperation {
  id: number;
  type: "MUTATION" | "QUERY";
  status: "CREATED" | "RUNNING" | "COMPLETED" | "FAILED" | "CANCELED";
  query: string;
  clientIdentifier: string | null;
  objectCount: number;
  rootObjectCount: number;
  fileSize: number | null;
  resultKey: string | null;
  createdAt: string;
  completedAt: string | null;
}

const MAX_RUNNING = 5;

export class BulkRunner {
  /** Staged files by key, and bulk results by key. */
  readonly files = new Map<string, string>();
  readonly operations = new Map<string, Map<number, BulkOperation>>();
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly schema: GraphQLSchema,
    private readonly baseUrl: () => string,
  ) {}

  stage(shop: string, inputs: Array<{ filename: string; mimeType: string; resource: string }>) {
    return inputs.map((input) => {
      const key = `tmp/${shop}/bulk/${randomUUID()}/${input.filename}`;
      return {
        __typename: "StagedMediaUploadTarget",
        url: `${this.baseUrl()}/staged-uploads`,
        resourceUrl: `${this.baseUrl()}/staged-uploads/${key}`,
        parameters: [
          { name: "key", value: key },
          { name: "Content-Type", value: input.mimeType },
          { name: "success_action_status", value: "201" },
          { name: "acl", value: "private" },
        ].map((p) => ({ __typename: "StagedUploadParameter", ...p })),
      };
    });
  }

  list(shop: string): BulkOperation[] {
    return [...(this.operations.get(shop)?.values() ?? [])];
  }

  find(shop: string, id: number): BulkOperation | undefined {
    return this.operations.get(shop)?.get(id);
  }

  resultUrl(operation: BulkOperation): string | null {
    return operation.resultKey ? `${this.baseUrl()}/bulk-results/${operation.resultKey}` : null;
  }

  runMutation(context: ResolverContext, mutation: string, stagedUploadPath: string, clientIdentifier: string | null) {
    const fail = (message: string, code: string) => ({
      bulkOperation: null,
      userErrors: [{ field: null, message, code }],
    });
    const document = parseOrNull(mutation);
    const operation = document ? pickOperation(document) : undefined;
    if (!document || !operation || operation.operation !== "mutation" || validate(this.schema, document).length) {
      return fail("Invalid mutation: it must be one valid mutation document.", "INVALID_MUTATION");
    }
    const file = this.files.get(stagedUploadPath);
    if (file === undefined || !stagedUploadPath.startsWith(`tmp/${context.shop.domain}/`)) {
      return fail("The staged upload path does not match any uploaded file.", "NO_SUCH_FILE");
    }
    const lines = file.split("\n").filter((line) => line.trim());
    const variables: Array<Record<string, unknown>> = [];
    for (const line of lines) {
      try {
        variables.push(JSON.parse(line));
      } catch {
        return fail("The staged file is not valid JSONL.", "INVALID_STAGED_UPLOAD_FILE");
      }
    }
    if (this.activeCount(context.shop.domain) >= MAX_RUNNING) {
      return fail(`A shop can run at most ${MAX_RUNNING} bulk operations at a time.`, "LIMIT_REACHED");
    }
    const bulk = this.create(context, "MUTATION", mutation, clientIdentifier);
    this.track(async () => {
      const out: string[] = [];
      for (const [lineNumber, vars] of variables.entries()) {
        const result = await runOperation(this.schema, document, operation, vars, context);
        out.push(
          JSON.stringify({
            ...(result.errors ? { errors: result.errors.map(shopifyError) } : {}),
            data: result.data ?? null,
            __lineNumber: lineNumber,
          }),
        );
      }
      this.finish(context, bulk, out, lines.length);
    });
    return { bulkOperation: bulk, userErrors: [] };
  }

  runQuery(context: ResolverContext, query: string) {
    const document = parseOrNull(query);
    const operation = document ? pickOperation(document) : undefined;
    if (!document || !operation || operation.operation !== "query" || validate(this.schema, document).length) {
      return {
        bulkOperation: null,
        userErrors: [
          { field: ["query"], message: "Invalid bulk query: it must be one valid query document.", code: "INVALID" },
        ],
      };
    }
    if (this.activeCount(context.shop.domain) >= MAX_RUNNING) {
      return {
        bulkOperation: null,
        userErrors: [{ field: null, message: "Too many bulk operations are running.", code: "LIMIT_REACHED" }],
      };
    }
    const bulk = this.create(context, "QUERY", query, null);
    this.track(async () => {
      const result = await bulkQueryMode.run(true, () =>
        runOperation(this.schema, document, operation as OperationDefinitionNode, {}, context),
      );
      if (result.errors) {
        bulk.status = "FAILED";
        bulk.completedAt = new Date().toISOString();
        context.state.emit("bulk_operations/finish", finishPayload(bulk));
        return;
      }
      const lines: string[] = [];
      let roots = 0;
      for (const value of Object.values(result.data ?? {})) roots += flatten(value, null, lines);
      this.finish(context, bulk, lines, roots);
    });
    return { bulkOperation: bulk, userErrors: [] };
  }

  /** Resolves when every bulk operation under way has finished. */
  async settle() {
    while (this.running.size) await Promise.all([...this.running]);
  }

  clear() {
    this.files.clear();
    this.operations.clear();
  }

  private activeCount(shop: string) {
    return this.list(shop).filter((op) => op.status === "CREATED" || op.status === "RUNNING").length;
  }

  private create(
    context: ResolverContext,
    type: BulkOperation["type"],
    query: string,
    clientIdentifier: string | null,
  ): BulkOperation {
    const bulk: BulkOperation = {
      id: context.state.id(),
      type,
      status: "CREATED",
      query,
      clientIdentifier,
      objectCount: 0,
      rootObjectCount: 0,
      fileSize: null,
      resultKey: null,
      createdAt: new Date().toISOString(),
      completedAt: null,
    };
    let shopOperations = this.operations.get(context.shop.domain);
    if (!shopOperations) this.operations.set(context.shop.domain, (shopOperations = new Map()));
    shopOperations.set(bulk.id, bulk);
    return bulk;
  }

  private finish(context: ResolverContext, bulk: BulkOperation, lines: string[], roots: number) {
    const body = lines.length ? `${lines.join("\n")}\n` : "";
    bulk.resultKey = `${context.shop.domain}/${bulk.id}.jsonl`;
    this.files.set(`results/${bulk.resultKey}`, body);
    bulk.objectCount = lines.length;
    bulk.rootObjectCount = roots;
    bulk.fileSize = Buffer.byteLength(body);
    bulk.status = "COMPLETED";
    bulk.completedAt = new Date().toISOString();
    context.state.emit("bulk_operations/finish", finishPayload(bulk));
  }

  private track(work: () => Promise<void>) {
    const promise = new Promise<void>((resolve) => setTimeout(resolve, 10))
      .then(work)
      .finally(() => this.running.delete(promise));
    this.running.add(promise);
  }
}

function finishPayload(bulk: BulkOperation) {
  return {
    admin_graphql_api_id: gid("BulkOperation", bulk.id),
    status: bulk.status.toLowerCase(),
    error_code: null,
    type: bulk.type.toLowerCase(),
    created_at: bulk.createdAt,
    completed_at: bulk.completedAt,
  };
}

function parseOrNull(source: string) {
  try {
    return parse(source);
  } catch {
    return null;
  }
}

/** Connection nodes become lines; a node's own connections become lines with its id as __parentId. */
function flatten(value: unknown, parentId: string | null, lines: string[]): number {
  if (!value || typeof value !== "object") return 0;
  const connection = value as { edges?: Array<{ node: unknown }>; nodes?: unknown[] };
  const nodes = connection.nodes ?? connection.edges?.map((edge) => edge.node);
  if (!nodes) return 0;
  for (const node of nodes as Array<Record<string, unknown>>) {
    const own: Record<string, unknown> = {};
    const children: unknown[] = [];
    for (const [key, field] of Object.entries(node)) {
      if (field && typeof field === "object" && ("edges" in field || "nodes" in field)) children.push(field);
      else own[key] = field;
    }
    lines.push(JSON.stringify(parentId ? { ...own, __parentId: parentId } : own));
    for (const child of children) flatten(child, (node.id as string) ?? null, lines);
  }
  return nodes.length;
}
