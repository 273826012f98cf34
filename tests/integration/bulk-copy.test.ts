// copyText writes rows in COPY's text format: what a value holds must come back as it went in, whatever characters
// the format gives a meaning to, and a row already there must refuse the whole statement with its SQLSTATE.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyText, releaseCopyText } from "../../app/db/bulk-insert";
import type { SqlTransaction } from "../../app/db/open";
import { orderedId } from "../../app/db/ordered-id";
import { engineName, openTestDatabase } from "../helpers/database";
import { createShop } from "../helpers/factories";

const EVENT_COLUMNS = {
  pledgeId: "text",
  subjectType: "text",
  subjectId: "text",
  kind: "text",
  cause: "text",
  data: "jsonb",
};

/** The rows loaded as the import loads its new rows. */
async function copyEvents(tx: SqlTransaction, rows: object[], shopId: string) {
  const { columns, text } = copyText(EVENT_COLUMNS, rows, { shopId });
  await tx.copyFrom("Event", columns, text);
}

describe(`copyText on ${engineName}`, () => {
  let db: Awaited<ReturnType<typeof openTestDatabase>>;
  let shopId: string;
  beforeAll(async () => {
    db = await openTestDatabase();
    shopId = (await createShop(db.prisma)).id;
  });
  afterAll(() => db.drop());

  const readBack = (ids: string[]) =>
    db.prisma.event.findMany({ where: { id: { in: ids }, shopId }, orderBy: { id: "asc" } });

  it("keeps backslashes, tabs, line ends, \\N and \\. as text, and null as null", async () => {
    const awkward = ["\\N", "\\.", "a\tb", "line\r\nbreak\n", "back\\slash\\", "\\\\N", "", " ", "Zoë 山田 🎲"];
    const rows = awkward.map((text, n) => ({
      id: orderedId(),
      pledgeId: n % 2 ? null : text,
      subjectType: "test",
      subjectId: text,
      kind: "copy",
      cause: `cause ${n}`,
      data: { text, nested: [text, { n }], quote: '"', none: null },
    }));
    await db.transaction((tx) => copyEvents(tx, rows, shopId));
    const stored = await readBack(rows.map((row) => row.id));
    expect(stored.map(({ id, pledgeId, subjectId, data }) => ({ id, pledgeId, subjectId, data }))).toEqual(
      rows.map(({ id, pledgeId, subjectId, data }) => ({ id, pledgeId, subjectId, data })),
    );
  });

  it("keeps any text and any JSON value as it went in", async () => {
    // Strings heavy in what the format escapes, among any printable text (the import refuses NUL before this).
    const unit = fc.oneof(
      fc.constantFrom("\\", "\t", "\n", "\r", "N", ".", '"', "\u2028"),
      fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }),
    );
    const text = fc.string({ unit });
    const json = fc.jsonValue({ stringUnit: unit }).map((value) => JSON.parse(JSON.stringify(value)) as unknown); // -0 is 0
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(text, json), { minLength: 1, maxLength: 5 }), async (values) => {
        const rows = values.map(([subjectId, value]) => ({
          id: orderedId(),
          subjectType: "property",
          subjectId,
          kind: "copy",
          cause: "test",
          data: { value },
        }));
        await db.transaction((tx) => copyEvents(tx, rows, shopId));
        const stored = await readBack(rows.map((row) => row.id));
        expect(stored.map(({ subjectId, data }) => ({ subjectId, data }))).toEqual(
          rows.map(({ subjectId, data }) => ({ subjectId, data })),
        );
      }),
      { numRuns: 50 },
    );
  });

  it("loads the rows a view of a larger buffer shows, and leaves the caller's bytes as they were", async () => {
    const rows = ["first", "second"].map((subjectId) => ({
      id: orderedId(),
      subjectType: "view",
      subjectId,
      kind: "copy",
      cause: "c",
      data: {},
    }));
    const { columns, text } = copyText(EVENT_COLUMNS, rows, { shopId });
    // A line of its own on each side: the database must not read them as rows.
    const stray = new TextEncoder().encode(`${orderedId()}\tnot\ta\trow\n`);
    const buffer = new Uint8Array(stray.length * 2 + text.length);
    buffer.set(stray);
    buffer.set(text, stray.length);
    buffer.set(stray, stray.length + text.length);
    const view = buffer.subarray(stray.length, stray.length + text.length);
    await db.transaction((tx) => tx.copyFrom("Event", columns, view));
    expect((await readBack(rows.map((row) => row.id))).map((event) => event.subjectId)).toEqual(["first", "second"]);
    expect(Buffer.from(view).equals(Buffer.from(text))).toBe(true);
  });

  it("gives a loaded text's memory back: the rows stay, the text is empty", async () => {
    const rows = ["kept"].map((subjectId) => ({
      id: orderedId(),
      subjectType: "release",
      subjectId,
      kind: "copy",
      cause: "c",
      data: {},
    }));
    const copied = copyText(EVENT_COLUMNS, rows, { shopId });
    await db.transaction((tx) => tx.copyFrom("Event", copied.columns, copied.text));
    const memory = copied.text.buffer;
    expect(memory.byteLength).toBeGreaterThan(0);
    releaseCopyText(copied);
    expect(memory.byteLength).toBe(0);
    expect(copied.text.byteLength).toBe(0);
    expect((await readBack(rows.map((row) => row.id))).map((event) => event.subjectId)).toEqual(["kept"]);
  });

  it("refuses the whole statement with SQLSTATE 23505 when one row is already there, writing none", async () => {
    const id = orderedId();
    const row = (rowId: string) => ({ id: rowId, subjectType: "t", subjectId: "s", kind: "k", cause: "c", data: {} });
    await db.transaction((tx) => copyEvents(tx, [row(id)], shopId));
    const fresh = orderedId();
    await expect(db.transaction((tx) => copyEvents(tx, [row(fresh), row(id)], shopId))).rejects.toMatchObject({
      code: "23505",
    });
    expect(await readBack([fresh, id])).toHaveLength(1);
  });
});
