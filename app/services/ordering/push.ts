// Pushing a campaign's pledges to Shopify as draft orders, live, paced by the shop's cost budget. Exactly once:
//   1. the pledge's OrderLink is written as CREATING (with its tag as the idempotency key) before the call;
//   2. an answer ends it: DRAFTED with the draft's id, or FAILED with Shopify's userErrors (nothing was made);
//   3. no answer (timeout, 5xx, a crash) leaves it CREATING, and whoever meets a CREATING link next, this run
//      after a pause or a later run, looks the draft up by the pledge's tag before it creates anything.
// A pledge whose plan changed after its draft was made (new address, remapped reward) gets draftOrderUpdate.
// Running the push again is always safe: done pledges are skipped, unfinished ones resumed.
import type { Database } from "../../db/open";
import { planDraftOrder, type OrderPlan, type PlanPledge, type PlanWarning } from "../../domain/ordering/plan";
import { pledgeSearch, pledgeTag } from "../../domain/ordering/tags";
import type { AdminClient, QueryCost } from "../../shopify/admin-client";
import { AdminApiError } from "../../shopify/errors";
import { DRAFT_ORDER_CREATE, DRAFT_ORDER_UPDATE, DRAFT_ORDERS_BY_TAG } from "../../shopify/operations/draft-orders";
import { pacedRequest, sleep, type CostPacer } from "../../shopify/pacer";
import { clearExceptions, raiseExceptions, type ExceptionKind, type RaisedException } from "../exceptions";
import { runPool } from "../pool";
import { loadCampaignMapping } from "./rewards";
import { orderSettings } from "./settings";

export interface PushOptions {
  shopId: string;
  campaignId: string;
  admin: AdminClient;
  pacer: CostPacer;
  /** Written on every Event: "job:<id>", "cli". */
  cause: string;
  /** Pledges whose last attempt Shopify refused are tried again. */
  retryFailed?: boolean;
  /** Pledges worked on at once; the pacer decides how many requests are really in flight. */
  concurrency?: number;
  /**
   * After a call that got no answer, how long to wait before looking the draft up by its tag: Shopify's search
   * index trails a write by a few seconds, and a lookup that comes too early would miss the draft.
   */
  lookupDelayMs?: number;
  /** Calls per pledge in this run before it is left CREATING for the next run. */
  maxAttempts?: number;
  pageSize?: number;
  /** Start after this pledge id (a run that continues where an earlier slice stopped). */
  after?: string;
  /** Start no new page after this time (ms since the epoch; one page is always done): the job continues later. */
  deadline?: number;
  signal?: AbortSignal;
  onProgress?: (progress: PushProgress) => unknown;
  now?: () => Date;
}

export interface PushResult {
  /** Pledges that plan to a draft order. */
  planned: number;
  created: number;
  updated: number;
  /** Left alone: already up to date, not collected, nothing to ship, or paid. */
  skipped: number;
  /** Not orderable until the merchant acts (unmapped reward, currency choice). */
  blocked: number;
  failed: number;
}

export interface PushProgress extends PushResult {
  /** Pledges looked at by this call. */
  done: number;
  /** Pledges in the campaign. */
  total: number;
  /** The last pledge id looked at: where a continuation starts. */
  cursor: string;
  /** False when the deadline stopped the call before the last page. */
  finished: boolean;
}

export interface PledgeRow {
  id: string;
  status: PlanPledge["status"];
  source: PlanPledge["source"];
  backerNumber: number | null;
  externalBackerId: string;
  rewardId: string | null;
  addOns: PlanPledge["addOns"];
  choices: PlanPledge["choices"];
  bonusMinor: number;
  currencyCode: string;
  email: string | null;
  firstName: string | null;
  lastName: string | null;
  company: string | null;
  phone: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  provinceCode: string | null;
  zip: string | null;
  countryCode: string | null;
  linkState: LinkState | null;
  draftOrderId: string | null;
  planHash: string | null;
}

type LinkState = "PLANNED" | "CREATING" | "DRAFTED" | "INVOICED" | "PAID" | "CANCELLED" | "FAILED";
type Outcome = "created" | "updated" | "skipped" | "failed";
export type Order = Extract<OrderPlan, { kind: "order" }>;

/** What a draft order request costs before Shopify says otherwise (mutation 10, the draft 1, userErrors 1). */
const INITIAL_COST = 12;

