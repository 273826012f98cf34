// An upload too large for the admin is refused early and stores nothing: one that says it is 1 GB is refused before
// a byte of it is read; one that does not say (chunked) is cut off once it passes the limit (here 1 MB).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminRoutes, type AdminRoutes } from "../helpers/admin-routes";
import { createCampaign, createShop } from "../helpers/factories";

const BOUNDARY = "----pledgebridge-test";

/** A multipart body with one file part of `bytes` bytes, made as it is read; `pulled` counts what was read. */
function multipart(bytes: number) {
  const counter = { pulled: 0 };
  const encoder = new TextEncoder();
  const head = encoder.encode(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="huge.csv"\r\nContent-Type: text/csv\r\n\r\n`,
  );
  const tail = encoder.encode(`\r\n--${BOUNDARY}--\r\n`);
  const chunk = encoder.encode(`${"1,Ada,ada@example.com,$10.00 USD\n".repeat(2048)}`);
  let sent = 0;
  let started = false;
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (!started) {
        started = true;
        counter.pulled += head.length;
        return controller.enqueue(head);
      }
      if (sent >= bytes) {
        controller.enqueue(tail);
        return controller.close();
      }
      sent += chunk.length;
      counter.pulled += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { stream, counter };
}

describe("uploads over the limit", () => {
  let routes: AdminRoutes;
  let campaignId: string;
  let shopId: string;
  const stored = () => routes.database.prisma.importUpload.count({ where: { shopId } });

  beforeAll(async () => {
    routes = await adminRoutes({ IMPORT_MAX_UPLOAD_MB: "1" });
    const shop = await createShop(routes.database.prisma);
    shopId = shop.id;
    await routes.signIn(shop.domain);
    campaignId = (await createCampaign(routes.database.prisma, shop.id)).id;
  });
  afterAll(() => routes?.stop());

  it("refuses a 1 GB upload from its declared size, before reading it", async () => {
    const { stream, counter } = multipart(1024 ** 3);
    const response = await routes.call(
      "app.campaigns.$id._index",
      { id: campaignId },
      {
        body: stream,
        headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}`, "Content-Length": String(1024 ** 3) },
      },
    );
    expect(JSON.parse(response.body)).toEqual({ error: "upload.tooLarge:1" });
    expect(counter.pulled).toBeLessThan(256 * 1024);
    expect(await stored()).toBe(0);
  });

  it("cuts off an upload that does not say its size once it passes the limit", async () => {
    const { stream, counter } = multipart(64 * 1024 ** 2);
    const response = await routes.call(
      "app.campaigns.$id._index",
      { id: campaignId },
      { body: stream, headers: { "Content-Type": `multipart/form-data; boundary=${BOUNDARY}` } },
    );
    expect(JSON.parse(response.body)).toEqual({ error: "upload.tooLarge:1" });
    expect(counter.pulled).toBeLessThan(4 * 1024 ** 2);
    expect(await stored()).toBe(0);
  });
});
