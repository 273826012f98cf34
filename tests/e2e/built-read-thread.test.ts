// The production build has no TypeScript sources for the import's reading thread to load, so its build writes the
// thread as JavaScript beside the server (vite.config.ts), where batch-reader.ts looks for it. Started from there,
// with no tsx anywhere, it must read a file exactly as the sources read it on the import's own thread.
import { existsSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { expect, it } from "vitest";
import { openBatchReader, type ReadBatch } from "../../app/services/import/batch-reader";
import type { BatchContext, RewardRow } from "../../app/services/import/write-batch";

const BUILT_ENTRY = pathToFileURL(path.resolve("build/server/read-thread.mjs"));

async function readAll(thread: boolean, file: string, currency?: string) {
  const request = { path: path.resolve("tests/fixtures", file), options: { currency }, fileName: path.basename(file) };
  const reader = await openBatchReader(request, thread, { entry: BUILT_ENTRY });
  const context: BatchContext = {
    shopId: "shop",
    campaignId: "campaign",
    runId: "run",
    rewardIds: new Map(),
    copying: true,
  };
  // Reward ids keyed as insertRewards keys them: one per reward, the same whichever thread asks.
  const rewardIds = async (missing: RewardRow[]) =>
    new Map(
      missing.map(({ externalId }) => [
        externalId.startsWith("title:") ? externalId : `id:${externalId}`,
        `r-${externalId}`,
      ]),
    );
  const batches: Array<Omit<ReadBatch, "records" | "written" | "newRows"> & { records: unknown; copied: unknown }> = [];
  try {
    for await (const batch of reader.batches(context, rewardIds, 2)) {
      const { records, written, newRows, ...rest } = batch;
      batches.push({
        ...rest,
        records: await records(),
        copied: newRows && {
          backers: newRows.backers.count,
          pledges: newRows.pledges.count,
          columns: newRows.pledges.columns,
        },
      });
      written();
    }
  } finally {
    await reader.close();
  }
  return { shape: reader.shape, batches };
}

it.each([
  ["kickstarter/2024.csv", undefined],
  ["kickstarter/2013.csv", undefined],
  ["indiegogo/legacy.csv", "USD"], // its amounts say "$": the campaign's currency settles which dollar
  ["gamefound/import.csv", undefined],
])("the built reading thread reads %s as the sources do", async (file, currency) => {
  // Were it missing, the reader would read on this thread and the comparison would prove nothing.
  expect(existsSync(BUILT_ENTRY)).toBe(true);
  const built = await readAll(true, file, currency);
  const here = await readAll(false, file, currency);
  expect(built.batches.length).toBeGreaterThan(0);
  expect(built).toEqual(here);
});
