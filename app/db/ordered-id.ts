// Ids that sort in the order they were made (UUID version 7 layout: milliseconds, then a counter, then random
// bits). Pledges get them in file order, so the backers list, paged by (createdAt, id), reads like the file.
import { randomFillSync } from "node:crypto";

let lastMs = 0;
let counter = 0;
let timeHex = "";
// Random bits drawn 8 KB at a time and written out as hex once: one call into the system's generator, and one into
// the hex encoder, per 1,024 ids instead of one per id (an import makes 200,000 of them).
const pool = Buffer.alloc(8192);
let randomHex = "";
let poolOffset = pool.length;

export function orderedId(now = Date.now()): string {
  if (now <= lastMs) counter++;
  else {
    lastMs = now;
    counter = 0;
    timeHex = "";
  }
  // 48 bits of time; when the 12-bit counter overflows within one millisecond, borrow the next millisecond.
  if (counter > 0xfff) {
    lastMs++;
    counter = 0;
    timeHex = "";
  }
  if (!timeHex) timeHex = lastMs.toString(16).padStart(12, "0");
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    // RFC 4122 variant: the top two bits of each id's first random byte are 10.
    for (let i = 0; i < pool.length; i += 8) pool[i] = (pool[i]! & 0x3f) | 0x80;
    randomHex = pool.toString("hex");
    poolOffset = 0;
  }
  const at = poolOffset * 2;
  poolOffset += 8;
  return `${timeHex.slice(0, 8)}-${timeHex.slice(8)}-7${counter.toString(16).padStart(3, "0")}-${randomHex.slice(at, at + 4)}-${randomHex.slice(at + 4, at + 16)}`;
}
