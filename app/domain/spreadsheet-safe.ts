// Cells a spreadsheet would run as a formula (=HYPERLINK(…), @SUM(…), +cmd|…) get a leading apostrophe, which
// spreadsheets show as text (OWASP's CSV injection advice). Phone numbers and signed amounts ("+43 1 234",
// "-12.50") stay as they are: they are data the merchant re-imports, and no spreadsheet runs them.
const FORMULA_START = /^[=@\t\r]/;
const SIGNED = /^[+-]/;
const NUMBER_OR_PHONE = /^[+-][\d\s().,/-]*$/;

export function spreadsheetSafe(cell: string): string {
  if (FORMULA_START.test(cell) || (SIGNED.test(cell) && !NUMBER_OR_PHONE.test(cell))) return `'${cell}`;
  return cell;
}