/** What planning a campaign's pledges needs, read once per call. */
export async function planContext(db: Database, shopId: string, campaignId: string, now: () => Date) {
  const campaign = await db.prisma.campaign.findFirst({ where: { id: campaignId, shopId } });
  if (!campaign) throw new Error(`No campaign ${campaignId} in this shop`);
  const shop = await db.prisma.shop.findUniqueOrThrow({ where: { id: shopId } });
  const mapping = await loadCampaignMapping(db, shopId, campaignId);
  const planCampaign = {
    id: campaign.id,
    handle: campaign.handle,
    name: campaign.name,
    currencyCode: campaign.currencyCode,
    settings: orderSettings(campaign.settings),
  };
  const store = { currencyCode: shop.currencyCode ?? campaign.currencyCode };
  return (row: PledgeRow) => planDraftOrder(toPlanPledge(row), mapping, planCampaign, store, now());
}

export async function pushCampaign(db: Database, options: PushOptions): Promise<PushProgress> {
  const { shopId, campaignId } = options;
  const plan = await planContext(db, shopId, campaignId, options.now ?? (() => new Date()));
  const pusher = new Pusher(db, options);

  const result: PushResult = { planned: 0, created: 0, updated: 0, skipped: 0, blocked: 0, failed: 0 };
  const [{ total } = { total: 0 }] = await db.query<{ total: number }>(
    `SELECT count(*)::int AS total FROM "Pledge" WHERE "shopId" = $1 AND "campaignId" = $2`,
    [shopId, campaignId],
  );
  let done = 0;
  let after = options.after ?? "";
  let finished = false;
  const pageSize = options.pageSize ?? 500;
  for (;;) {
    options.signal?.throwIfAborted();
    const page = await pledgePage(db, shopId, campaignId, after, pageSize);
    if (!page.length) {
      finished = true;
      break;
    }
    after = page.at(-1)!.id;
    const work: Array<() => Promise<Outcome>> = [];
    const claims: string[] = [];
    const exceptions: RaisedException[] = [];
    const orderable: string[] = [];
    for (const row of page) {
      const planned = plan(row);
      exceptions.push(...exceptionsOf(row, planned, campaignId));
      if (planned.kind === "skip") result.skipped++;
      else if (planned.kind === "blocked") result.blocked++;
      else {
        orderable.push(row.id);
        result.planned++;
        const action = pusher.actionFor(row, planned);
        if (!action) result.skipped++;
        else {
          work.push(action.run);
          if (action.claim) claims.push(row.id);
        }
      }
    }
    await raiseExceptions(db, shopId, exceptions);
    await clearExceptions(db, shopId, NOT_COLLECTED_KINDS, orderable, options.cause);
    await pusher.claim(claims);
    for (const outcome of await runPool(work, options.concurrency ?? 8)) result[outcome]++;
    await pusher.flush();
    done += page.length;
    await options.onProgress?.({ ...result, done, total, cursor: after, finished: false });
    if (page.length < pageSize) {
      finished = true;
      break;
    }
    // At least one page a call, so that a continuation always moves on.
    if (options.deadline !== undefined && Date.now() >= options.deadline) break;
  }
  return { ...result, done, total, cursor: after, finished };
}

/**
 * One pledge, now, by the same rules as a push: what the backer portal does before it sends the backer to
 * checkout. Creates the draft if the pledge has none yet, updates it if its plan changed, and retries a refused
 * one (the backer may just have fixed what Shopify refused).
 */
export async function syncPledge(
  db: Database,
  options: Omit<PushOptions, "after" | "deadline" | "onProgress" | "pageSize"> & { pledgeId: string },
): Promise<{ plan: OrderPlan; outcome: Outcome | "unchanged" | null }> {
  const { shopId, campaignId, pledgeId } = options;
  const plan = await planContext(db, shopId, campaignId, options.now ?? (() => new Date()));
  const [row] = await pledgesById(db, shopId, campaignId, [pledgeId]);
  if (!row) throw new Error(`No pledge ${pledgeId} in this campaign`);
  const planned = plan(row);
  if (planned.kind !== "order") return { plan: planned, outcome: null };
  const pusher = new Pusher(db, { retryFailed: true, ...options });
  const action = pusher.actionFor(row, planned);
  if (!action) return { plan: planned, outcome: "unchanged" };
  if (action.claim) await pusher.claim([row.id]);
  const outcome = await action.run();
  await pusher.flush();
  return { plan: planned, outcome };
}

