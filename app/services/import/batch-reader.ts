// Where an import's batches come from: the file read on the import's own thread, or on a thread of its own
// (read-thread.ts), which parses the rows and makes the COPY text while the import's thread writes the batches before.
// The import chooses (import-file.ts). The thread's entry, read-thread.mjs, sits beside this module: among the
// sources it has tsx compile them; in a server built by Vite it is the thread's own bundle (vite.config.ts).
import { existsSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { PledgeRecord } from "../../domain/import/record";
import { prepareBatches, resume, type Rejection, type RewardIds } from "./batches";
import { parseFile, type FileShape, type ParseFileOptions } from "./parse-file";
import { UnreadableFileError } from "./read-tables";
import type { BatchContext, NewRows, PreparedRecords, RewardRow } from "./write-batch";

/** A thread takes about a quarter of a second to start: worth it from about 10,000 rows of a Kickstarter report. */
const THREAD_FROM_BYTES = 4 * 1024 * 1024;

export function isLargeFile(path: string): boolean {
  return statSync(path).size >= THREAD_FROM_BYTES;
}

export interface ReadBatch extends PreparedRecords {
  /** Data rows the batch covers: its records and its rejections. */
  rows: number;
  /** Its records (pledges to write). */
  count: number;
  rejections: Rejection[];
  /** How far through the file the reading was when the batch was made, from 0 to 1. */
  progress: number;
  /** Says the batch is written: the reading thread lets its records go and reads on. */
  written(): void;
}

export interface BatchReader {
  /** The file's platform, vintage and currency, settled by its first row; its tables, once all are read. */
  shape: FileShape;
  batches(context: BatchContext, rewardIds: RewardIds, batchSize: number): AsyncGenerator<ReadBatch>;
  /** The run found a row already there: later batches come as records, without COPY text. */
  stopCopying(): void;
  close(): Promise<void>;
}

export interface ReadRequest {
  path: string;
  options: ParseFileOptions;
  fileName: string;
}

/** Messages from the import's thread to the reading thread. */
export type FromImport =
  | { type: "start"; context: BatchContext; batchSize: number }
  | { type: "rewardIds"; id: number; entries: Array<[string, string]> }
  | { type: "records"; index: number }
  | { type: "written"; index: number }
  | { type: "stopCopying" };

/** Messages from the reading thread. */
export type ToImport =
  | { type: "shape"; shape: FileShape }
  | { type: "rewards"; id: number; rows: RewardRow[] }
  | {
      type: "batch";
      index: number;
      rows: number;
      count: number;
      rejections: Rejection[];
      newRows: NewRows | null;
      records: PledgeRecord[] | null;
      progress: number;
      shape: FileShape;
    }
  | { type: "records"; index: number; records: PledgeRecord[] }
  | { type: "end"; shape: FileShape }
  | { type: "error"; name: string; message: string };

const THREAD_ENTRY = new URL("./read-thread.mjs", import.meta.url);

// A limit on the reading thread's heap far above what it holds (26–35 MB at 100,000 rows), set because under a
// limit V8 lets a heap grow by a smaller factor before collecting it: the thread then holds about 50 MB instead of
// 100–110, and the import on PGlite peaks 30–60 MB lower in the same time (bench/import.ts, interleaved runs). With
// none, V8 sizes the heap's growth to the machine's memory.
const THREAD_HEAP_MB = 1024;
// The thread's young generation: smaller than V8's default, with which its heap held more of the garbage parsing
// makes (peak RSS 291–310 MB against 256–263 at 8 MB), but not so small that a batch's records, alive until the batch
// is whole, are copied scavenge after scavenge. At 8 MB its collector took 1.2 s of a 100,000-row import on PGlite, at
// 16 MB 0.86 s, and the import took 6% less time for 8 MB more at its peak (decision 0014).
const YOUNG_GENERATION_MB = 16;

export interface ThreadOptions {
  /** The thread's entry; by default the one beside this module. */
  entry?: URL;
  /** The most its heap may hold, in MB; reached, the thread stops and the import fails with that reason. */
  heapMb?: number;
}

/** Reads on a thread when asked to and its entry is there (a server bundled without it reads here). */
export async function openBatchReader(
  request: ReadRequest,
  thread: boolean,
  { entry = THREAD_ENTRY, heapMb = THREAD_HEAP_MB }: ThreadOptions = {},
): Promise<BatchReader> {
  return thread && existsSync(fileURLToPath(entry)) ? readOnThread(request, entry, heapMb) : readHere(request);
}

async function readHere({ path, options, fileName }: ReadRequest): Promise<BatchReader> {
  const { shape, items, progress } = await parseFile(path, options, fileName);
  const iterator = items[Symbol.asyncIterator]();
  const first = await iterator.next();
  return {
    shape,
    async *batches(context, rewardIds, batchSize) {
      for await (const batch of prepareBatches(resume(first, iterator), context, rewardIds, batchSize)) {
        yield {
          rows: batch.rows,
          count: batch.records.length,
          rejections: batch.rejections,
          newRows: batch.newRows,
          records: () => batch.records,
          progress: progress(),
          written() {},
        };
      }
    },
    stopCopying() {}, // the context is the run's own: it knows already
    async close() {
      await iterator.return?.(undefined);
    },
  };
}

async function readOnThread(request: ReadRequest, entry: URL, heapMb: number): Promise<BatchReader> {
  const worker = new Worker(entry, {
    workerData: request,
    resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB, maxOldGenerationSizeMb: heapMb },
  });
  const send = (message: FromImport) => worker.postMessage(message);
  // What the reading thread sends, in order, for whoever waits on it; asked-for records by batch.
  const asked = new Map<number, { resolve: (records: PledgeRecord[]) => void; reject: (error: Error) => void }>();
  const inbox: ToImport[] = [];
  let arrived: (() => void) | null = null;
  const receive = (message: ToImport) => {
    if (message.type === "error") for (const { reject } of asked.values()) reject(new Error(message.message));
    inbox.push(message);
    arrived?.();
  };
  const next = async (): Promise<ToImport> => {
    while (!inbox.length) await new Promise<void>((resolve) => (arrived = resolve));
    return inbox.shift()!;
  };
  let rewardIds: RewardIds | null = null;
  let copying = true;
  let ended = false;

  worker.on("message", (message: ToImport) => {
    if (message.type === "records") {
      asked.get(message.index)?.resolve(message.records);
      asked.delete(message.index);
    } else if (message.type === "rewards") {
      rewardIds!(message.rows).then(
        (ids) => send({ type: "rewardIds", id: message.id, entries: [...ids] }),
        (error: Error) => receive({ type: "error", name: error.name, message: error.message }),
      );
    } else receive(message);
  });
  worker.on("error", (error: Error & { code?: string }) =>
    receive({
      type: "error",
      name: error.name,
      message:
        error.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? `The import's reading thread ran out of memory (its limit is ${heapMb} MB)`
          : error.message,
    }),
  );
  worker.on("exit", (code) => {
    if (!ended) receive({ type: "error", name: "Error", message: `The import's reading thread stopped (${code})` });
  });

  const failed = (message: Extract<ToImport, { type: "error" }>) => {
    void worker.terminate();
    return message.name === UnreadableFileError.name
      ? new UnreadableFileError(message.message)
      : Object.assign(new Error(message.message), { name: message.name });
  };
  const opening = await next();
  if (opening.type === "error") throw failed(opening);
  const shape = (opening as Extract<ToImport, { type: "shape" }>).shape;

  return {
    shape,
    async *batches(context, ids, batchSize) {
      rewardIds = ids;
      send({ type: "start", context, batchSize });
      for (let message = await next(); ; message = await next()) {
        if (message.type === "error") throw failed(message);
        if (message.type === "end") return void Object.assign(shape, message.shape);
        if (message.type !== "batch") continue;
        Object.assign(shape, message.shape);
        const { index, records } = message;
        yield {
          rows: message.rows,
          count: message.count,
          rejections: message.rejections,
          newRows: message.newRows,
          records: () =>
            records ??
            new Promise((resolve, reject) => {
              asked.set(index, { resolve, reject });
              send({ type: "records", index });
            }),
          progress: message.progress,
          written: () => send({ type: "written", index }),
        };
      }
    },
    stopCopying() {
      if (copying) send({ type: "stopCopying" });
      copying = false;
    },
    async close() {
      ended = true;
      await worker.terminate();
    },
  };
}
