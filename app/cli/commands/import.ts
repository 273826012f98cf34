import { readFileSync } from "node:fs";
import path from "node:path";
import { Option, type Command } from "commander";
import { refreshStatistics } from "../../db/statistics";
import { ColumnMapping } from "../../domain/import/column-mapping";
import type { Platform } from "../../domain/import/record";
import { checkFile, type ImportReport } from "../../services/import/check-file";
import { importFile, type ImportResult } from "../../services/import/import-file";
import { UnreadableFileError } from "../../services/import/read-tables";
import { withDatabase } from "../context";
import { resolveShop } from "../resolve";
import { CliError, output } from "../output";

const PLATFORMS: Record<string, Platform | "auto"> = {
  auto: "auto",
  kickstarter: "KICKSTARTER",
  indiegogo: "INDIEGOGO",
  gamefound: "GAMEFOUND",
  backerkit: "BACKERKIT",
  crowdox: "CROWDOX",
  generic: "CSV",
};

interface ImportOptions {
  campaign?: string;
  platform: string;
  mapping?: string;
  currency?: string;
  shop?: string;
  dryRun?: boolean;
  json?: boolean;
}

export function registerImportCommand(program: Command) {
  program
    .command("import")
    .description(
      "import a backer report (CSV, or Kickstarter's ZIP of CSVs) into a campaign; --dry-run validates it without a store",
    )
    .argument("<file>", "the export from the crowdfunding platform")
    .option("--campaign <name-or-id>", "the campaign to import into (created when the name is new)")
    .addOption(
      new Option("--platform <platform>", "the file's platform").choices(Object.keys(PLATFORMS)).default("auto"),
    )
    .option("--mapping <file>", "a JSON column mapping for a file Pledgebridge does not recognise")
    .option("--currency <code>", "the campaign's currency (ISO 4217), when the amounts do not say it")
    .option("--shop <domain>", "the shop the campaign belongs to")
    .option("--dry-run", "parse and validate the whole file, write nothing")
    .option("--json", "print the result as JSON")
    .action(async (file: string, options: ImportOptions) => {
      const mapping = options.mapping ? readMapping(options.mapping) : undefined;
      if (options.platform === "generic" && !mapping)
        throw new CliError("--platform generic needs --mapping <file>", 2);
      if (options.currency && !/^[A-Z]{3}$/.test(options.currency))
        throw new CliError(`--currency must be an ISO code like EUR, not "${options.currency}"`, 2);
      const parseOptions = { platform: PLATFORMS[options.platform], currency: options.currency, mapping };
      let report: ImportReport | ImportResult;
      try {
        report = options.dryRun
          ? await checkFile(file, parseOptions)
          : await withDatabase(async (db) => {
              if (!options.campaign)
                throw new CliError("give the campaign to import into with --campaign <name-or-id>", 2);
              const shopId = await resolveShop(db.prisma, options.shop);
              const campaign = await db.prisma.campaign.findFirst({ where: { shopId, id: options.campaign } });
              const result = await importFile(db, {
                ...parseOptions,
                shopId,
                campaign: campaign ? { id: campaign.id } : { name: options.campaign },
                path: file,
                fileName: path.basename(file),
              });
              // PGlite has no autovacuum (app/db/statistics.ts). The import is done whatever happens here.
              await refreshStatistics(db).catch(() => {});
              return result;
            });
      } catch (error) {
        if (error instanceof UnreadableFileError) throw new CliError(error.message, 2);
        throw error;
      }
      output(Boolean(options.json)).result(
        {
          platform: report.platform.toLowerCase(),
          vintage: report.vintage,
          currency: report.currency,
          dryRun: Boolean(options.dryRun),
          ...(written(report) ? { campaignId: report.campaignId, importRunId: report.runId } : {}),
          rows: report.rows,
          created: report.created,
          updated: report.updated,
          unchanged: report.unchanged,
          rejected: report.rejected,
          errors: report.errors.map(({ row, column, value, code, message }) => ({ row, column, value, code, message })),
          moreErrors: report.moreErrors,
        },
        () => describe(report, Boolean(options.dryRun)),
      );
    });
}

function written(report: ImportReport | ImportResult): report is ImportResult {
  return "runId" in report;
}

function readMapping(path: string): ColumnMapping {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, "utf8"));
  } catch (error) {
    throw new CliError(`--mapping ${path} cannot be read as JSON: ${(error as Error).message}`, 2);
  }
  const parsed = ColumnMapping.safeParse((raw as { columns?: unknown })?.columns ?? raw);
  if (!parsed.success) {
    const missing = parsed.error.issues.map((issue) => issue.path.join(".")).join(", ");
    throw new CliError(`--mapping ${path} is not a column mapping (check: ${missing})`, 2);
  }
  return parsed.data;
}

function describe(report: ImportReport, dryRun: boolean): string {
  const lines = [
    dryRun
      ? `${report.platform.toLowerCase()} (${report.vintage}), ${report.currency}: ${report.rows} rows, ` +
        `${report.created} valid, ${report.rejected} rejected (dry run: nothing written)`
      : `${report.platform.toLowerCase()} (${report.vintage}), ${report.currency}: ${report.rows} rows: ` +
        `${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected} rejected`,
  ];
  for (const error of report.errors.slice(0, 20)) {
    lines.push(`  row ${error.row}${error.column ? `, ${error.column}` : ""}: ${error.message}`);
  }
  const hidden = report.errors.length - Math.min(20, report.errors.length) + report.moreErrors;
  if (hidden > 0) lines.push(`  … and ${hidden} more (use --json for all)`);
  return lines.join("\n");
}
