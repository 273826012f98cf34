// The real Admin GraphQL schema, as @shopify/dev-mcp ships it on npm: used to validate every operation the app
// sends (tests), to generate its types (codegen) and to build the local Shopify stand-in.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";
import { ADMIN_API_VERSION } from "./api-version";

const require = createRequire(import.meta.url);
const cache = new Map<string, GraphQLSchema>();

export function adminIntrospection(version = ADMIN_API_VERSION): { data: IntrospectionQuery } {
  // The package exports nothing to resolve, so look for its folder the way Node would.
  const folders = (require.resolve.paths("@shopify/dev-mcp") ?? []).map((dir) => path.join(dir, "@shopify/dev-mcp"));
  const devMcp = folders.find((dir) => existsSync(path.join(dir, "dist", "data")));
  if (!devMcp) throw new Error("@shopify/dev-mcp is not installed: run npm install");
  const file = path.join(devMcp, "dist", "data", `admin_${version}.json.gz`);
  return JSON.parse(gunzipSync(readFileSync(file)).toString("utf8"));
}

export function adminSchema(version = ADMIN_API_VERSION): GraphQLSchema {
  let schema = cache.get(version);
  if (!schema) {
    schema = buildClientSchema(adminIntrospection(version).data);
    cache.set(version, schema);
  }
  return schema;
}
