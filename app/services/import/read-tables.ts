// Reads a backer export from disk as tables of rows, streamed: a CSV (UTF-8 with or without BOM, UTF-16, or
// Windows-1252, detected from its first bytes, and a UTF-8 guess checked to the end), or a ZIP of CSVs
// (Kickstarter's one-file-per-tier export). Nothing holds the whole file in memory.
import { isUtf8 } from "node:buffer";
import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { PassThrough, Transform, type Readable } from "node:stream";
import { parse } from "csv-parse";
import iconv from "iconv-lite";
import yauzl from "yauzl";

export type Encoding = "utf8" | "utf16le" | "utf16be" | "windows1252";

export class UnreadableFileError extends Error {
  override name = "UnreadableFileError";
}

export interface Table {
  name: string;
  encoding: Encoding;
  /** The header row first, then the data rows. */
  rows: AsyncIterable<string[]>;
  /** How much of the whole file has been read, from 0 to 1: for progress bars. */
  progress(): number;
}

const SAMPLE_BYTES = 64 * 1024;
/** No export has rows this long or this wide; a file that does is broken, or not what it says it is. */
export const MAX_RECORD_BYTES = 1024 * 1024;
export const MAX_COLUMNS = 2000;

export async function* readTables(path: string, displayName = path): AsyncGenerator<Table> {
  let sample: Buffer;
  try {
    const handle = await open(path, "r");
    try {
      const buffer = Buffer.alloc(SAMPLE_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
      sample = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new UnreadableFileError(
      `Cannot read ${displayName}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  if (sample.length === 0) throw new UnreadableFileError(`${displayName} is empty`);
  // A ZIP starts with a file's header, or, when it holds nothing, with its directory's end.
  const signature = sample.subarray(0, 4);
  if (
    signature.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) ||
    signature.equals(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  ) {
    yield* zipTables(path, displayName);
    return;
  }
  if (isUtf32(sample))
    throw new UnreadableFileError(`${displayName} is in UTF-32, which Pledgebridge does not read: save it as UTF-8`);
  const encoding = await encodingOf(sample, sample.length < SAMPLE_BYTES, async () => fileBytes(path));
  // NUL bytes belong in UTF-16 text only.
  if ((encoding === "utf8" || encoding === "windows1252") && looksBinary(sample))
    throw new UnreadableFileError(`${displayName} is not a CSV file (it looks binary)`);
  const source = createReadStream(path);
  const { size } = await stat(path);
  yield {
    name: displayName,
    encoding,
    rows: csvRows(source, encoding),
    progress: () => (size ? Math.min(1, source.bytesRead / size) : 1),
  };
}

/**
 * A table's encoding: detected from its first bytes (complete: they are all of it), and when they say UTF-8 without
 * a BOM, checked to the end of the table. An export saved as Windows-1252 can be plain ASCII for its first thousand
 * rows; read as UTF-8, its first "ë" would become U+FFFD, the replacement character.
 */
async function encodingOf(
  sample: Buffer,
  complete: boolean,
  whole: () => Promise<AsyncIterable<Buffer>>,
): Promise<Encoding> {
  const encoding = detectEncoding(sample);
  if (encoding !== "utf8" || complete || hasUtf8Bom(sample)) return encoding;
  return (await isUtf8Throughout(await whole())) ? "utf8" : "windows1252";
}

/**
 * Whether bytes are UTF-8 throughout; a character cut off by the end of the file does not count against it. Leaving
 * early ends the chunks' source (a stream is destroyed, a file closed).
 */
async function isUtf8Throughout(chunks: AsyncIterable<Buffer>): Promise<boolean> {
  let carried: Buffer = Buffer.alloc(0);
  for await (const chunk of chunks) {
    const bytes = carried.length ? Buffer.concat([carried, chunk]) : chunk;
    const whole = wholeCharacters(bytes);
    if (!isUtf8(bytes.subarray(0, whole))) return false;
    // A copy: the chunk may be a buffer its source fills again (fileBytes).
    carried = Buffer.from(bytes.subarray(whole));
  }
  return true;
}

/** How much of a file fileBytes reads at a time. */
export const FILE_CHUNK_BYTES = 1024 * 1024;

/**
 * A file's bytes, a chunk at a time into one buffer that each chunk overwrites: a chunk is good until the next is
 * asked for. Read through a stream, each 64 KB chunk was fresh memory, and checking a 35 MB export took 80–100 ms
 * instead of 9–11 (page faults and garbage).
 */
async function* fileBytes(path: string): AsyncGenerator<Buffer> {
  const handle = await open(path, "r");
  try {
    const buffer = Buffer.allocUnsafeSlow(FILE_CHUNK_BYTES);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (!bytesRead) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/** How many of these bytes end on a character's end: a chunk of a stream may stop inside one. */
function wholeCharacters(bytes: Buffer): number {
  let lead = bytes.length - 1;
  while (lead >= 0 && bytes.length - lead <= 3 && (bytes[lead]! & 0xc0) === 0x80) lead--;
  if (lead < 0) return bytes.length;
  const first = bytes[lead]!;
  const length = first >= 0xf0 ? 4 : first >= 0xe0 ? 3 : first >= 0xc0 ? 2 : 1;
  return bytes.length - lead >= length ? bytes.length : lead;
}

const hasUtf8Bom = (sample: Buffer) => sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf;

export function detectEncoding(sample: Buffer): Encoding {
  if (hasUtf8Bom(sample)) return "utf8";
  if (sample[0] === 0xff && sample[1] === 0xfe) return "utf16le";
  if (sample[0] === 0xfe && sample[1] === 0xff) return "utf16be";
  // UTF-16 without a BOM: ASCII text leaves every other byte zero.
  const pairs = Math.min(sample.length >> 1, 512);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < pairs; i++) {
    if (sample[2 * i] === 0) evenZeros++;
    if (sample[2 * i + 1] === 0) oddZeros++;
  }
  if (pairs > 8 && oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05) return "utf16le";
  if (pairs > 8 && evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05) return "utf16be";
  try {
    // The sample may end inside a character: as a stream, the decoder holds those bytes back instead of failing.
    // (Cutting a few bytes off instead cut Cyrillic or Japanese text inside a character, and such a file was then
    // read as Windows-1252.)
    new TextDecoder("utf-8", { fatal: true }).decode(sample, { stream: true });
    return "utf8";
  } catch {
    return "windows1252";
  }
}

function isUtf32(sample: Buffer): boolean {
  const bom = sample.subarray(0, 4);
  return bom.equals(Buffer.from([0xff, 0xfe, 0, 0])) || bom.equals(Buffer.from([0, 0, 0xfe, 0xff]));
}

function looksBinary(sample: Buffer): boolean {
  const head = sample.subarray(0, 8000);
  return head.includes(0);
}

async function* csvRows(source: Readable, encoding: Encoding): AsyncGenerator<string[]> {
  // csv-parse reads UTF-8 bytes itself; decoding them to text first would only make it encode them again.
  const decoded =
    encoding === "utf8"
      ? source
      : source.pipe(
          iconv.decodeStream(encoding === "utf16be" ? "utf-16be" : encoding === "windows1252" ? "win1252" : encoding),
        );
  const parser = decoded.pipe(
    parse({
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      relax_quotes: false,
      max_record_size: MAX_RECORD_BYTES,
    }),
  );
  let first = true;
  try {
    for await (const row of parser) {
      if (first && (row as string[]).length > MAX_COLUMNS)
        throw new UnreadableFileError(
          `The file has ${(row as string[]).length.toLocaleString("en")} columns; no backer export has more than ${MAX_COLUMNS.toLocaleString("en")}`,
        );
      first = false;
      yield row as string[];
    }
  } catch (error) {
    if (error instanceof UnreadableFileError) throw error;
    throw new UnreadableFileError(`The CSV cannot be read: ${(error as Error).message}`);
  }
}

async function* zipTables(path: string, displayName: string): AsyncGenerator<Table> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: true }, (error, file) =>
      error || !file
        ? reject(new UnreadableFileError(`${displayName} is not a readable ZIP: ${error?.message}`))
        : resolve(file),
    ),
  );
  const entries: yauzl.Entry[] = [];
  await new Promise<void>((resolve, reject) => {
    zip.on("entry", (entry: yauzl.Entry) => {
      if (/\.csv$/i.test(entry.fileName) && !entry.fileName.startsWith("__MACOSX/")) entries.push(entry);
      zip.readEntry();
    });
    zip.on("end", resolve);
    zip.on("error", reject);
    zip.readEntry();
  });
  if (!entries.length) throw new UnreadableFileError(`${displayName} holds no CSV file`);
  // Reopened for each entry so each table streams on its own, one after the other.
  const sorted = entries.sort((a, b) => a.fileName.localeCompare(b.fileName));
  for (const [index, entry] of sorted.entries()) {
    const stream = await openEntry(path, entry.fileName);
    let read = 0;
    const counted = stream.pipe(
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          read += chunk.length;
          done(null, chunk);
        },
      }),
    );
    const peek = await firstBytes(counted);
    const encoding = await encodingOf(peek.bytes, peek.ended, () => openEntry(path, entry.fileName));
    yield {
      name: `${displayName}/${entry.fileName}`,
      encoding,
      rows: csvRows(peek.stream, encoding),
      progress: () =>
        (index + (entry.uncompressedSize ? Math.min(1, read / entry.uncompressedSize) : 1)) / sorted.length,
    };
  }
}

/** One file of a ZIP, as a stream of its bytes. */
async function openEntry(path: string, fileName: string): Promise<Readable> {
  const file = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: true }, (e, f) => (e || !f ? reject(e) : resolve(f))),
  );
  return new Promise<Readable>((resolve, reject) => {
    file.on("entry", (candidate: yauzl.Entry) => {
      if (candidate.fileName !== fileName) return file.readEntry();
      file.openReadStream(candidate, (error, readable) => (error || !readable ? reject(error) : resolve(readable)));
    });
    file.readEntry();
  });
}

/**
 * Reads the start of a stream to detect its encoding, and gives back a stream that still starts there; ended: the
 * start is all there is.
 */
function firstBytes(stream: Readable): Promise<{ bytes: Buffer; stream: Readable; ended: boolean }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  let size = 0;
  return new Promise((resolve, reject) => {
    const detach = () => {
      stream.off("data", onData);
      stream.off("end", onEnd);
    };
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size < SAMPLE_BYTES) return;
      detach();
      stream.pause();
      const bytes = Buffer.concat(chunks);
      out.write(bytes);
      stream.pipe(out);
      resolve({ bytes, stream: out, ended: false });
    };
    const onEnd = () => {
      detach();
      const bytes = Buffer.concat(chunks);
      out.end(bytes);
      resolve({ bytes, stream: out, ended: true });
    };
    stream.on("data", onData);
    stream.on("end", onEnd);
    stream.on("error", reject);
  });
}
