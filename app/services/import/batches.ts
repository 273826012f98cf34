// From parsed rows to batches ready to write: rows grouped by the batch size, the rewards they name created first
// (the pledges hold their ids), and, while the run copies, the batch's new rows in COPY's format. Runs where the
// file is read: on a thread of its own for a large file (read-thread.ts), on the import's thread for a small one.
import type { PledgeRecord } from "../../domain/import/record";
import type { ParsedItem } from "./parse-file";
import { missingRewards, newRows, type BatchContext, type NewRows, type RewardRow } from "./write-batch";

export type Rejection = Extract<ParsedItem, { kind: "rejected" }>;

export interface Batch {
  /** Data rows the batch covers: its records and its rejections. */
  rows: number;
  records: PledgeRecord[];
  rejections: Rejection[];
  newRows: NewRows | null;
}

/** Creates rewards the campaign lacks and gives the ids of all of them by key (insertRewards, in a transaction). */
export type RewardIds = (missing: RewardRow[]) => Promise<Map<string, string>>;

export async function* prepareBatches(
  items: AsyncIterable<ParsedItem>,
  context: BatchContext,
  rewardIds: RewardIds,
  batchSize: number,
): AsyncGenerator<Batch> {
  let batch: Batch = { rows: 0, records: [], rejections: [], newRows: null };
  // One reward transaction at a time, committed before the batch that uses its ids is handed on; none for a batch
  // whose rewards an earlier one brought (most of them).
  const ready = async () => {
    const missing = missingRewards(context, batch.records);
    if (missing.length) for (const [key, id] of await rewardIds(missing)) context.rewardIds.set(key, id);
    if (context.copying && batch.records.length) batch.newRows = newRows(context, batch.records);
    return batch;
  };
  for await (const item of items) {
    batch.rows++;
    if (item.kind === "rejected") batch.rejections.push(item);
    else batch.records.push(item.record);
    if (batch.records.length >= batchSize || batch.rejections.length >= batchSize) {
      yield await ready();
      batch = { rows: 0, records: [], rejections: [], newRows: null };
    }
  }
  if (batch.rows) yield await ready();
}

/** The rest of an iterator whose first item was read already (to learn the file's shape). */
export async function* resume<Item>(first: IteratorResult<Item>, rest: AsyncIterator<Item>): AsyncGenerator<Item> {
  for (let next = first; !next.done; next = await rest.next()) yield next.value;
}
