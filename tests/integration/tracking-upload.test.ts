// The tracking file's upload in the admin, through the real route module and Shopify's session-token check: a
// usable file is recorded and queued; one that is not a CSV, has no order or tracking column, is empty or too
// large is refused with its reason, and nothing is recorded or queued.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../app/db/open";
import { TRACKING_IMPORT_QUEUE } from "../../app/services/fulfillment/tracking-jobs";
import { adminRoutes, type AdminRoutes } from "../helpers/admin-routes";
import { createCampaign, createShop } from "../helpers/factories";

describe("uploading a tracking file", () => {
  let routes: AdminRoutes;
  let database: Database;
  let campaignId: string;
  const upload = async (content: BlobPart, headers: Record<string, string> = {}) => {
    const form = new FormData();
    form.set("campaignId", campaignId);
    form.set("file", new File([content], "3pl.csv", { type: "text/csv" }));
    const response = await routes.call("app.fulfillment.tracking", {}, { body: form, headers });
    return { status: response.status, body: JSON.parse(response.body) as Record<string, unknown> };
  };
  const recorded = () => database.prisma.trackingImport.count();
  const queued = async () =>
    (
      await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1`, [
        TRACKING_IMPORT_QUEUE,
      ])
    )[0]!.n;

  beforeAll(async () => {
    routes = await adminRoutes();
    ({ database } = routes);
    const shop = await createShop(database.prisma);
    await routes.signIn(shop.domain);
    campaignId = (await createCampaign(database.prisma, shop.id)).id;
  });

  afterAll(() => routes?.stop());

  it("records and queues a usable file", async () => {
    const file = "Order,Carrier,Tracking number\n#1001,UPS,1Z999AA10123456784\n#1002,UPS,1Z999AA10123456785\n";
    expect(await upload(file)).toEqual({ status: 200, body: { queued: { rows: 2 } } });
    const saved = await database.prisma.trackingImport.findFirstOrThrow({ where: { campaignId } });
    expect(saved).toMatchObject({ fileName: "3pl.csv", rows: 2, status: "QUEUED", file });
    expect(saved.createdBy).toMatch(/^user:/);
    expect(await queued()).toBe(1);
  });

  it("refuses what it cannot use, and keeps nothing of it", async () => {
    const before = { recorded: await recorded(), queued: await queued() };
    const refusals: Array<[BlobPart, string]> = [
      ["Name,Code\nx,y\n", 'file:The file needs an "Order" and a "Tracking number" column; it has: Name, Code'],
      [new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), "file:The file is not a CSV (it has binary content)"],
      ["", "tracking.missing"],
      ['Order,Tracking number\n"#1001,1Z9\n', "file:The file is not a CSV"],
    ];
    for (const [content, error] of refusals) {
      const { status, body } = await upload(content);
      expect(status).toBe(200);
      expect(String(body.error)).toContain(error);
    }
    // Said too large by its length: refused before a byte is read.
    const big = await upload("Order,Tracking number\n", { "Content-Length": String(6 * 1024 * 1024) });
    expect(big.body).toEqual({ error: "tracking.tooLarge" });
    expect({ recorded: await recorded(), queued: await queued() }).toEqual(before);
  });
});