interface Completion {
  pledgeId: string;
  state: "DRAFTED" | "PAID" | null;
  draftOrderId: string;
  invoiceUrl: string | null;
  orderId: string | null;
  planHash: string;
  kind: string;
  data: { draftOrderId: string; warnings: PlanWarning[] };
}

export class Pusher {
  private readonly costs = new Map<string, number>();
  private readonly completions: Completion[] = [];

  constructor(
    private readonly db: Database,
    private readonly options: PushOptions,
  ) {}

  /**
   * What to do for one orderable pledge, given its link; null when its draft is already right. `claim`: the link
   * must be marked CREATING before the call (done for a whole page at once, in one statement).
   */
  actionFor(row: PledgeRow, plan: Order): { run: () => Promise<Outcome>; claim: boolean } | null {
    switch (row.linkState) {
      case null:
      case "PLANNED":
        return { run: () => this.create(row.id, plan, false), claim: true };
      case "CREATING":
        return { run: () => this.create(row.id, plan, true), claim: false };
      case "FAILED":
        // Refused by Shopify: nothing was made, so there is nothing to look up first.
        return this.options.retryFailed
          ? { run: () => this.create(row.id, plan, false), claim: true }
          : { run: () => Promise.resolve("failed" as const), claim: false };
      case "DRAFTED":
      case "INVOICED":
        return row.planHash === plan.fingerprint
          ? null
          : { run: () => this.update(row.id, row.draftOrderId!, plan), claim: false };
      default:
        return null; // paid or cancelled: the order is the backer's now
    }
  }

  /** Step 1 for a page: its links say CREATING (with their tags as keys) before any call goes out. */
  async claim(pledgeIds: string[]) {
    if (!pledgeIds.length) return;
    const { shopId, campaignId } = this.options;
    await this.db.query(
      `INSERT INTO "OrderLink" (id, "shopId", "campaignId", "pledgeId", "idempotencyKey", state, attempts, "updatedAt")
       SELECT gen_random_uuid()::text, $1, $2, x."pledgeId", x.key, 'CREATING', 1, now()
         FROM json_to_recordset($3::json) AS x("pledgeId" text, key text)
       ON CONFLICT ("pledgeId") DO UPDATE
         SET state = 'CREATING', attempts = "OrderLink".attempts + 1, "updatedAt" = now()`,
      [shopId, campaignId, JSON.stringify(pledgeIds.map((pledgeId) => ({ pledgeId, key: pledgeTag(pledgeId) })))],
    );
  }

