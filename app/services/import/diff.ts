// What a newer file changed in a row: the fields whose values differ, with both values, for the Event.

export type Changes = Record<string, { from: unknown; to: unknown }>;

/** The fields of `next` whose value differs from `current`. Dates and JSON compare by value. */
export function diff(current: object, next: object): Changes {
  const changes: Changes = {};
  const before = current as Record<string, unknown>;
  for (const [field, value] of Object.entries(next)) {
    if (comparable(before[field]) !== comparable(value))
      changes[field] = { from: before[field] ?? null, to: value ?? null };
  }
  return changes;
}

// jsonb keeps object keys in its own order, so JSON compares with its keys sorted.
function comparable(value: unknown): string {
  return JSON.stringify(canonical(value ?? null));
}

function canonical(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}
