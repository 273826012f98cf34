import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startSim, type RunningSim } from "../../../sim/server";
import { adminData, variantBySku } from "../../helpers/sim-client";
import { waitFor } from "../../helpers/wait";

const STAGE = `mutation { stagedUploadsCreate(input: [{ resource: BULK_MUTATION_VARIABLES, filename: "pledges.jsonl", mimeType: "text/jsonl", httpMethod: POST }]) {
  stagedTargets { url resourceUrl parameters { name value } } userErrors { field message } } }`;
const RUN = `mutation($mutation: String!, $path: String!) { bulkOperationRunMutation(mutation: $mutation, stagedUploadPath: $path, clientIdentifier: "campaign-deep-delve") {
  bulkOperation { id status type } userErrors { field message code } } }`;
const STATUS = `query($id: ID!) { bulkOperation(id: $id) { id status type objectCount rootObjectCount fileSize url completedAt } }`;
const DRAFT = `mutation BulkDraft($input: DraftOrderInput!) { draftOrderCreate(input: $input) { draftOrder { id tags } userErrors { field message } } }`;

describe("the stand-in's staged uploads and bulk operations", () => {
  let sim: RunningSim;
  beforeAll(async () => (sim = await startSim()));
  beforeEach(() => sim.reset());
  afterAll(() => sim.close());

  async function stage(content: string): Promise<string> {
    const target = (await adminData(sim, STAGE)).stagedUploadsCreate.stagedTargets[0];
    const form = new FormData();
    for (const { name, value } of target.parameters) form.append(name, value);
    form.append("file", new Blob([content], { type: "text/jsonl" }), "pledges.jsonl");
    const upload = await fetch(target.url, { method: "POST", body: form });
    expect(upload.status).toBe(201);
    return target.parameters.find((p: { name: string }) => p.name === "key").value;
  }

  async function finished(id: string) {
    return waitFor(async () => {
      const op = (await adminData(sim, STATUS, { id })).bulkOperation;
      return op.status === "COMPLETED" || op.status === "FAILED" ? op : undefined;
    });
  }

  it("runs a mutation once per line of the staged file and leaves results by line number", async () => {
    const core = await variantBySku(sim, "DD-CORE");
    const lines = [
      { input: { lineItems: [{ variantId: core.id, quantity: 1 }], tags: ["pledge-a"] } },
      { input: { lineItems: [{ variantId: "gid://shopify/ProductVariant/1", quantity: 1 }], tags: ["pledge-b"] } },
      { input: { lineItems: [{ variantId: core.id, quantity: 2 }], tags: ["pledge-c"] } },
    ];
    const path = await stage(lines.map((line) => JSON.stringify(line)).join("\n"));
    const started = (await adminData(sim, RUN, { mutation: DRAFT, path })).bulkOperationRunMutation;
    expect(started).toMatchObject({ bulkOperation: { type: "MUTATION", status: "CREATED" }, userErrors: [] });

    const done = await finished(started.bulkOperation.id);
    expect(done).toMatchObject({
      status: "COMPLETED",
      objectCount: "3",
      url: expect.stringContaining("/bulk-results/"),
    });
    const results = (await (await fetch(done.url)).text())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(results.map((r) => r.__lineNumber)).toEqual([0, 1, 2]);
    expect(results[0].data.draftOrderCreate.draftOrder.tags).toEqual(["pledge-a"]);
    expect(results[1].data.draftOrderCreate).toEqual({
      draftOrder: null,
      userErrors: [{ field: ["lineItems", "0", "variantId"], message: "Product with ID could not be found." }],
    });
    const drafts = await adminData(sim, `{ draftOrders(first: 10) { nodes { tags } } }`);
    expect(drafts.draftOrders.nodes).toHaveLength(2);
    expect(sim.webhooks.deliveries.find((d) => d.topic === "bulk_operations/finish")?.payload).toMatchObject({
      status: "completed",
      type: "mutation",
    });
  });

  it("refuses what it cannot run, and starts nothing", async () => {
    const path = await stage(`{"input":{}}`);
    const invalid = await adminData(sim, RUN, { mutation: "mutation { nope }", path });
    expect(invalid.bulkOperationRunMutation.userErrors[0].code).toBe("INVALID_MUTATION");
    const missing = await adminData(sim, RUN, {
      mutation: DRAFT,
      path: "tmp/demo-shop.myshopify.com/bulk/none/pledges.jsonl",
    });
    expect(missing.bulkOperationRunMutation.userErrors[0].code).toBe("NO_SUCH_FILE");
    const broken = await stage(`{"input": {`);
    const notJsonl = await adminData(sim, RUN, { mutation: DRAFT, path: broken });
    expect(notJsonl.bulkOperationRunMutation.userErrors[0].code).toBe("INVALID_STAGED_UPLOAD_FILE");
    expect((await adminData(sim, `{ bulkOperations(first: 5) { nodes { id } } }`)).bulkOperations.nodes).toEqual([]);
  });

  it("runs a bulk query over every page and flattens connections into lines with __parentId", async () => {
    const started = await adminData(
      sim,
      `mutation($q: String!) { bulkOperationRunQuery(query: $q, groupObjects: false) { bulkOperation { id } userErrors { message } } }`,
      {
        q: `{ products { edges { node { id title variants { edges { node { id sku } } } } } } }`,
      },
    );
    const done = await finished(started.bulkOperationRunQuery.bulkOperation.id);
    const lines = (await (await fetch(done.url)).text())
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    const products = lines.filter((line) => !line.__parentId);
    const variants = lines.filter((line) => line.__parentId);
    expect(products).toHaveLength(6);
    expect(done.rootObjectCount).toBe("6");
    const tee = products.find((p) => p.title === "Delver Crew T-shirt");
    expect(variants.filter((v) => v.__parentId === tee.id).map((v) => v.sku)).toEqual([
      "DD-TEE-S",
      "DD-TEE-M",
      "DD-TEE-L",
      "DD-TEE-XL",
    ]);
  });
});
