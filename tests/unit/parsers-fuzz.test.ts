// Property-based tests of what reads outside input: whatever a file, a cell or a header holds, the parsers answer
// (a value or a stated error) and never throw, and what they accept is well formed. fast-check shrinks any
// counterexample to the smallest input that breaks a property.
import fc from "fast-check";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { countryCode } from "../../app/domain/countries";
import { emailIdentity } from "../../app/domain/email";
import { kickstarter } from "../../app/domain/import/kickstarter";
import { ColumnMapping } from "../../app/domain/import/column-mapping";
import { parseMoney } from "../../app/domain/money-parse";
import { checkFile } from "../../app/services/import/check-file";
import { parseFile } from "../../app/services/import/parse-file";
import { detectEncoding, UnreadableFileError } from "../../app/services/import/read-tables";
import { readFixture } from "../helpers/csv";

const cell = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.constantFrom("", "$4.00 USD", "1.234,50 €", "SEK 1,000.00", "collected", "dropped", "=1+1", "\u0000", "NaN"),
);

describe("parsers under arbitrary input", () => {
  it("reads any amount as money in whole minor units, or says why not", () => {
    fc.assert(
      fc.property(cell, fc.constantFrom(undefined, "USD", "EUR", "JPY"), (raw, currency) => {
        const result = parseMoney(raw, currency);
        if (result.ok) {
          expect(Number.isSafeInteger(result.money.amountMinor)).toBe(true);
          expect(result.money.currency).toMatch(/^[A-Z]{3}$/);
        } else expect(result.error.message).toBeTruthy();
      }),
      { numRuns: 2000 },
    );
  });

  it("gives back the amount it was written with", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e10 }),
        fc.constantFrom("USD", "EUR", "GBP", "SEK", "CAD"),
        (minor, code) => {
          const decimal = `${Math.floor(minor / 100).toLocaleString("en-US")}.${String(minor % 100).padStart(2, "0")}`;
          expect(parseMoney(`${decimal} ${code}`)).toEqual({ ok: true, money: { amountMinor: minor, currency: code } });
        },
      ),
    );
  });

  it("names a country by its two-letter code, or not at all", () => {
    fc.assert(
      fc.property(cell, (raw) => {
        const code = countryCode(raw);
        expect(code === null || /^[A-Z]{2}$/.test(code)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("reads any email cell without throwing", () => {
    fc.assert(
      fc.property(cell, (raw) => void emailIdentity(raw)),
      { numRuns: 2000 },
    );
  });

  it("turns any row of a Kickstarter report into a pledge or a list of reasons", () => {
    const { headers } = readFixture("tests/fixtures/kickstarter/2021.csv");
    const parse = kickstarter.parser(headers, { currency: "USD" });
    fc.assert(
      fc.property(fc.array(cell, { minLength: headers.length, maxLength: headers.length + 3 }), (cells) => {
        const parsed = parse(cells, 2);
        if (parsed.record) {
          expect(parsed.errors).toEqual([]);
          expect(Number.isSafeInteger(parsed.record.amount.amountMinor)).toBe(true);
        } else {
          expect(parsed.errors.length).toBeGreaterThan(0);
          for (const error of parsed.errors) expect(error.message).toBeTruthy();
        }
      }),
      { numRuns: 500 },
    );
  });

  it("tells the encoding of any bytes without throwing", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 4096 }), (bytes) => {
        expect(["utf8", "utf16le", "utf16be", "windows1252"]).toContain(detectEncoding(Buffer.from(bytes)));
      }),
    );
  });

  it("takes any UTF-8 text to be UTF-8, wherever the sample of it ends", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme", minLength: 1 }).filter((text) => !text.includes("\u0000")),
        fc.nat(),
        (text, cut) => {
          const bytes = Buffer.from(`Name,City\n${text}`);
          expect(detectEncoding(bytes.subarray(0, 10 + (cut % (bytes.length - 9))))).toBe("utf8");
        },
      ),
    );
    expect(detectEncoding(Buffer.from("Name,City\nОльга,Москва").subarray(0, -1))).toBe("utf8");
    expect(detectEncoding(Buffer.from("Name,City\nZo\xeb,G\xf6teborg", "latin1"))).toBe("windows1252");
  });

  it("reads every cell as it was written, in any encoding and with either line ending", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "pb-cells-"));
    const mapping = ColumnMapping.parse({ externalBackerId: "Id", email: "Mail", amount: "Paid" });
    const text = fc.string({ unit: "grapheme" }).filter((value) => !value.includes("\u0000"));
    const encodings = {
      utf8: (csv: string) => Buffer.from(csv),
      "utf8 with BOM": (csv: string) => Buffer.from(`\uFEFF${csv}`),
      "utf16le with BOM": (csv: string) => iconv.encode(csv, "utf-16le", { addBOM: true }),
      "utf16be with BOM": (csv: string) => iconv.encode(`\uFEFF${csv}`, "utf-16be"),
      windows1252: (csv: string) => iconv.encode(csv, "win1252"),
    };
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(text, text), { minLength: 1, maxLength: 4 }),
        fc.constantFrom(...(Object.keys(encodings) as Array<keyof typeof encodings>)),
        fc.constantFrom("\n", "\r\n"),
        async (answers, encoding, newline) => {
          const quoted = (cell: string) => `"${cell.replaceAll('"', '""')}"`;
          const csv = [
            "Id,Mail,Paid,First,Second",
            ...answers.map(([first, second], row) =>
              [`B${row}`, `b${row}@example.com`, "10.00", quoted(first), quoted(second)].join(","),
            ),
          ].join(newline);
          const bytes = encodings[encoding](csv);
          if (encoding === "windows1252") {
            // Only text that Windows-1252 can hold, and that is not also UTF-8 (then it is read as such).
            fc.pre(iconv.decode(bytes, "win1252") === csv);
            fc.pre(bytes.every((byte) => byte < 0x80) || !isUtf8(bytes));
          }
          const file = path.join(dir, `cells-${n++}.csv`);
          writeFileSync(file, bytes);
          const { items } = await parseFile(file, { mapping, currency: "USD" });
          const read: Array<Record<string, string>> = [];
          for await (const item of items) {
            expect(item.kind).toBe("record");
            if (item.kind === "record") read.push(item.record.answers);
          }
          // A cell is kept trimmed, with its line breaks as \n; an empty one is no answer.
          const kept = (cell: string) => cell.replace(/\r\n?/g, "\n").trim();
          expect(read).toEqual(
            answers.map(([first, second]) =>
              Object.fromEntries(
                [
                  ["First", kept(first)],
                  ["Second", kept(second)],
                ].filter(([, value]) => value),
              ),
            ),
          );
        },
      ),
      { numRuns: 200 },
    );
  });

  it("reads any file to a report, or refuses it as unreadable, and nothing else", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "pb-fuzz-"));
    const { headers } = readFixture("tests/fixtures/kickstarter/2014.csv");
    const csvish = fc
      .array(fc.array(cell, { maxLength: headers.length + 2 }), { maxLength: 8 })
      .map((rows) => [headers, ...rows].map((r) => r.map((c) => JSON.stringify(c)).join(",")).join("\r\n"));
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          csvish,
          fc.uint8Array({ maxLength: 2048 }).map((b) => Buffer.from(b)),
        ),
        async (content) => {
          const target = path.join(dir, `f${n++}.csv`);
          writeFileSync(target, content);
          const outcome = await checkFile(target, { currency: "USD" }).then(
            (report) => ({ report, error: null }),
            (error: unknown) => ({ report: null, error }),
          );
          if (outcome.report) expect(outcome.report.rows).toBe(outcome.report.created + outcome.report.rejected);
          else expect(outcome.error).toBeInstanceOf(UnreadableFileError);
        },
      ),
      { numRuns: 150 },
    );
  });
});

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}
