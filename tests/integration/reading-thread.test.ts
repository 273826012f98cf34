// The import's reading thread has a limit on its heap (batch-reader.ts). A thread that reaches it stops: the import
// must then fail with that reason rather than wait for batches that will not come. (A file cannot make it reach the
// limit with one row: a record over 1 MB is refused as unreadable first.)
import path from "node:path";
import { expect, it } from "vitest";
import { openBatchReader } from "../../app/services/import/batch-reader";
import type { BatchContext } from "../../app/services/import/write-batch";

const fixture = "tests/fixtures/kickstarter/2016.csv";
const request = (file: string) => ({ path: file, options: {}, fileName: path.basename(file) });
const context = (): BatchContext => ({
  shopId: "shop",
  campaignId: "campaign",
  runId: "run",
  rewardIds: new Map(),
  copying: true,
});
const rewardIds = async () => new Map([["id:6526680", "reward"]]);

it("fails with the reason when the thread cannot read the file within its limit", async () => {
  await expect(openBatchReader(request(fixture), true, { heapMb: 4 })).rejects.toThrow(
    "The import's reading thread ran out of memory (its limit is 4 MB)",
  );
});

it("reads the same file whole under the default limit", async () => {
  const reader = await openBatchReader(request(fixture), true);
  let rows = 0;
  try {
    for await (const batch of reader.batches(context(), rewardIds, 1)) {
      rows += batch.rows;
      batch.written();
    }
  } finally {
    await reader.close();
  }
  expect(rows).toBe(3);
});
