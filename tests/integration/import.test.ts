import { createWriteStream, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import yazl from "yazl";
import { ColumnMapping } from "../../app/domain/import/column-mapping";
import type { Database } from "../../app/db/open";
import { importFile as importAnyFile, type ImportRequest } from "../../app/services/import/import-file";
import { UnreadableFileError } from "../../app/services/import/read-tables";
import { engineName, openTestDatabase } from "../helpers/database";
import { createShop } from "../helpers/factories";

const dir = mkdtempSync(path.join(tmpdir(), "pb-import-db-"));

// Every case read both ways: on the import's own thread (a small file, by default) and on a thread of its own (a
// large one), whose batches come as COPY text and whose records are asked for only when a row is already there.
describe.each([
  { reading: "read on the import's thread", thread: false },
  { reading: "read on a thread of its own", thread: true },
])(`importing backer reports on ${engineName}, $reading`, ({ thread }) => {
  const importFile = (database: Database, request: ImportRequest) => importAnyFile(database, { thread, ...request });
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  beforeAll(async () => (db = await openTestDatabase()));
  afterAll(() => db.drop());

  const events = (campaignId: string, kind: string) =>
    db.prisma.event.findMany({ where: { kind, shop: { campaigns: { some: { id: campaignId } } } } });

  it("creates the campaign, its rewards, backers and pledges, and reports the rows it rejected", async () => {
    const shop = await createShop(db.prisma);
    const started = Date.now();
    const result = await importFile(db, {
      shopId: shop.id,
      campaign: { name: "Nordic Sagas" },
      path: "tests/fixtures/kickstarter/2016.csv",
      fileName: "2016.csv",
      batchSize: 1,
    });
    expect(result).toMatchObject({
      platform: "KICKSTARTER",
      vintage: "kickstarter/2016",
      currency: "SEK",
      rows: 3,
      created: 2,
      updated: 0,
      unchanged: 0,
      rejected: 1,
    });
    expect(result.errors.map((e) => [e.row, e.code])).toEqual([
      [4, "currency_mismatch"],
      [4, "currency_mismatch"],
    ]);
    const campaign = await db.prisma.campaign.findUniqueOrThrow({ where: { id: result.campaignId } });
    expect(campaign).toMatchObject({
      name: "Nordic Sagas",
      handle: "nordic-sagas",
      platform: "KICKSTARTER",
      currencyCode: "SEK",
      shopId: shop.id,
    });
    expect(
      await db.prisma.reward.findMany({
        where: { campaignId: campaign.id },
        select: { title: true, kind: true, minimumMinor: true },
      }),
    ).toEqual([{ title: "Collector's edition", kind: "TIER", minimumMinor: 65000 }]);
    const sven = await db.prisma.pledge.findFirstOrThrow({
      where: { campaignId: campaign.id, externalBackerId: "1647400540" },
      include: { backer: true, reward: true },
    });
    expect(sven).toMatchObject({
      amountMinor: 100000,
      shippingPaidMinor: 10000,
      currencyCode: "SEK",
      status: "COLLECTED",
      reward: { externalId: "6526680" },
      backer: {
        email: "sven@example.se",
        firstName: "Sven",
        lastName: "Svensson",
        city: "Stockholm",
        countryCode: "SE",
        zip: "135 44",
      },
    });
    // Creation is on the pledge itself: the run that brought it in, and no event per row. The stamps are the
    // import's own (the database's, for copied rows), not a parsed date of the file.
    expect(sven.importRunId).toBe(result.runId);
    for (const row of [sven, sven.backer]) {
      expect(row.createdAt.getTime()).toBeGreaterThanOrEqual(started - 1000);
      expect(row.updatedAt.getTime()).toBeGreaterThanOrEqual(started - 1000);
      expect(row.updatedAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    }
    expect(await events(campaign.id, "pledge.imported")).toHaveLength(0);
    const run = await db.prisma.importRun.findUniqueOrThrow({ where: { id: result.runId } });
    expect(run).toMatchObject({
      status: "SUCCEEDED",
      rowsTotal: 3,
      created: 2,
      rejected: 1,
      vintage: "kickstarter/2016",
    });
    expect(run.errors).toHaveLength(2);
  });

  it("changes nothing when the same file comes again", async () => {
    const shop = await createShop(db.prisma);
    const first = await importFile(db, {
      shopId: shop.id,
      campaign: { name: "Again" },
      path: "tests/fixtures/kickstarter/2024.csv",
      fileName: "a.csv",
    });
    const again = await importFile(db, {
      shopId: shop.id,
      campaign: { id: first.campaignId },
      path: "tests/fixtures/kickstarter/2024.csv",
      fileName: "a.csv",
    });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 3, rejected: 0 });
    expect(await events(first.campaignId, "pledge.changed")).toHaveLength(0);
    expect(await db.prisma.pledge.count({ where: { campaignId: first.campaignId } })).toBe(3);
  });

  it("updates what a newer file changed, with an event for each change", async () => {
    const shop = await createShop(db.prisma);
    const first = await importFile(db, {
      shopId: shop.id,
      campaign: { name: "Newer" },
      path: "tests/fixtures/kickstarter/2014.csv",
      fileName: "v1.csv",
    });
    const newer = readFileSync("tests/fixtures/kickstarter/2014.csv", "utf8")
      .replace('$10.00 USD,"2014/04/24, 05:37","",collected', '$10.00 USD,"2014/04/24, 05:37","",dropped')
      .replace("14,1002,name2,email2@live.example,CA", "14,1002,name2,email2@live.example,MX");
    const file = path.join(dir, "newer.csv");
    writeFileSync(file, newer);
    const result = await importFile(db, {
      shopId: shop.id,
      campaign: { id: first.campaignId },
      path: file,
      fileName: "v2.csv",
    });
    expect(result).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
    const [changed] = await events(first.campaignId, "pledge.changed");
    expect(changed!.data).toEqual({ changes: { status: { from: "COLLECTED", to: "DROPPED" } } });
    const [backerChanged] = await events(first.campaignId, "backer.changed");
    expect(backerChanged!.data).toEqual({ fields: ["countryCode"] });
  });

  it("finds a change in every kind of column, each on its own: time, flag, quantities, answers, a blank filled", async () => {
    const shop = await createShop(db.prisma);
    const first = await importFile(db, {
      shopId: shop.id,
      campaign: { name: "Every column" },
      path: "tests/fixtures/kickstarter/2024.csv",
      fileName: "v1.csv",
    });
    // Each newer file changes one more thing than the one before: the import must find that one change alone.
    const edits: Array<[from: string, to: string, change: { pledge: string } | { backer: string }]> = [
      ["£253.00,2025-03-01 12:00:00,false", "£253.00,2025-03-01 12:00:01,false", { pledge: "pledgedAt" }],
      ["£253.00,2025-03-01 12:00:01,false", "£253.00,2025-03-01 12:00:01,true", { pledge: "latePledge" }],
      ['collected,,1,2,"Hedy, in gold"', 'collected,,2,2,"Hedy, in gold"', { pledge: "items" }],
      ['collected,,2,2,"Hedy, in gold"', 'collected,,2,3,"Hedy, in gold"', { pledge: "addOns" }],
      ['then wait","Her name, please"', 'then wait","Her initials, please"', { pledge: "answers" }],
      ["£0.00,Unfulfilled,dropped", "£0.00,Unfulfilled,collected", { pledge: "status" }],
      ["Hedy Lamarr,Ringstrasse 1,,Wien", "Hedy Lamarr,Ringstrasse 1,Stiege 2,Wien", { backer: "address2" }],
    ];
    let text = readFileSync("tests/fixtures/kickstarter/2024.csv", "utf8");
    for (const [index, [from, to, change]] of edits.entries()) {
      expect(text).toContain(from);
      text = text.replace(from, to);
      const file = path.join(dir, `every-column-${index}.csv`);
      writeFileSync(file, text);
      const result = await importFile(db, {
        shopId: shop.id,
        campaign: { id: first.campaignId },
        path: file,
        fileName: `v${index + 2}.csv`,
      });
      const [pledgeEvent] = await db.prisma.event.findMany({
        where: { kind: "pledge.changed", cause: `import:${result.runId}` },
      });
      const [backerEvent] = await db.prisma.event.findMany({
        where: { kind: "backer.changed", cause: `import:${result.runId}` },
      });
      if ("pledge" in change) {
        expect(result).toMatchObject({ created: 0, updated: 1, unchanged: 2 });
        expect(Object.keys((pledgeEvent!.data as { changes: object }).changes)).toEqual([change.pledge]);
        expect(backerEvent).toBeUndefined();
      } else {
        expect(result).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
        expect(pledgeEvent).toBeUndefined();
        expect(backerEvent!.data).toEqual({ fields: [change.backer] });
      }
    }
    const pledge = await db.prisma.pledge.findFirstOrThrow({
      where: { campaignId: first.campaignId, externalBackerId: "990001" },
      include: { backer: true },
    });
    expect(pledge).toMatchObject({ latePledge: true, pledgedAt: new Date("2025-03-01T12:00:01Z") });
    expect(pledge.backer.address2).toBe("Stiege 2");
  });

  it("moves a pledge to the new email of its backer, found only once its backer was written", async () => {
    const shop = await createShop(db.prisma);
    const first = await importFile(db, {
      shopId: shop.id,
      campaign: { name: "New email" },
      path: "tests/fixtures/kickstarter/2014.csv",
      fileName: "v1.csv",
    });
    // A file of one backer, new by email, whose pledge is there: the batch's backers go in as new rows, its pledge
    // cannot, and the batch is written again around what is there.
    const [header, , second] = readFileSync("tests/fixtures/kickstarter/2014.csv", "utf8").split("\n");
    const file = path.join(dir, "new-email.csv");
    writeFileSync(file, [header, second!.replace("email2@live.example", "renamed@live.example")].join("\n"));
    const result = await importFile(db, {
      shopId: shop.id,
      campaign: { id: first.campaignId },
      path: file,
      fileName: "v2.csv",
    });
    expect(result).toMatchObject({ rows: 1, created: 0, updated: 1, unchanged: 0 });
    const pledge = await db.prisma.pledge.findFirstOrThrow({
      where: { campaignId: first.campaignId, externalBackerId: "1002" },
      include: { backer: true },
    });
    expect(pledge.backer.email).toBe("renamed@live.example");
    const backers = await db.prisma.backer.findMany({ where: { campaignId: first.campaignId } });
    expect(backers.map((backer) => backer.identityKey).sort()).toEqual([
      "email1@live.example",
      "email2@live.example",
      "email3@live.example",
      "renamed@live.example",
    ]);
  });

  it("keeps add-ons as rewards of their own and their quantities on the pledge", async () => {
    const shop = await createShop(db.prisma);
    const result = await importFile(db, {
      shopId: shop.id,
      campaign: { name: "Books" },
      path: "tests/fixtures/kickstarter/2024.csv",
      fileName: "books.csv",
    });
    const addOns = await db.prisma.reward.findMany({ where: { campaignId: result.campaignId, kind: "ADDON" } });
    expect(addOns.map((a) => [a.externalId, a.title])).toEqual([["10750435", "Flitt Locust Pendant"]]);
    const hedy = await db.prisma.pledge.findFirstOrThrow({
      where: { campaignId: result.campaignId, externalBackerId: "990001" },
    });
    expect(hedy).toMatchObject({
      addOns: [{ rewardExternalId: "10750435", quantity: 2 }],
      items: [{ title: "Flitt Locust Pendant", quantity: 1 }],
      amountPaidMinor: 25300,
    });
    const late = await db.prisma.pledge.findFirstOrThrow({
      where: { campaignId: result.campaignId, externalBackerId: "990002" },
      include: { backer: true },
    });
    expect(late).toMatchObject({
      latePledge: true,
      pledgeOverTime: true,
      amountDueMinor: 1000,
      backer: { privateRelayEmail: true },
    });
  });

  it("joins a second source to the campaign, one backer per person across sources", async () => {
    const shop = await createShop(db.prisma);
    const ks = await importFile(db, {
      shopId: shop.id,
      campaign: { name: "Two sources" },
      path: "tests/fixtures/kickstarter/2014.csv",
      fileName: "ks.csv",
    });
    const late = path.join(dir, "late.csv");
    writeFileSync(
      late,
      "Order,Mail,Paid,Tier\nLP-1,EMAIL2@live.example,30.00,Late tier\nLP-2,new@example.com,30.00,Late tier\n",
    );
    const mapping = ColumnMapping.parse({
      externalBackerId: "Order",
      email: "Mail",
      amount: "Paid",
      rewardTitle: "Tier",
    });
    const result = await importFile(db, {
      shopId: shop.id,
      campaign: { id: ks.campaignId },
      path: late,
      fileName: "late.csv",
      mapping,
    });
    expect(result).toMatchObject({ platform: "CSV", created: 2, rejected: 0 });
    expect(await db.prisma.pledge.count({ where: { campaignId: ks.campaignId } })).toBe(5);
    expect(await db.prisma.backer.count({ where: { campaignId: ks.campaignId } })).toBe(4);
    const person = await db.prisma.backer.findFirstOrThrow({
      where: { campaignId: ks.campaignId, identityKey: "email2@live.example" },
      include: { pledges: true },
    });
    expect(person.pledges.map((p) => p.source).sort()).toEqual(["CSV", "KICKSTARTER"]);
  });

  it("keeps names, addresses and answers in any script as the file has them", async () => {
    const shop = await createShop(db.prisma);
    const file = path.join(dir, "scripts.csv");
    const people = [
      ["Zoë Ångström", "Sveavägen 1", "Göteborg", "Ärlig? Ja!"],
      ["山田 花子", "東京都千代田区1-1", "東京", "はい 🎲"],
      ["Ольга Ёлкина", 'ул. "Ленина" 5', "Москва", "нет\\да"],
    ];
    writeFileSync(
      file,
      "Order,Mail,Paid,Name,Street,City,Answer\n" +
        people
          .map(([name, street, city, answer], n) =>
            [`S-${n}`, `p${n}@example.com`, "30.00", name, `"${street!.replaceAll('"', '""')}"`, city, answer].join(),
          )
          .join("\n"),
    );
    const mapping = ColumnMapping.parse({
      externalBackerId: "Order",
      email: "Mail",
      amount: "Paid",
      name: "Name",
      address1: "Street",
      city: "City",
    });
    const result = await importFile(db, {
      shopId: shop.id,
      campaign: { name: "Scripts" },
      path: file,
      fileName: "scripts.csv",
      mapping,
      currency: "EUR",
    });
    expect(result).toMatchObject({ created: 3, rejected: 0 });
    const pledges = await db.prisma.pledge.findMany({
      where: { campaignId: result.campaignId },
      include: { backer: true },
      orderBy: { externalBackerId: "asc" },
    });
    expect(
      pledges.map(({ backer, answers }) => [
        `${backer.firstName} ${backer.lastName}`,
        backer.address1,
        backer.city,
        (answers as Record<string, string>).Answer,
      ]),
    ).toEqual(people);
  });

  it("keeps the survey's questions in the file's order, and a newer file with its columns moved changes nothing", async () => {
    const shop = await createShop(db.prisma);
    const mapping = ColumnMapping.parse({ externalBackerId: "Order", email: "Mail", amount: "Paid" });
    const write = (name: string, header: string, row: string) => {
      const file = path.join(dir, name);
      writeFileSync(file, `${header}\n${row}\n`);
      return { path: file, fileName: name, mapping, currency: "EUR" };
    };
    // jsonb would have given the keys back shortest first: Size, Colour, then the question.
    const first = await importFile(db, {
      shopId: shop.id,
      campaign: { name: "Survey order" },
      ...write(
        "survey.csv",
        "Order,Mail,Paid,What should we engrave on the lid?,Size,Colour",
        "S-1,s@example.com,30.00,Ada,M,Blue",
      ),
    });
    const answersOf = async () =>
      (await db.prisma.pledge.findFirstOrThrow({ where: { campaignId: first.campaignId } })).answers;
    expect(Object.entries((await answersOf()) as Record<string, string>)).toEqual([
      ["What should we engrave on the lid?", "Ada"],
      ["Size", "M"],
      ["Colour", "Blue"],
    ]);

    const moved = await importFile(db, {
      shopId: shop.id,
      campaign: { id: first.campaignId },
      ...write(
        "moved.csv",
        "Order,Mail,Paid,Colour,Size,What should we engrave on the lid?",
        "S-1,s@example.com,30.00,Blue,M,Ada",
      ),
    });
    expect(moved).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    expect(await events(first.campaignId, "pledge.changed")).toEqual([]);
  });

  it("will not import into another shop's campaign", async () => {
    const mine = await createShop(db.prisma);
    const theirs = await createShop(db.prisma);
    const result = await importFile(db, {
      shopId: theirs.id,
      campaign: { name: "Theirs" },
      path: "tests/fixtures/kickstarter/2014.csv",
      fileName: "x.csv",
    });
    await expect(
      importFile(db, {
        shopId: mine.id,
        campaign: { id: result.campaignId },
        path: "tests/fixtures/kickstarter/2014.csv",
        fileName: "x.csv",
      }),
    ).rejects.toThrow(/No campaign/);
    expect(await db.prisma.pledge.count({ where: { campaignId: result.campaignId } })).toBe(3);
  });

  it("refuses a file it cannot read with its reason, and makes no campaign", async () => {
    const shop = await createShop(db.prisma);
    const file = path.join(dir, "image.csv");
    writeFileSync(file, Buffer.from("GIF89a\0\0\u0001\u0002"));
    const importing = importFile(db, {
      shopId: shop.id,
      campaign: { name: "Image" },
      path: file,
      fileName: "image.csv",
    });
    await expect(importing).rejects.toThrow(UnreadableFileError);
    await expect(importing).rejects.toThrow(/looks binary/);
    expect(await db.prisma.campaign.count({ where: { shopId: shop.id } })).toBe(0);
  });

  it("stops the run at a table it cannot read, with the reason, keeping the batches written before", async () => {
    const shop = await createShop(db.prisma);
    const zip = new yazl.ZipFile();
    zip.addBuffer(readFileSync("tests/fixtures/kickstarter/2024.csv"), "1-kickstarter.csv");
    zip.addBuffer(readFileSync("tests/fixtures/indiegogo/legacy.csv"), "2-indiegogo.csv");
    const target = path.join(dir, "mixed.zip");
    const written = new Promise<void>((resolve) =>
      zip.outputStream.pipe(createWriteStream(target)).on("close", resolve),
    );
    zip.end();
    await written;
    const importing = importFile(db, {
      shopId: shop.id,
      campaign: { name: "Mixed" },
      path: target,
      fileName: "mixed.zip",
      batchSize: 1,
    });
    await expect(importing).rejects.toThrow(UnreadableFileError);
    const run = await db.prisma.importRun.findFirstOrThrow({ where: { shopId: shop.id } });
    expect(run.status).toBe("FAILED");
    expect(run.errors).toContainEqual(
      expect.objectContaining({ code: "import_failed", message: expect.stringMatching(/INDIEGOGO file/) }),
    );
    expect(await db.prisma.pledge.count({ where: { campaignId: run.campaignId } })).toBe(3);
  });

  it("keeps each rejected row whole, with its reasons, for download", async () => {
    const shop = await createShop(db.prisma);
    const result = await importFile(db, {
      shopId: shop.id,
      campaign: { name: "Rejections" },
      path: "tests/fixtures/kickstarter/2016.csv",
      fileName: "2016.csv",
    });
    const rejections = await db.prisma.importRejection.findMany({ where: { importRunId: result.runId } });
    expect(rejections).toHaveLength(1);
    expect(rejections[0]).toMatchObject({ shopId: shop.id, table: "2016.csv", row: 4 });
    const cells = rejections[0]!.cells as Record<string, string>;
    expect(Object.keys(cells)).toContain("Pledge Amount");
    expect((rejections[0]!.errors as Array<{ code: string }>).map((e) => e.code)).toContain("currency_mismatch");
  });

  it("writes batches side by side without deadlocking when they share backers", async () => {
    const shop = await createShop(db.prisma);
    // Ten people, each pledging from two accounts: once in the first half of the file, once, reversed, in the second.
    const people = Array.from({ length: 10 }, (_, n) => `person${n}@example.com`);
    const rows = [...people, ...[...people].reverse()].map(
      (email, n) => `${n + 1},${7000 + n},Backer ${n},${email},US,$10.00 USD,collected`,
    );
    const file = path.join(dir, "shared-backers.csv");
    writeFileSync(
      file,
      ["Backer Number,Backer UID,Backer Name,Email,Shipping Country,Pledge Amount,Pledged Status", ...rows].join("\n"),
    );
    const result = await importFile(db, {
      shopId: shop.id,
      campaign: { name: "Shared" },
      path: file,
      fileName: "shared.csv",
      batchSize: 3,
      concurrency: 3,
    });
    expect(result).toMatchObject({ rows: 20, created: 20, rejected: 0 });
    expect(await db.prisma.backer.count({ where: { campaignId: result.campaignId } })).toBe(10);
    const again = await importFile(db, {
      shopId: shop.id,
      campaign: { id: result.campaignId },
      path: file,
      fileName: "shared.csv",
      batchSize: 3,
      concurrency: 3,
    });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 20 });
  });

  it("shows how far it has got while it runs, and every row once it is done", async () => {
    const shop = await createShop(db.prisma);
    const rows = Array.from(
      { length: 20_000 },
      (_, n) => `${n + 1},${90000 + n},Backer ${n},progress${n}@example.com,US,$10.00 USD,collected`,
    );
    const file = path.join(dir, "progress.csv");
    writeFileSync(
      file,
      ["Backer Number,Backer UID,Backer Name,Email,Shipping Country,Pledge Amount,Pledged Status", ...rows].join("\n"),
    );
    const importing = importFile(db, {
      shopId: shop.id,
      campaign: { name: "Progress" },
      path: file,
      fileName: "p.csv",
    });
    // What the admin's progress bar reads, polled until the run ends.
    const seen: Array<{ progress: number; rowsTotal: number; status: string }> = [];
    let finished = false;
    void importing.finally(() => (finished = true));
    while (!finished) {
      const run = await db.prisma.importRun.findFirst({ where: { shopId: shop.id } });
      if (run) seen.push({ progress: run.progress, rowsTotal: run.rowsTotal, status: run.status });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const result = await importing;
    const midway = seen.filter((run) => run.status === "RUNNING" && run.progress > 0 && run.progress < 1);
    expect(midway.length).toBeGreaterThan(0);
    expect(midway.every((run) => run.rowsTotal > 0 && run.rowsTotal < 20_000)).toBe(true);
    expect(await db.prisma.importRun.findUniqueOrThrow({ where: { id: result.runId } })).toMatchObject({
      status: "SUCCEEDED",
      progress: 1,
      rowsTotal: 20_000,
      created: 20_000,
    });
  });

  it("takes the tiers of a 2013 report from the names of the files in Kickstarter's ZIP", async () => {
    const shop = await createShop(db.prisma);
    const [header, tim, ada] = readFileSync("tests/fixtures/kickstarter/2013.csv", "utf8").trim().split("\n");
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from([header, tim].join("\n")), "Kickstarter Backer Report - $4 - Oct 14 07am.csv");
    zip.addBuffer(Buffer.from([header, ada].join("\n")), "Kickstarter Backer Report - $25 - Oct 14 07am.csv");
    const target = path.join(dir, "tiers.zip");
    const written = new Promise<void>((resolve) =>
      zip.outputStream.pipe(createWriteStream(target)).on("close", resolve),
    );
    zip.end();
    await written;
    const result = await importFile(db, {
      shopId: shop.id,
      campaign: { name: "Tiers" },
      path: target,
      fileName: "tiers.zip",
    });
    expect(result).toMatchObject({ vintage: "kickstarter/2013", created: 2, rejected: 0 });
    const pledges = await db.prisma.pledge.findMany({
      where: { campaignId: result.campaignId },
      include: { reward: true },
      orderBy: { externalBackerId: "asc" },
    });
    expect(pledges.map((p) => [p.externalBackerId, p.reward?.title, p.reward?.minimumMinor])).toEqual([
      ["3", "$4", 400],
      ["4", "$25", 2500],
    ]);
  });
});
