// Ids that sort in the order they were made (UUID version 7 layout: milliseconds, then a counter, then random
// bits). Pledges get them in file order, so the backers list, paged by (createdAt, id), reads like the file.
import { randomFillSync } from "node:crypto";

let lastMs = 0;
let counter = 0;
// Random bits drawn 8 KB at a time: one call into the system's generator per 1,024 ids instead of one per id
// (an import makes 100,000 of them).
const pool = Buffer.alloc(8192);
let poolOffset = pool.length;

export function orderedId(now = Date.now()): string {
  if (now <= lastMs) counter++;
  else {
    lastMs = now;
    counter = 0;
  }
  // 48 bits of time; when the 12-bit counter overflows within one millisecond, borrow the next millisecond.
  if (counter > 0xfff) {
    lastMs++;
    counter = 0;
  }
  const time = lastMs.toString(16).padStart(12, "0");
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  pool[poolOffset] = (pool[poolOffset]! & 0x3f) | 0x80; // RFC 4122 variant
  const tail = pool.toString("hex", poolOffset, poolOffset + 8);
  poolOffset += 8;
  return `${time.slice(0, 8)}-${time.slice(8)}-7${counter.toString(16).padStart(3, "0")}-${tail.slice(0, 4)}-${tail.slice(4)}`;
}
