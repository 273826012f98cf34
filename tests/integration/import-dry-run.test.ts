// Reading real files from disk: encodings, ZIPs, bad files; and `pledgebridge import --dry-run` as a process.
import { execFile } from "node:child_process";
import { createWriteStream, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import yazl from "yazl";
import { checkFile } from "../../app/services/import/check-file";
import { FILE_CHUNK_BYTES, readTables } from "../../app/services/import/read-tables";

const dir = mkdtempSync(path.join(tmpdir(), "pb-import-"));
const file = (name: string, content: string | Buffer) => {
  const target = path.join(dir, name);
  writeFileSync(target, content);
  return target;
};
const ks2016 = readFileSync("tests/fixtures/kickstarter/2016.csv", "utf8");

async function firstRows(target: string, count = 3) {
  const rows: string[][] = [];
  for await (const table of readTables(target)) {
    for await (const row of table.rows) {
      rows.push(row);
      if (rows.length === count) return { rows, encoding: table.encoding };
    }
  }
  return { rows, encoding: null };
}

describe("reading exports from disk", () => {
  it.each([
    ["UTF-16LE with a BOM", Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(ks2016, "utf16le")]), "utf16le"],
    ["UTF-16LE without a BOM", iconv.encode(ks2016, "utf16le"), "utf16le"],
    ["UTF-16BE with a BOM", Buffer.concat([Buffer.from([0xfe, 0xff]), iconv.encode(ks2016, "utf-16be")]), "utf16be"],
    ["Windows-1252", iconv.encode(ks2016, "win1252"), "windows1252"],
    ["UTF-8 with a BOM", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(ks2016)]), "utf8"],
  ])("reads %s, accents intact", async (_name, bytes, encoding) => {
    const { rows, encoding: detected } = await firstRows(file(`ks-${encoding}-${bytes.length}.csv`, bytes));
    expect(detected).toBe(encoding);
    expect(rows[0]![0]).toBe("Backer Number");
    expect(rows[1]).toContain("Stockholms Län");
  });

  it("reads every CSV in a ZIP, Kickstarter's one file per reward tier", async () => {
    const zip = new yazl.ZipFile();
    const [header, ...lines] = readFileSync("tests/fixtures/kickstarter/2014.csv", "utf8").trim().split("\n");
    zip.addBuffer(Buffer.from([header, lines[0]].join("\n")), "Kickstarter Backer Report - $5 - Apr 30 07am.csv");
    zip.addBuffer(
      Buffer.from([header, lines[1], lines[2]].join("\n")),
      "Kickstarter Backer Report - $25 - Apr 30 07am.csv",
    );
    zip.addBuffer(Buffer.from("ignore me"), "readme.txt");
    const target = path.join(dir, "report.zip");
    const written = new Promise<void>((resolve) =>
      zip.outputStream.pipe(createWriteStream(target)).on("close", resolve),
    );
    zip.end();
    await written;
    const report = await checkFile(target);
    expect(report).toMatchObject({
      platform: "KICKSTARTER",
      vintage: "kickstarter/2014",
      rows: 3,
      created: 3,
      rejected: 0,
    });
    expect(report.tables).toHaveLength(2);
  });

  it("reads a long file by what all of it holds, not only its first rows", async () => {
    // 3,000 rows of plain ASCII (far more than the first bytes that are looked at), then one accented name.
    const rows = ["Name,City", ...Array.from({ length: 3000 }, (_, n) => `Backer ${n},Springfield`)];
    const lastRow = async (target: string) => {
      let last: string[] = [];
      let encoding: string | null = null;
      for await (const table of readTables(target)) {
        encoding = table.encoding;
        for await (const row of table.rows) last = row;
      }
      return { last, encoding };
    };
    const windows = iconv.encode([...rows, "Zoë Ångström,Göteborg"].join("\r\n"), "win1252");
    expect(await lastRow(file("long-1252.csv", windows))).toEqual({
      last: ["Zoë Ångström", "Göteborg"],
      encoding: "windows1252",
    });
    // The same in UTF-8, its "ö" across the first and second chunks the check reads, the second a whole chunk.
    const head = `${rows.join("\n")}\n`;
    const fill = FILE_CHUNK_BYTES - 1 - Buffer.byteLength(head) - ",G".length;
    const fillRows = Math.floor((fill - 1) / "x,y\n".length);
    const padding = "x,y\n".repeat(fillRows) + "x".repeat(fill - fillRows * "x,y\n".length);
    const utf8 = Buffer.from(`${head}${padding},Göteborg\n${"x,y\n".repeat(FILE_CHUNK_BYTES / 4)}Zoë Ångström,東京`);
    expect(utf8.subarray(FILE_CHUNK_BYTES - 1, FILE_CHUNK_BYTES + 1).toString()).toBe("ö");
    expect(await lastRow(file("long-utf8.csv", utf8))).toEqual({
      last: ["Zoë Ångström", "東京"],
      encoding: "utf8",
    });
    const zip = new yazl.ZipFile();
    zip.addBuffer(windows, "Kickstarter Backer Report - $5 - Apr 30 07am.csv");
    const target = path.join(dir, "long-1252.zip");
    const written = new Promise<void>((resolve) =>
      zip.outputStream.pipe(createWriteStream(target)).on("close", resolve),
    );
    zip.end();
    await written;
    expect(await lastRow(target)).toEqual({ last: ["Zoë Ångström", "Göteborg"], encoding: "windows1252" });
  });

  it("refuses a binary file and an empty one with a reason", async () => {
    await expect(
      checkFile(file("image.csv", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48]))),
    ).rejects.toThrow(/looks binary/);
    await expect(checkFile(file("empty.csv", ""))).rejects.toThrow(/is empty/);
  });

  it("rejects a backer id seen twice in the file, keeping the first", async () => {
    const [header, first] = readFileSync("tests/fixtures/kickstarter/2014.csv", "utf8").trim().split("\n");
    const report = await checkFile(file("twice.csv", [header, first, first].join("\n")));
    expect(report).toMatchObject({ rows: 2, created: 1, rejected: 1 });
    expect(report.errors).toEqual([
      {
        row: 3,
        column: null,
        value: "1001",
        code: "duplicate_backer",
        message: "Backer 1001 is also on row 2 of this file",
      },
    ]);
  });

  it("reads the currency from the amounts when none is given, and asks for it when they do not say", async () => {
    expect((await checkFile("tests/fixtures/kickstarter/2016.csv")).currency).toBe("SEK");
    await expect(checkFile("tests/fixtures/gamefound/import.csv", { platform: "GAMEFOUND" })).resolves.toMatchObject({
      currency: "EUR",
    });
    const plain = file(
      "plain.csv",
      "Backer number,Backer name,E-mail,Reward title,Bonus support,Pledge amount\n1,A,a@example.com,Core,0,64.00\n",
    );
    await expect(checkFile(plain)).rejects.toThrow(/--currency/);
    await expect(checkFile(plain, { currency: "EUR" })).resolves.toMatchObject({ created: 1 });
  });
});

