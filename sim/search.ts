// Shopify's search syntax, the part the app uses: `field:value` terms (quoted values, `*` prefix match,
// `-field:value` negation) joined by AND, and free text matched against a default field.
export interface SearchTerm {
  field: string | null;
  value: string;
  negated: boolean;
}

export function parseSearch(query: string | null | undefined): SearchTerm[] {
  if (!query?.trim()) return [];
  const terms: SearchTerm[] = [];
  const pattern = /(-)?(?:(\w+):)?(?:"([^"]*)"|'([^']*)'|(\S+))/g;
  for (const match of query.matchAll(pattern)) {
    const value = match[3] ?? match[4] ?? match[5] ?? "";
    if (!match[2] && /^(AND|OR)$/i.test(value)) continue;
    terms.push({ field: match[2]?.toLowerCase() ?? null, value, negated: Boolean(match[1]) });
  }
  return terms;
}

export type FieldReader<T> = (item: T, field: string) => string | string[] | number | null | undefined;

/** Keeps the items that match every term. Unknown fields match nothing, as Shopify ignores nothing silently. */
export function matchesSearch<T>(item: T, terms: SearchTerm[], read: FieldReader<T>, defaultField: string): boolean {
  return terms.every((term) => {
    const raw = read(item, term.field ?? defaultField);
    const values = (Array.isArray(raw) ? raw : [raw])
      .filter((v) => v !== null && v !== undefined)
      .map((v) => String(v).toLowerCase());
    const wanted = term.value.toLowerCase();
    const range = /^(>=|<=|>|<)(.+)$/.exec(wanted);
    if (range) {
      // Dates and numbers as Shopify compares them: created_at:>=2026-11-01T00:00:00Z.
      const [, op, bound] = range;
      const inRange = values.some((v) =>
        op === ">=" ? v >= bound! : op === "<=" ? v <= bound! : op === ">" ? v > bound! : v < bound!,
      );
      return term.negated ? !inRange : inRange;
    }
    const hit = wanted.endsWith("*")
      ? values.some((v) => v.startsWith(wanted.slice(0, -1)))
      : term.field
        ? values.some((v) => v === wanted)
        : values.some((v) => v.includes(wanted));
    return term.negated ? !hit : hit;
  });
}
