// A generated Kickstarter backer report (2024 layout) with the tiers and add-ons a test asks for, so tests of
// what comes after the import start from pledges the real importer wrote.
import { writeFileSync } from "node:fs";

export interface ReportOptions {
  rows: number;
  tiers: Array<{ id: string; title: string; minimum: number }>;
  addOns?: Array<{ id: string; title: string }>;
  /** Every n-th backer dropped their pledge. */
  droppedEvery?: number;
}

const COUNTRIES = [
  ["US", "United States", "CA", "94107"],
  ["FR", "France", "", "75002"],
  ["DE", "Germany", "", "10115"],
  ["CA", "Canada", "Quebec", "H2X 1Y4"],
];

export function writeKickstarterReport(path: string, options: ReportOptions) {
  const addOns = options.addOns ?? [];
  const headers = [
    "Backer Number",
    "Backer UID",
    "Backer Name",
    "Email",
    "Shipping Country",
    "Shipping Amount",
    "Reward Title",
    "Backing Minimum",
    "Reward ID",
    "Bonus Support",
    "Pledge Amount",
    "Pledged At (UTC)",
    "Pledged Status",
    ...addOns.map((a) => `[Addon: ${a.id}] ${a.title}`),
    "Shipping Name",
    "Shipping Address 1",
    "Shipping City",
    "Shipping State",
    "Shipping Postal Code",
    "Shipping Country Code",
    "Shipping Phone Number",
  ];
  const lines = [headers.map(quote).join(",")];
  for (let n = 1; n <= options.rows; n++) {
    const [code, country, state, zip] = COUNTRIES[n % COUNTRIES.length]!;
    const tier = options.tiers[n % options.tiers.length]!;
    const dropped = options.droppedEvery && n % options.droppedEvery === 0;
    lines.push(
      [
        n,
        4_000_000 + n,
        `Backer ${n}`,
        `backer${n}@example.com`,
        country,
        "$15.00 USD",
        tier.title,
        `$${tier.minimum}.00 USD`,
        tier.id,
        n % 5 === 0 ? "$5.00 USD" : "$0.00 USD",
        `$${tier.minimum + 15}.00 USD`,
        "2026-03-01 12:00:00",
        dropped ? "dropped" : "collected",
        ...addOns.map((_, i) => (n % (i + 2) === 0 ? 1 : 0)),
        `Backer ${n}`,
        `${n} Main Street`,
        "Springfield",
        state,
        zip,
        code,
        "+1 415 555 2671",
      ]
        .map((cell) => quote(String(cell)))
        .join(","),
    );
  }
  writeFileSync(path, lines.join("\r\n") + "\r\n");
}

function quote(cell: string): string {
  return /[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}
