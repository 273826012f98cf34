// Shopify's query cost: objects 1, scalars and enums 0, connections multiplied by first/last, mutation fields
// 10; the leaky bucket per shop that throttles when a request costs more than is left.
import {
  getNamedType,
  isCompositeType,
  isLeafType,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type GraphQLCompositeType,
  isObjectType,
  isInterfaceType,
  Kind,
  valueFromASTUntyped,
} from "graphql";

export function requestedCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): number {
  const root = operation.operation === "mutation" ? schema.getMutationType() : schema.getQueryType();
  if (!root) return 0;
  return selectionCost(root, operation.selectionSet, operation.operation === "mutation");

  function selectionCost(parent: GraphQLCompositeType, set: SelectionSetNode, isMutationRoot = false): number {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        if (!isObjectType(parent) && !isInterfaceType(parent)) continue;
        const field = parent.getFields()[selection.name.value];
        if (!field) continue;
        const type = getNamedType(field.type);
        if (isLeafType(type)) continue;
        // A mutation costs a flat 10, whatever its payload selects.
        if (isMutationRoot) {
          total += 10;
          continue;
        }
        const own = 1;
        const children =
          selection.selectionSet && isCompositeType(type) ? selectionCost(type, selection.selectionSet) : 0;
        const size = pageSize(selection.arguments ?? [], variables);
        total += type.name.endsWith("Connection") ? own + size * children : own + children;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) total += selectionCost(type, selection.selectionSet);
      } else {
        const fragment = fragments[selection.name.value];
        const type = fragment && schema.getType(fragment.typeCondition.name.value);
        if (fragment && type && isCompositeType(type)) total += selectionCost(type, fragment.selectionSet);
      }
    }
    return total;
  }
}

function pageSize(
  args: readonly { name: { value: string }; value: Parameters<typeof valueFromASTUntyped>[0] }[],
  variables: Record<string, unknown>,
) {
  for (const arg of args) {
    if (arg.name.value === "first" || arg.name.value === "last") {
      const value = Number(valueFromASTUntyped(arg.value, variables));
      if (Number.isFinite(value)) return Math.max(1, value);
    }
  }
  return 1;
}

export interface BucketOptions {
  maximumAvailable: number;
  restoreRate: number;
  /** How many simulated seconds pass per real second, so a test can run an hour of budget quickly. */
  timeScale: number;
  now?: () => number;
}

export class LeakyBucket {
  private available: number;
  private last: number;

  constructor(private readonly options: BucketOptions) {
    this.available = options.maximumAvailable;
    this.last = this.now();
  }

  /** Takes `cost` points if that many are left; returns the status after. */
  take(cost: number): {
    ok: boolean;
    status: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
  } {
    this.refill();
    const ok = cost <= this.available;
    if (ok) this.available -= cost;
    return { ok, status: this.status() };
  }

  /** Gives back what was requested but not spent (Shopify refunds requested minus actual). */
  refund(points: number) {
    this.available = Math.min(this.options.maximumAvailable, this.available + points);
  }

  status() {
    return {
      maximumAvailable: this.options.maximumAvailable,
      currentlyAvailable: Math.floor(this.available),
      restoreRate: this.options.restoreRate,
    };
  }

  private refill() {
    const now = this.now();
    const seconds = ((now - this.last) / 1000) * this.options.timeScale;
    this.available = Math.min(this.options.maximumAvailable, this.available + seconds * this.options.restoreRate);
    this.last = now;
  }

  private now() {
    return (this.options.now ?? Date.now)();
  }
}