describe("npx pledgebridge import --dry-run", () => {
  const run = async (...args: string[]) =>
    promisify(execFile)(process.execPath, ["bin/pledgebridge.js", "import", ...args], {
      env: { ...process.env, DATABASE_URL: "pglite://memory" },
    }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  it("prints the report as one JSON object and exits 0 even with rejected rows", async () => {
    const result = await run("tests/fixtures/kickstarter/2013.csv", "--dry-run", "--json");
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      platform: "kickstarter",
      vintage: "kickstarter/2013",
      rows: 5,
      created: 3,
      updated: 0,
      unchanged: 0,
      rejected: 2,
      errors: [
        expect.objectContaining({ row: 5, column: "Email", message: "The email is missing" }),
        expect.objectContaining({ row: 6, column: "Shipping Country" }),
      ],
    });
  });

  it("reads a file it does not know through a mapping file", async () => {
    const mapping = file(
      "mapping.json",
      JSON.stringify({ columns: { externalBackerId: "Order", email: "Mail", amount: "Paid", country: "Country" } }),
    );
    const result = await run(
      "tests/fixtures/generic/late-pledges.csv",
      "--dry-run",
      "--json",
      "--mapping",
      mapping,
      "--currency",
      "EUR",
    );
    expect(JSON.parse(result.stdout)).toMatchObject({ platform: "csv", rows: 3, created: 2, rejected: 1 });
  });

  it("exits 2 with a one-line reason when the file cannot be read or the arguments are wrong", async () => {
    for (const args of [
      ["/no/such/file.csv", "--dry-run"],
      ["tests/fixtures/generic/late-pledges.csv", "--dry-run"],
      ["tests/fixtures/generic/late-pledges.csv", "--dry-run", "--platform", "generic"],
      ["tests/fixtures/kickstarter/2013.csv", "--dry-run", "--platform", "indiegogo"],
      ["tests/fixtures/kickstarter/2013.csv", "--dry-run", "--currency", "euro"],
      ["tests/fixtures/kickstarter/2013.csv", "--dry-run", "--mapping", file("bad-mapping.json", "{not json")],
    ]) {
      const result = await run(...args);
      expect(result.code, args.join(" ")).toBe(2);
      expect(result.stderr.trim().split("\n"), args.join(" ")).toHaveLength(1);
    }
  });
});
