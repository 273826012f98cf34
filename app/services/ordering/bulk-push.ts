// The bulk path of a push, for campaigns larger than live calls serve well: every new draft order goes in one
// staged JSONL file and one bulkOperationRunMutation, which Shopify runs outside the cost bucket. Exactly once, as
// live: the links are claimed CREATING before the upload, and only a result line that carries a draft makes a link
// DRAFTED (found by the pledge tag the draft comes back with). Whatever has no such line (Shopify refused it, or the
// operation stopped) stays CREATING, and the live pass that follows looks it up by tag before creating it.
import type { Database } from "../../db/open";
import { pledgeTag } from "../../domain/ordering/tags";
import type { AdminClient, QueryCost } from "../../shopify/admin-client";
import {
  BULK_DRAFT_ORDER_CREATE,
  BULK_OPERATION_STATUS,
  BULK_OPERATIONS_RUNNING,
  BULK_RUN_MUTATION,
  STAGED_UPLOAD_CREATE,
} from "../../shopify/operations/bulk";
import { pacedRequest, sleep, type CostPacer } from "../../shopify/pacer";
import { planContext, pledgePage, pledgesById, Pusher, type PushOptions } from "./push";

/** Shopify takes staged files up to 100 MB; a push stays under this, and leaves the rest to the live pass. */
const MAX_FILE_BYTES = 90 * 1024 * 1024;

export class BulkPushError extends Error {
  override name = "BulkPushError";
}

export interface BulkStart {
  /** The bulk operation's id, null when there was nothing new to create. */
  operationId: string | null;
  lines: number;
}

