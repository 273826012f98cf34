// One Admin GraphQL request against the real schema: parsed and validated as Shopify would, costed and
// throttled, then executed with the stand-in's resolvers.
import {
  execute,
  GraphQLError,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";
import { requestedCost, type LeakyBucket } from "./cost";
import { mutationResolvers, queryResolvers, type ResolverContext } from "./resolvers";
import type { RootResolver } from "./resolvers/context";

export interface GraphQLRequestBody {
  query?: unknown;
  variables?: unknown;
  operationName?: unknown;
}

export interface SimResponse {
  status: number;
  body: unknown;
  /** A mutation ran: the "timeout after write" fault applies only to these. */
  wrote?: boolean;
}

export async function executeAdminRequest(
  schema: GraphQLSchema,
  bucket: LeakyBucket,
  context: ResolverContext,
  body: GraphQLRequestBody,
): Promise<SimResponse> {
  if (typeof body.query !== "string" || !body.query.trim()) {
    return { status: 400, body: { errors: { query: "Required parameter missing or invalid" } } };
  }
  let document: DocumentNode;
  try {
    document = parse(body.query);
  } catch (error) {
    return { status: 200, body: { errors: [shopifyError(error as GraphQLError)] } };
  }
  const validationErrors = validate(schema, document);
  if (validationErrors.length) return { status: 200, body: { errors: validationErrors.map(shopifyError) } };

  const variables = (body.variables ?? {}) as Record<string, unknown>;
  const operation = pickOperation(document, typeof body.operationName === "string" ? body.operationName : undefined);
  if (!operation) return { status: 200, body: { errors: [{ message: "An operation name is required" }] } };
  const fragments = Object.fromEntries(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const cost = requestedCost(schema, operation, fragments, variables);
  if (cost > 1000) {
    return {
      status: 200,
      body: {
        errors: [
          {
            message: `Query cost is ${cost}, which exceeds the single query max cost limit (1000).`,
            extensions: { code: "MAX_COST_EXCEEDED", cost, maxCost: 1000 },
          },
        ],
      },
    };
  }
  context.state.expireReservations();
  const taken = bucket.take(cost);
  if (!taken.ok) {
    return {
      status: 200,
      body: {
        errors: [
          {
            message: "Throttled",
            extensions: { code: "THROTTLED", documentation: "https://shopify.dev/api/usage/rate-limits" },
          },
        ],
        extensions: { cost: { requestedQueryCost: cost, actualQueryCost: null, throttleStatus: taken.status } },
      },
    };
  }

  const result = await runOperation(schema, document, operation, variables, context);
  const status = bucket.status();
  const extensions = { cost: { requestedQueryCost: cost, actualQueryCost: cost, throttleStatus: status } };
  return {
    status: 200,
    body: {
      ...(result.errors ? { errors: result.errors.map(shopifyError) } : {}),
      data: result.data ?? null,
      extensions,
    },
    wrote: operation.operation === "mutation",
  };
}

/** Runs a validated operation against the stand-in's resolvers: no cost, no throttling (bulk operations use it). */
export function runOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
  context: ResolverContext,
) {
  return execute({
    schema,
    document,
    variableValues: variables,
    operationName: operation.name?.value,
    rootValue:
      operation.operation === "mutation" ? rootObject(mutationResolvers, context) : rootObject(queryResolvers, context),
    contextValue: context,
    fieldResolver: strictFieldResolver,
  });
}

function rootObject(resolvers: Record<string, RootResolver>, context: ResolverContext) {
  return Object.fromEntries(
    Object.entries(resolvers).map(([field, resolve]) => [
      field,
      (args: Record<string, unknown>, _context: unknown, info: GraphQLResolveInfo) => resolve(args, context, info),
    ]),
  );
}

/** A field the stand-in has no value for is an error that names it, so a gap never passes as null. */
const strictFieldResolver: GraphQLFieldResolver<unknown, ResolverContext> = (source, args, context, info) => {
  const value = source && typeof source === "object" ? (source as Record<string, unknown>)[info.fieldName] : undefined;
  if (value === undefined) {
    throw new GraphQLError(`The Shopify stand-in does not simulate ${info.parentType.name}.${info.fieldName}`, {
      extensions: { code: "NOT_SIMULATED", typeName: info.parentType.name, fieldName: info.fieldName },
    });
  }
  return typeof value === "function" ? value(args, context, info) : value;
};

export function pickOperation(document: DocumentNode, name?: string): OperationDefinitionNode | undefined {
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (name) return operations.find((op) => op.name?.value === name);
  return operations.length === 1 ? operations[0] : undefined;
}

// graphql-js words errors its own way; Shopify's are phrased like this, with a code in extensions.
export function shopifyError(error: GraphQLError) {
  const undefinedField = /^Cannot query field "(\w+)" on type "(\w+)"/.exec(error.message);
  if (undefinedField) {
    const [, fieldName, typeName] = undefinedField;
    return {
      message: `Field '${fieldName}' doesn't exist on type '${typeName}'`,
      locations: error.locations,
      extensions: { code: "undefinedField", typeName, fieldName },
    };
  }
  return { message: error.message, locations: error.locations, path: error.path, extensions: error.extensions };
}
