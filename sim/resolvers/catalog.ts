import { connection } from "../connection";
import { parseGid } from "../state/ids";
import { matchesSearch, parseSearch } from "../search";
import { customerView, inventoryItemView, locationView, productView, variantView } from "../views/catalog";
import type { RootResolver } from "./context";

export const catalogMutations: Record<string, RootResolver> = {
  // Used for what pre-orders need: inventoryPolicy CONTINUE while an offer runs, and back when it ends.
  productVariantsBulkUpdate: ({ productId, variants }, { state }) => {
    const product = state.products.get(parseGid(productId, "Product") ?? -1);
    if (!product)
      return {
        product: null,
        productVariants: null,
        userErrors: [{ field: ["productId"], message: "Product does not exist", code: "PRODUCT_DOES_NOT_EXIST" }],
      };
    const updates = variants as Array<{ id?: string; inventoryPolicy?: "DENY" | "CONTINUE"; price?: string }>;
    for (const [index, update] of updates.entries()) {
      const variantId = parseGid(update.id, "ProductVariant") ?? -1;
      if (!product.variantIds.includes(variantId)) {
        return {
          product: null,
          productVariants: null,
          userErrors: [
            {
              field: ["variants", String(index), "id"],
              message: "Product variant does not exist",
              code: "PRODUCT_VARIANT_DOES_NOT_EXIST",
            },
          ],
        };
      }
    }
    const changed = updates.map((update) => {
      const variant = state.variants.get(parseGid(update.id, "ProductVariant")!)!;
      if (update.inventoryPolicy) variant.inventoryPolicy = update.inventoryPolicy;
      if (update.price) variant.priceMinor = Math.round(Number(update.price) * 100);
      return variant;
    });
    return {
      product: productView(state, product),
      productVariants: changed.map((variant) => variantView(state, variant)),
      userErrors: [],
    };
  },
};

export const catalogQueries: Record<string, RootResolver> = {
  // The Node interface, for the types the app reads by id in batches.
  nodes: ({ ids }, { state }) =>
    (ids as string[]).map((id) => {
      const [, type, raw] = /^gid:\/\/shopify\/(\w+)\/(\d+)$/.exec(id) ?? [];
      const key = Number(raw);
      if (type === "ProductVariant" && state.variants.has(key)) return variantView(state, state.variants.get(key)!);
      if (type === "Product" && state.products.has(key)) return productView(state, state.products.get(key)!);
      if (type === "InventoryItem" && state.inventoryItems.has(key))
        return inventoryItemView(state, state.inventoryItems.get(key)!);
      return null;
    }),
  locations: (args, { state }) => connection([...state.locations.values()], args, locationView),
  location: ({ id }, { state }) => {
    const location =
      state.locations.get(parseGid(id, "Location") ?? -1) ??
      (id ? undefined : state.locations.get(state.primaryLocationId));
    return location ? locationView(location) : null;
  },
  products: (args, { state }) => {
    const terms = parseSearch(args.query);
    const products = [...state.products.values()].filter((product) =>
      matchesSearch(
        product,
        terms,
        (p, field) => {
          if (field === "title") return p.title;
          if (field === "sku") return p.variantIds.map((id) => state.variants.get(id)!.sku);
          if (field === "tag") return p.tags;
          if (field === "product_type") return p.productType;
          if (field === "vendor") return p.vendor;
          if (field === "handle") return p.handle;
          if (field === "id") return p.id;
          if (field === "status") return "active";
          return undefined;
        },
        "title",
      ),
    );
    return connection(products, args, (product) => productView(state, product));
  },
  product: ({ id }, { state }) => {
    const product = state.products.get(parseGid(id, "Product") ?? -1);
    return product ? productView(state, product) : null;
  },
  productVariants: (args, { state }) => {
    const terms = parseSearch(args.query);
    const variants = [...state.variants.values()].filter((variant) =>
      matchesSearch(
        variant,
        terms,
        (v, field) => {
          const product = state.products.get(v.productId)!;
          if (field === "sku") return v.sku;
          if (field === "title") return [product.title, v.title, `${product.title} - ${v.title}`];
          if (field === "product_id") return v.productId;
          if (field === "id") return v.id;
          return undefined;
        },
        "title",
      ),
    );
    return connection(variants, args, (variant) => variantView(state, variant));
  },
  productVariant: ({ id }, { state }) => {
    const variant = state.variants.get(parseGid(id, "ProductVariant") ?? -1);
    return variant ? variantView(state, variant) : null;
  },
  inventoryItem: ({ id }, { state }) => {
    const item = state.inventoryItems.get(parseGid(id, "InventoryItem") ?? -1);
    return item ? inventoryItemView(state, item) : null;
  },
  customers: (args, { state }) => {
    const terms = parseSearch(args.query);
    const customers = [...state.customers.values()].filter((customer) =>
      matchesSearch(
        customer,
        terms,
        (c, field) => {
          if (field === "email") return c.email;
          if (field === "first_name") return c.firstName;
          if (field === "last_name") return c.lastName;
          if (field === "name") return `${c.firstName} ${c.lastName}`;
          if (field === "id") return c.id;
          return undefined;
        },
        "name",
      ),
    );
    return connection(customers, args, customerView);
  },
  customer: ({ id }, { state }) => {
    const customer = state.customers.get(parseGid(id, "Customer") ?? -1);
    return customer ? customerView(customer) : null;
  },
};
