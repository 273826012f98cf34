// Reading a 3PL's tracking file: the columns it names, and what makes it no CSV at all.
import { describe, expect, it } from "vitest";
import { readTrackingCsv, TrackingFileError } from "../../app/services/fulfillment/tracking-import";

describe("a tracking file", () => {
  it("gives each row's order, number, carrier and URL, numbered as the file counts them", () => {
    expect(readTrackingCsv("\uFEFFOrder,Tracking_Number,Courier\n#1001, 1Z999 ,UPS\n#1002,1Z998,\n")).toEqual([
      { row: 2, order: "#1001", number: "1Z999", company: "UPS", url: null },
      { row: 3, order: "#1002", number: "1Z998", company: null, url: null },
    ]);
  });

  it("refuses a file with a NUL character, which the database cannot store, whichever way it came", () => {
    expect(() => readTrackingCsv("Order,Tracking number,Carrier\n#1001,1Z999,U\0PS\n")).toThrow(TrackingFileError);
    expect(() => readTrackingCsv("Order,Tracking number\n#1001,1Z999\n")).not.toThrow();
  });
});
