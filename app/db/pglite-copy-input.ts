// How a COPY's rows reach PGlite. PGlite reads `COPY … FROM '/dev/blob'` from a blob given with the statement: it asks
// the blob for its bytes once, whole, and PostgreSQL reads them through an Emscripten device, 64 KB at a time. That
// device copies a byte at a time in JavaScript: 0.25 s of an import of 100,000 rows (88 MB of COPY text, a CPU
// profile of bench/import.ts). Here the device copies a block at once, as memcpy does, when the bytes are the ones
// this module gave PGlite, and leaves any other blob to PGlite's own read.
import type { PGlite } from "@electric-sql/pglite";

/** The part of an Emscripten character device's stream operations this needs. */
interface DeviceOperations {
  read(stream: unknown, heap: Int8Array, offset: number, length: number, position: number): number;
}

interface EmscriptenFs {
  lookupPath(path: string): { node: { rdev: number } };
  getDevice(dev: number): { stream_ops: DeviceOperations } | undefined;
}

export interface CopyInput {
  /** Runs `copy` with a blob of the rows for PGlite; the rows are read in place, never copied whole. */
  from<T>(rows: Uint8Array, copy: (blob: Blob) => Promise<T>): Promise<T>;
}

/** Reads a COPY's rows into PGlite a block at a time. A PGlite without the device is given the blob as it is. */
export function copyInputInBlocks(pglite: PGlite): CopyInput {
  // The rows PGlite is reading now: set when PGlite takes this module's blob, cleared once its statement is done, so
  // a blob from anywhere else is never read from them. PGlite runs one statement at a time, and the app's COPY runs
  // inside a transaction, which holds PGlite until `from` has cleared them, the statement failed or not.
  let reading: Uint8Array | null = null;
  const device = blobDevice(pglite);
  if (device) {
    const readByteAtATime = device.read;
    device.read = (stream, heap, offset, length, position) => {
      if (!reading) return readByteAtATime.call(device, stream, heap, offset, length, position);
      const count = Math.max(0, Math.min(reading.length - position, length));
      // A view of the same memory as bytes, so that the copy is one block and not a conversion per byte.
      new Uint8Array(heap.buffer, heap.byteOffset + offset, count).set(reading.subarray(position, position + count));
      return count;
    };
  }
  return {
    async from(rows, copy) {
      const bytes = wholeBuffer(rows);
      const blob: Pick<Blob, "arrayBuffer"> = {
        arrayBuffer: () => {
          reading = rows;
          return Promise.resolve(bytes);
        },
      };
      try {
        return await copy(blob as Blob);
      } finally {
        reading = null;
      }
    },
  };
}

function blobDevice(pglite: PGlite): DeviceOperations | null {
  const fs = pglite.Module.FS as unknown as Partial<EmscriptenFs>;
  if (typeof fs.lookupPath !== "function" || typeof fs.getDevice !== "function") return null;
  try {
    const operations = fs.getDevice(fs.lookupPath("/dev/blob").node.rdev)?.stream_ops;
    return typeof operations?.read === "function" ? operations : null;
  } catch {
    return null; // no /dev/blob: a PGlite that reads COPY some other way
  }
}

/**
 * The rows as an ArrayBuffer of their own, without a copy when they fill one. A Blob would have copied them twice,
 * into it and out of it: 88 MB each way in an import of 100,000 rows, in pieces of up to 650 KB that glibc kept in the
 * process's heap after: 22–81 MB of it at the import's peak, 15 MB without them (bench/import.ts).
 */
function wholeBuffer(rows: Uint8Array): ArrayBuffer {
  const whole =
    rows.buffer instanceof ArrayBuffer && rows.byteOffset === 0 && rows.byteLength === rows.buffer.byteLength;
  return whole ? (rows.buffer as ArrayBuffer) : rows.slice().buffer;
}
