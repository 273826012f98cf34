// Finds every #graphql document in the app's sources and validates it against the pinned Admin schema, so an
// operation Shopify would reject fails a test here first.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse, validate, type GraphQLError, type GraphQLSchema } from "graphql";

export interface FoundDocument {
  file: string;
  source: string;
}

// \x60 is the backtick, spelled so that this file does not match itself.
const DOCUMENT = /\x60#graphql([\s\S]*?)\x60/g;

// A fragment shared by documents of one file is written once, as its own constant, and interpolated by name.
const NAMED_DOCUMENT = /const (\w+) = \x60#graphql([\s\S]*?)\x60/g;

export function findGraphqlDocuments(root: string): FoundDocument[] {
  const found: FoundDocument[] = [];
  for (const entry of readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile() || !/\.(ts|tsx)$/.test(entry.name) || entry.name.endsWith(".d.ts")) continue;
    const file = path.join(entry.parentPath, entry.name);
    const text = readFileSync(file, "utf8");
    const named = new Map([...text.matchAll(NAMED_DOCUMENT)].map((m) => [m[1]!, m[2]!]));
    for (const match of text.matchAll(DOCUMENT)) {
      const source = match[1]!.replace(/\$\{(\w+)\}/g, (whole, name: string) => named.get(name) ?? whole);
      // A fragment on its own is checked as part of the documents that use it.
      if (/^\s*fragment\s/.test(source)) continue;
      found.push({ file, source });
    }
  }
  return found;
}

export function validateDocument(schema: GraphQLSchema, source: string): readonly GraphQLError[] {
  try {
    return validate(schema, parse(source));
  } catch (error) {
    return [error as GraphQLError];
  }
}
