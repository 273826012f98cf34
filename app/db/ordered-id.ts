// Ids that sort in the order they were made (UUID version 7 layout: milliseconds, then a counter, then random
// bits). Pledges get them in file order, so the backers list, paged by (createdAt, id), reads like the file.
import { randomBytes } from "node:crypto";

let lastMs = 0;
let counter = 0;

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
  const random = randomBytes(8);
  random[0] = (random[0]! & 0x3f) | 0x80; // RFC 4122 variant
  const tail = random.toString("hex");
  return `${time.slice(0, 8)}-${time.slice(8)}-7${counter.toString(16).padStart(3, "0")}-${tail.slice(0, 4)}-${tail.slice(4)}`;
}