  private async create(pledgeId: string, plan: Order, mayExist: boolean): Promise<Outcome> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    let lookFirst = mayExist;
    for (let attempt = 1; ; attempt++) {
      let sent = false;
      try {
        if (lookFirst) {
          const found = await this.lookUp(pledgeId);
          if (found) {
            await this.drafted(pledgeId, plan, found, "order.found");
            return "created";
          }
          await this.claim([pledgeId]);
        }
        // From here on, a failure may have left a draft behind.
        lookFirst = sent = true;
        const { data } = await this.request("create", () =>
          this.options.admin.request(DRAFT_ORDER_CREATE, { input: plan.input }),
        );
        const answer = data.draftOrderCreate;
        if (answer?.draftOrder) {
          await this.drafted(pledgeId, plan, answer.draftOrder, "order.drafted");
          return "created";
        }
        await this.refused(pledgeId, answer?.userErrors ?? [{ field: null, message: "No draft order returned" }]);
        return "failed";
      } catch (error) {
        if (sent && isRejectedRequest(error)) {
          await this.refused(pledgeId, [{ field: null, message: (error as Error).message }]);
          return "failed";
        }
        if (!(error instanceof AdminApiError) || !error.retryable) throw error;
        // No answer: the draft may exist. The link stays CREATING, and the next try looks first.
        await this.db.prisma.orderLink.updateMany({ where: { pledgeId }, data: { lastError: error.message } });
        if (attempt >= maxAttempts) return "failed";
        await sleep(this.options.lookupDelayMs ?? 10_000, this.options.signal);
      }
    }
  }

  private async update(pledgeId: string, draftOrderId: string, plan: Order): Promise<Outcome> {
    const maxAttempts = this.options.maxAttempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        // An update replaces what it names, so sending it twice is harmless: no lookup needed after a timeout.
        const { data } = await this.request("update", () =>
          this.options.admin.request(DRAFT_ORDER_UPDATE, { id: draftOrderId, input: plan.input }),
        );
        const answer = data.draftOrderUpdate;
        if (answer?.draftOrder) {
          await this.drafted(pledgeId, plan, answer.draftOrder, "order.updated");
          return "updated";
        }
        await this.refused(pledgeId, answer?.userErrors ?? [], false);
        return "failed";
      } catch (error) {
        if (isRejectedRequest(error)) {
          await this.refused(pledgeId, [{ field: null, message: (error as Error).message }], false);
          return "failed";
        }
        if (!(error instanceof AdminApiError) || !error.retryable) throw error;
        await this.db.prisma.orderLink.update({ where: { pledgeId }, data: { lastError: error.message } });
        if (attempt >= maxAttempts) return "failed";
        await sleep(1000, this.options.signal);
      }
    }
  }

  private async lookUp(pledgeId: string) {
    const { data } = await this.request("lookup", () =>
      this.options.admin.request(DRAFT_ORDERS_BY_TAG, { query: pledgeSearch(pledgeId), first: 5 }),
    );
    // The search matches words; only a draft that carries exactly this tag is this pledge's.
    const drafts = data.draftOrders.nodes.filter((draft) => draft.tags.includes(pledgeTag(pledgeId)));
    return drafts[0] ?? null;
  }

  /**
   * Step 2: the link learns its draft. Written in batches: until a batch is written the link still says
   * CREATING, and a crash then costs a lookup by tag, never a second draft.
   */
  async drafted(
    pledgeId: string,
    plan: Order,
    draft: { id: string; invoiceUrl?: string | null; order?: { id: string } | null },
    kind: string,
  ) {
    this.completions.push({
      pledgeId,
      // An update leaves the state as it was (an invoiced draft stays invoiced).
      state: draft.order ? "PAID" : kind === "order.updated" ? null : "DRAFTED",
      draftOrderId: draft.id,
      invoiceUrl: draft.invoiceUrl ?? null,
      orderId: draft.order?.id ?? null,
      planHash: plan.fingerprint,
      kind,
      data: { draftOrderId: draft.id, warnings: plan.warnings },
    });
    if (this.completions.length >= 64) await this.flush();
  }

  /** Writes the finished links and their Events, in one statement. */
  async flush() {
    const batch = this.completions.splice(0);
    if (!batch.length) return;
    await clearExceptions(
      this.db,
      this.options.shopId,
      ["push_refused"],
      batch.map((c) => c.pledgeId),
      this.options.cause,
    );
    await this.db.query(
      `WITH x AS (
         SELECT * FROM json_to_recordset($3::json) AS x("pledgeId" text, state text, "draftOrderId" text,
           "invoiceUrl" text, "orderId" text, "planHash" text, kind text, data jsonb)
       ), linked AS (
         UPDATE "OrderLink" l
            -- An order webhook may have come first (a quick backer): a paid or cancelled link never goes back.
            SET state = CASE WHEN l.state IN ('PAID', 'CANCELLED') THEN l.state
                             ELSE COALESCE(x.state::"OrderLinkState", l.state) END,
                "draftOrderId" = x."draftOrderId", "invoiceUrl" = x."invoiceUrl",
                "orderId" = COALESCE(x."orderId", l."orderId"), "planHash" = x."planHash", "lastError" = NULL, "userErrors" = '[]',
                "updatedAt" = now()
           FROM x
          WHERE l."pledgeId" = x."pledgeId" AND l."shopId" = $1
         RETURNING l.id, l."pledgeId"
       )
       INSERT INTO "Event" (id, "shopId", "pledgeId", "subjectType", "subjectId", kind, cause, data)
       SELECT gen_random_uuid()::text, $1, linked."pledgeId", 'OrderLink', linked.id, x.kind, $2, x.data
         FROM linked JOIN x ON x."pledgeId" = linked."pledgeId"`,
      [this.options.shopId, this.options.cause, JSON.stringify(batch)],
    );
  }

  private async refused(pledgeId: string, userErrors: unknown[], markFailed = true) {
    const { shopId } = this.options;
    const message = (userErrors as Array<{ message: string }>).map((e) => e.message).join("; ");
    await this.db.prisma.$transaction(async (tx) => {
      const link = await tx.orderLink.update({
        where: { pledgeId },
        data: { ...(markFailed ? { state: "FAILED" } : {}), lastError: message, userErrors: userErrors as never },
      });
      await tx.event.create({
        data: {
          shopId,
          pledgeId,
          subjectType: "OrderLink",
          subjectId: link.id,
          kind: "order.refused",
          cause: this.options.cause,
          data: { userErrors } as never,
        },
      });
    });
    await raiseExceptions(this.db, shopId, [
      {
        campaignId: this.options.campaignId,
        pledgeId,
        kind: "push_refused",
        severity: "WARNING",
        subjectType: "Pledge",
        subjectId: pledgeId,
        data: { userErrors },
      },
    ]);
  }

  /** One paced call; the cost estimate per kind of call follows what Shopify last charged for it. */
  private async request<R extends { cost: QueryCost | null }>(kind: string, send: () => Promise<R>): Promise<R> {
    const cost = this.costs.get(kind) ?? INITIAL_COST;
    const result = await pacedRequest(this.options.pacer, cost, send, this.options.signal);
    if (result.cost) this.costs.set(kind, result.cost.requestedQueryCost);
    return result;
  }
}

