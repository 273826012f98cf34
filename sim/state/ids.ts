// Shopify's global ids: gid://shopify/<Type>/<number>.
export function gid(type: string, id: number): string {
  return `gid://shopify/${type}/${id}`;
}

export function parseGid(value: unknown, type: string): number | null {
  if (typeof value !== "string") return null;
  const match = /^gid:\/\/shopify\/(\w+)\/(\d+)$/.exec(value);
  return match && match[1] === type ? Number(match[2]) : null;
}
