// The inbox draws its buttons from this table and the action handler refuses what it does not offer: each kind has
// a way out, and the actions that need something of the exception are offered only when it has it.
import { describe, expect, it } from "vitest";
import { ACTIONS_BY_KIND, actionsFor, EXCEPTION_KINDS, offers } from "../../app/domain/exceptions";

describe("the actions of an exception", () => {
  it("gives every kind at least one action", () => {
    for (const kind of EXCEPTION_KINDS) expect(ACTIONS_BY_KIND[kind].length, kind).toBeGreaterThan(0);
  });

  it("offers a merge only with a second record to merge into", () => {
    const twoRecords = { kind: "duplicate_backer", pledgeId: "p1", backerId: "b2", data: { otherBackerId: "b1" } };
    const twoSources = { kind: "duplicate_backer", pledgeId: "p1", backerId: "b1", data: { sources: ["A", "B"] } };
    expect(actionsFor(twoRecords)).toEqual(["merge_backers", "open_backer"]);
    expect(actionsFor(twoSources)).toEqual(["open_backer"]);
    expect(offers(twoSources, "merge_backers")).toBe(false);
    expect(offers(twoRecords, "release_stock")).toBe(false);
  });

  it("sends a refund to the backer's page or, for a pre-order, to the pre-orders page", () => {
    expect(actionsFor({ kind: "order_refunded", pledgeId: "p1", backerId: "b1", data: {} })).toEqual(["open_backer"]);
    expect(actionsFor({ kind: "order_refunded", pledgeId: null, backerId: null, data: {} })).toEqual([
      "open_preorders",
    ]);
  });

  it("offers nothing for a kind it does not know", () => {
    expect(actionsFor({ kind: "made_up", pledgeId: null, data: {} })).toEqual([]);
    expect(offers({ kind: "made_up", pledgeId: null, data: {} }, "resend_link")).toBe(false);
  });
});
