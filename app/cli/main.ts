// `npx pledgebridge`: the operators' and scripts' door to the app. Every command has --help and --json.
import { Command, CommanderError } from "commander";
import { ConfigError } from "../config.server";
import { registerCampaignCommands } from "./commands/campaign";
import { registerDbCommands } from "./commands/db";
import { registerImportCommand } from "./commands/import";
import { registerInventoryCommand } from "./commands/inventory";
import { registerOrdersCommands } from "./commands/orders";
import { registerPortalCommands } from "./commands/portal";
import { registerRewardsCommands } from "./commands/rewards";
import { registerShopCommands } from "./commands/shop";
import { registerWaveCommands } from "./commands/waves";
import { CliError } from "./output";

export function buildProgram(): Command {
  const program = new Command("pledgebridge")
    .description("Pledgebridge: crowdfunding pledges and pre-orders as Shopify orders")
    .showHelpAfterError()
    .exitOverride();
  registerDbCommands(program);
  registerShopCommands(program);
  registerImportCommand(program);
  registerCampaignCommands(program);
  registerRewardsCommands(program);
  registerOrdersCommands(program);
  registerPortalCommands(program);
  registerInventoryCommand(program);
  registerWaveCommands(program);
  for (const command of program.commands) command.exitOverride();
  return program;
}

/** Runs the CLI and returns the exit code: 0 done, 1 failed, 2 wrong usage. */
export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    if (error instanceof CliError || error instanceof ConfigError) {
      process.stderr.write(`pledgebridge: ${error.message}\n`);
      return error instanceof CliError ? error.exitCode : 2;
    }
    process.stderr.write(`pledgebridge: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