/** Plans every pledge, claims the new ones, uploads their inputs and starts the bulk operation. */
export async function startBulkPush(
  db: Database,
  options: PushOptions & {
    runId: string;
    /** Called just before the operation is started: a crash after it leaves a trace that an operation may run. */
    beforeStart?: () => Promise<unknown>;
  },
): Promise<BulkStart> {
  const { shopId, campaignId } = options;
  const plan = await planContext(db, shopId, campaignId, options.now ?? (() => new Date()));
  const pusher = new Pusher(db, options);
  const lines: string[] = [];
  let bytes = 0;
  let after = "";
  for (;;) {
    options.signal?.throwIfAborted();
    const page = await pledgePage(db, shopId, campaignId, after, 1000);
    if (!page.length) break;
    after = page.at(-1)!.id;
    const claims: string[] = [];
    for (const row of page) {
      if (row.linkState !== null && row.linkState !== "PLANNED") continue; // the live pass handles the rest
      const planned = plan(row);
      if (planned.kind !== "order") continue;
      const line = JSON.stringify({ input: planned.input });
      if (bytes + line.length + 1 > MAX_FILE_BYTES) break;
      bytes += line.length + 1;
      lines.push(line);
      claims.push(row.id);
    }
    await pusher.claim(claims);
    if (bytes >= MAX_FILE_BYTES) break;
  }
  if (!lines.length) return { operationId: null, lines: 0 };

  const call = <R extends { cost: QueryCost | null }>(send: () => Promise<R>) =>
    pacedRequest(options.pacer, 12, send, options.signal);
  const staged = await call(() =>
    options.admin.request(STAGED_UPLOAD_CREATE, { filename: `pledgebridge-${options.runId}.jsonl` }),
  );
  const target = staged.data.stagedUploadsCreate?.stagedTargets?.[0];
  if (!target?.url) throw new BulkPushError(`Shopify gave no upload target: ${JSON.stringify(staged.data)}`);
  const form = new FormData();
  for (const { name, value } of target.parameters) form.append(name, value);
  form.append("file", new Blob([lines.join("\n")], { type: "text/jsonl" }), "pledges.jsonl");
  const upload = await fetch(target.url, { method: "POST", body: form, signal: options.signal });
  if (!upload.ok) throw new BulkPushError(`The staged upload was refused: HTTP ${upload.status}`);
  const key = target.parameters.find((parameter) => parameter.name === "key")?.value;
  if (!key) throw new BulkPushError("The upload target has no key");
  await options.beforeStart?.();
  const started = await call(() =>
    options.admin.request(BULK_RUN_MUTATION, {
      mutation: BULK_DRAFT_ORDER_CREATE.replace(/^#graphql/, ""),
      path: key,
      clientIdentifier: `pledgebridge-push-${options.runId}`,
    }),
  );
  const operation = started.data.bulkOperationRunMutation;
  if (!operation?.bulkOperation) {
    throw new BulkPushError(
      `Shopify did not start the bulk operation: ${operation?.userErrors.map((e) => e.message).join("; ")}`,
    );
  }
  return { operationId: operation.bulkOperation.id, lines: lines.length };
}

export interface BulkFinish {
  /** False when the deadline came first: call again later. */
  done: boolean;
  status: string | null;
  created: number;
}

/**
 * After a crash between starting an operation and recording its id: waits until the shop has no bulk mutation
 * running, so that the live pass's lookups by tag see every draft that operation made.
 */
export async function waitForRunningBulkMutations(
  options: Pick<PushOptions, "signal"> & { admin: AdminClient; pacer: CostPacer; pollMs?: number; deadline?: number },
): Promise<boolean> {
  for (;;) {
    const { data } = await pacedRequest(
      options.pacer,
      12,
      () => options.admin.request(BULK_OPERATIONS_RUNNING),
      options.signal,
    );
    if (!data.bulkOperations.nodes.some((operation) => operation.type === "MUTATION")) return true;
    if (options.deadline !== undefined && Date.now() >= options.deadline) return false;
    await sleep(options.pollMs ?? 2000, options.signal);
  }
}

/** Waits for the operation, then links every draft its results carry. */
export async function finishBulkPush(
  db: Database,
  options: Pick<PushOptions, "shopId" | "campaignId" | "cause" | "signal"> & {
    admin: AdminClient;
    pacer: CostPacer;
    operationId: string;
    pollMs?: number;
    deadline?: number;
  },
): Promise<BulkFinish> {
  for (;;) {
    const { data } = await pacedRequest(
      options.pacer,
      2,
      () => options.admin.request(BULK_OPERATION_STATUS, { id: options.operationId }),
      options.signal,
    );
    const operation = data.bulkOperation;
    if (!operation) throw new BulkPushError(`Shopify has no bulk operation ${options.operationId}`);
    if (operation.status === "CREATED" || operation.status === "RUNNING" || operation.status === "CANCELING") {
      if (options.deadline !== undefined && Date.now() >= options.deadline) {
        return { done: false, status: operation.status, created: 0 };
      }
      await sleep(options.pollMs ?? 2000, options.signal);
      continue;
    }
    const url = operation.url ?? operation.partialDataUrl;
    const created = url ? await linkResults(db, options, url) : 0;
    return { done: true, status: operation.status, created };
  }
}

async function linkResults(
  db: Database,
  options: Pick<PushOptions, "shopId" | "campaignId" | "cause"> & { admin: AdminClient; pacer: CostPacer },
  url: string,
): Promise<number> {
  const response = await fetch(url);
  if (!response.ok || !response.body) throw new BulkPushError(`The bulk results could not be read: ${response.status}`);
  // Pledges claimed for this campaign, by tag: the results name drafts by the tags they carry.
  const claimed = await db.query<{ pledgeId: string }>(
    `SELECT "pledgeId" FROM "OrderLink" WHERE "shopId" = $1 AND "campaignId" = $2 AND state = 'CREATING'`,
    [options.shopId, options.campaignId],
  );
  const byTag = new Map(claimed.map((row) => [pledgeTag(row.pledgeId), row.pledgeId]));
  const pusher = new Pusher(db, options);
  // The link's fingerprint comes from planning the pledge again, as the live pass will compare it.
  const plan = await planContext(db, options.shopId, options.campaignId, () => new Date());
  let created = 0;
  let pending: Array<{ pledgeId: string; draft: { id: string; invoiceUrl?: string | null } }> = [];
  const link = async () => {
    const rows = new Map(
      (
        await pledgesById(
          db,
          options.shopId,
          options.campaignId,
          pending.map((p) => p.pledgeId),
        )
      ).map((row) => [row.id, row]),
    );
    for (const { pledgeId, draft } of pending) {
      const row = rows.get(pledgeId);
      const planned = row ? plan(row) : null;
      if (planned?.kind !== "order") continue; // changed meanwhile: the live pass decides
      await pusher.drafted(pledgeId, planned, draft, "order.drafted");
      created++;
    }
    pending = [];
  };
  let rest = "";
  const decoder = new TextDecoder();
  const handle = async (line: string) => {
    if (!line.trim()) return;
    const result = JSON.parse(line) as {
      data?: { draftOrderCreate?: { draftOrder?: { id: string; invoiceUrl?: string; tags: string[] } | null } };
    };
    const draft = result.data?.draftOrderCreate?.draftOrder;
    const pledgeId = draft?.tags.map((tag) => byTag.get(tag)).find(Boolean);
    if (!draft || !pledgeId) return; // refused or not ours: left CREATING for the live pass
    pending.push({ pledgeId, draft });
    if (pending.length >= 500) await link();
  };
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
    rest += decoder.decode(chunk, { stream: true });
    const lines = rest.split("\n");
    rest = lines.pop()!;
    for (const line of lines) await handle(line);
  }
  await handle(rest);
  await link();
  await pusher.flush();
  return created;
}