const PLEDGE_ROWS = `SELECT p.id, p.status, p.source, p."backerNumber", p."externalBackerId", p."rewardId", p."addOns",
            p.choices, p."bonusMinor", p."currencyCode",
            b.email, b."firstName", b."lastName", b.company, b.phone, b.address1, b.address2, b.city,
            b."provinceCode", b.zip, b."countryCode",
            l.state AS "linkState", l."draftOrderId", l."planHash"
       FROM "Pledge" p
       JOIN "Backer" b ON b.id = p."backerId"
       LEFT JOIN "OrderLink" l ON l."pledgeId" = p.id
      WHERE p."shopId" = $1 AND p."campaignId" = $2`;

export async function pledgePage(db: Database, shopId: string, campaignId: string, after: string, limit: number) {
  return db.query<PledgeRow>(`${PLEDGE_ROWS} AND p.id > $3 ORDER BY p.id LIMIT $4`, [shopId, campaignId, after, limit]);
}

export async function pledgesById(db: Database, shopId: string, campaignId: string, ids: string[]) {
  return db.query<PledgeRow>(`${PLEDGE_ROWS} AND p.id = ANY($3)`, [shopId, campaignId, ids]);
}

function toPlanPledge(row: PledgeRow): PlanPledge {
  return {
    id: row.id,
    status: row.status,
    source: row.source,
    backerNumber: row.backerNumber,
    externalBackerId: row.externalBackerId,
    rewardId: row.rewardId,
    addOns: row.addOns,
    choices: row.choices,
    bonusMinor: row.bonusMinor,
    currencyCode: row.currencyCode,
    backer: {
      email: row.email,
      firstName: row.firstName,
      lastName: row.lastName,
      company: row.company,
      phone: row.phone,
      address1: row.address1,
      address2: row.address2,
      city: row.city,
      provinceCode: row.provinceCode,
      zip: row.zip,
      countryCode: row.countryCode,
    },
  };
}

/**
 * Shopify refused this request as written (a GraphQL error on this pledge's input): nothing was made, and the
 * next pledge may be fine. Revoked tokens, frozen shops and the like stop the whole push instead.
 */
function isRejectedRequest(error: unknown): boolean {
  return error instanceof AdminApiError && error.failure === "graphql";
}

const NOT_COLLECTED_KINDS: ExceptionKind[] = [
  "pledge_dropped",
  "pledge_errored",
  "pledge_refunded",
  "pledge_cancelled",
];

/**
 * What a pledge's plan asks a person to decide: a pledge the platform did not collect (critical when a draft or
 * an order was already made for it), a reward with no variants.
 */
function exceptionsOf(row: PledgeRow, plan: OrderPlan, campaignId: string): RaisedException[] {
  if (plan.kind === "skip" && plan.reason !== "nothing_to_ship") {
    const ordered = row.linkState !== null && !["PLANNED", "FAILED", "CANCELLED"].includes(row.linkState);
    return [
      {
        campaignId,
        pledgeId: row.id,
        kind: `pledge_${plan.reason}`,
        severity: ordered ? "CRITICAL" : plan.reason === "errored" ? "WARNING" : "INFO",
        subjectType: "Pledge",
        subjectId: row.id,
        data: { status: row.status, linkState: row.linkState, draftOrderId: row.draftOrderId },
      },
    ];
  }
  if (plan.kind === "blocked") {
    return plan.reasons.flatMap((reason) =>
      reason.code === "unmapped_reward"
        ? [
            {
              campaignId,
              kind: "unmapped_reward" as const,
              severity: "WARNING" as const,
              subjectType: "Reward" as const,
              subjectId: reason.rewardId,
              data: { title: reason.title },
            },
          ]
        : [],
    );
  }
  return [];
}
