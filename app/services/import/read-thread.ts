// The thread that reads a large file for an import on PGlite (batch-reader.ts starts it): it parses the rows and
// makes each batch's new rows in COPY's format while the import's thread writes the batches before. Records stay
// here until their batch is written; the import asks for them only when its rows cannot be copied (a file imported
// again).
import { parentPort, workerData } from "node:worker_threads";
import type { PledgeRecord } from "../../domain/import/record";
import type { FromImport, ReadRequest, ToImport } from "./batch-reader";
import { prepareBatches, resume } from "./batches";
import { parseFile } from "./parse-file";
import type { BatchContext, RewardRow } from "./write-batch";

/** Batches handed on and not yet written: the thread waits rather than read the whole file into memory. */
const AHEAD = 3;

const port = parentPort!;
const send = (message: ToImport, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

const held = new Map<number, PledgeRecord[]>();
const rewardReplies = new Map<number, (entries: Array<[string, string]>) => void>();
let context: BatchContext | undefined;
let started: (start: Extract<FromImport, { type: "start" }>) => void;
const start = new Promise<Extract<FromImport, { type: "start" }>>((resolve) => (started = resolve));
let room: (() => void) | null = null;

port.on("message", (message: FromImport) => {
  switch (message.type) {
    case "start":
      started(message);
      break;
    case "rewardIds":
      rewardReplies.get(message.id)?.(message.entries);
      rewardReplies.delete(message.id);
      break;
    case "records":
      send({ type: "records", index: message.index, records: held.get(message.index) ?? [] });
      break;
    case "written":
      held.delete(message.index);
      room?.();
      break;
    case "stopCopying":
      if (context) context.copying = false;
      break;
  }
});

async function read({ path, options, fileName }: ReadRequest) {
  const { shape, items, progress } = await parseFile(path, options, fileName);
  const iterator = items[Symbol.asyncIterator]();
  const first = await iterator.next();
  send({ type: "shape", shape });
  const { context: given, batchSize } = await start;
  context = given;
  let asked = 0;
  const rewardIds = (missing: RewardRow[]) =>
    new Promise<Map<string, string>>((resolve) => {
      const id = asked++;
      rewardReplies.set(id, (entries) => resolve(new Map(entries)));
      send({ type: "rewards", id, rows: missing });
    });
  let index = 0;
  for await (const batch of prepareBatches(resume(first, iterator), context, rewardIds, batchSize)) {
    while (held.size >= AHEAD) await new Promise<void>((resolve) => (room = resolve));
    held.set(index, batch.records);
    const { newRows } = batch;
    // The COPY text moves to the import's thread without a copy; records go only when asked for.
    const transfer = newRows ? [newRows.backers.text.buffer, newRows.pledges.text.buffer] : [];
    send(
      {
        type: "batch",
        index: index++,
        rows: batch.rows,
        count: batch.records.length,
        rejections: batch.rejections,
        newRows,
        records: newRows ? null : batch.records,
        progress: progress(),
        shape,
      },
      transfer as ArrayBuffer[],
    );
  }
  send({ type: "end", shape });
}

read(workerData as ReadRequest).catch((error: Error) =>
  send({ type: "error", name: error.name, message: error.message }),
);
