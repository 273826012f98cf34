import { describe, expect, it } from "vitest";
import { orderedId } from "../../app/db/ordered-id";

describe("ordered ids", () => {
  it("sort in the order they were made, within one millisecond and across many", () => {
    const ids = [
      ...Array.from({ length: 5000 }, () => orderedId(1_800_000_000_000)),
      ...Array.from({ length: 10 }, () => orderedId(1_800_000_000_001)),
      orderedId(1_800_000_000_500),
    ];
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("look like version-7 UUIDs, with random bits that differ from one id to the next across refills", () => {
    const ids = Array.from({ length: 3000 }, () => orderedId());
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(ids.map((id) => id.slice(-12))).size).toBe(ids.length);
  });
});
