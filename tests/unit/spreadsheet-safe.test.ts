import { describe, expect, it } from "vitest";
import { spreadsheetSafe } from "../../app/domain/spreadsheet-safe";

describe("cells written for spreadsheets", () => {
  it.each([
    ['=HYPERLINK("http://evil.example","click")', `'=HYPERLINK("http://evil.example","click")`],
    ["@SUM(A1:A9)", "'@SUM(A1:A9)"],
    ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
    ["-2+3+cmd|'/C calc'!A0", "'-2+3+cmd|'/C calc'!A0"],
    ["\t=1+1", "'\t=1+1"],
  ])("neutralises a formula: %s", (cell, safe) => expect(spreadsheetSafe(cell)).toBe(safe));

  it.each(["+43 123 456 789", "+1 (555) 010-0100", "-12.50", "-1,234.00", "Ada Lovelace", "", "a=b"])(
    "leaves data as it is: %s",
    (cell) => expect(spreadsheetSafe(cell)).toBe(cell),
  );
});
