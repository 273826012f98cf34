// A test that makes the code log console.error has hit something unexpected: it fails.
import { afterEach, vi } from "vitest";

const calls: unknown[][] = [];
vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
  calls.push(args);
});

afterEach(() => {
  if (calls.length) {
    const logged = calls
      .splice(0)
      .map((args) => args.map(String).join(" "))
      .join("\n");
    throw new Error(`console.error was called:\n${logged}`);
  }
});
