import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../app/logger.server";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger("info", stream), text: () => lines.join("") };
}

describe("logs", () => {
  it("never carry a backer's personal data, however deep it sits", () => {
    const { logger, text } = capture();
    logger.info(
      {
        pledgeId: "pl_1",
        email: "ada@example.com",
        backer: { firstName: "Ada", lastName: "Lovelace", phone: "+33612345678", address1: "1 rue de la Paix" },
        payload: { customer: { email: "ada@example.com" }, shipping_address: { zip: "75002" } },
      },
      "pledge imported",
    );
    const output = text();
    expect(output).toContain("pl_1");
    for (const secret of ["ada@example.com", "Ada", "Lovelace", "+33612345678", "rue de la Paix", "75002"]) {
      expect(output).not.toContain(secret);
    }
  });
});
