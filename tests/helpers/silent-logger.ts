import { Writable } from "node:stream";
import { createLogger } from "../../app/logger.server";

/** A real logger whose lines are kept for assertions instead of printed. */
export function memoryLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { logger: createLogger("debug", stream), lines };
}
