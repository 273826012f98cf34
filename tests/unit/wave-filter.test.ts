// The wave filter as the page and the CLI send it: what it takes, and what it refuses with a reason.
import { describe, expect, it } from "vitest";
import { parseCountries, WaveFilter } from "../../app/domain/fulfillment/wave-filter";

describe("the wave filter", () => {
  it("takes countries, dates, rewards or offers", () => {
    expect(WaveFilter.parse({ countries: ["FR"], pledgedFrom: "2026-01-01T00:00:00Z" })).toEqual({
      countries: ["FR"],
      pledgedFrom: "2026-01-01T00:00:00Z",
    });
    expect(WaveFilter.parse({ offerIds: ["offer-1"] })).toEqual({ offerIds: ["offer-1"] });
    expect(parseCountries(" fr, de ,FR")).toEqual(["FR", "DE"]);
  });

  it("refuses what cannot pick anything sensible", () => {
    const problem = (input: unknown) => WaveFilter.safeParse(input).error?.issues[0]?.message;
    expect(problem({ countries: ["France"] })).toMatch(/two-letter ISO code/);
    expect(problem({ pledgedFrom: "2026-02-01T00:00:00Z", pledgedTo: "2026-01-01T00:00:00Z" })).toMatch(/after/);
    expect(problem({ offerIds: ["o"], rewardIds: ["r"] })).toMatch(/offers, or rewards, not both/);
    expect(problem({ offerIds: ["o"], preorders: false })).toMatch(/offers, or rewards, not both/);
    expect(problem({ surprise: true })).toBeDefined();
  });
});
