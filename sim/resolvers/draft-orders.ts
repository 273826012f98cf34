import { connection } from "../connection";
import {
  calculateDraftOrder,
  completeDraftOrder,
  createDraftOrder,
  deleteDraftOrder,
  sendInvoice,
  updateDraftOrder,
} from "../state/draft-orders";
import { gid, parseGid } from "../state/ids";
import { matchesSearch, parseSearch } from "../search";
import { calculatedDraftOrderView, draftOrderView } from "../views/orders";
import type { ResolverContext, RootResolver } from "./context";

const notFound = [{ field: ["id"], message: "Draft order does not exist" }];

function view({ state, invoiceUrl }: ResolverContext, draft: Parameters<typeof draftOrderView>[1] | null) {
  return draft ? draftOrderView(state, draft, invoiceUrl(draft.invoiceToken)) : null;
}

export const draftOrderQueries: Record<string, RootResolver> = {
  draftOrders: (args, context) => {
    const terms = parseSearch(args.query);
    const drafts = [...context.state.draftOrders.values()].filter((draft) =>
      matchesSearch(
        draft,
        terms,
        (d, field) => {
          if (field === "tag") return d.tags;
          if (field === "status") return d.status.toLowerCase();
          if (field === "id") return d.id;
          if (field === "name") return [d.name, d.name.slice(1)];
          if (field === "email") return d.email;
          if (field === "customer_id") return d.customerId;
          if (field === "default") return [d.name, d.email ?? "", ...d.tags];
          return undefined;
        },
        "default",
      ),
    );
    return connection(drafts, args, (draft) => view(context, draft));
  },
  draftOrder: ({ id }, context) =>
    view(context, context.state.draftOrders.get(parseGid(id, "DraftOrder") ?? -1) ?? null),
};

export const draftOrderMutations: Record<string, RootResolver> = {
  draftOrderCreate: ({ input }, context) => {
    const { draftOrder, userErrors } = createDraftOrder(context.state, input);
    return { draftOrder: view(context, draftOrder), userErrors };
  },
  draftOrderUpdate: ({ id, input }, context) => {
    const draftId = parseGid(id, "DraftOrder");
    if (draftId === null) return { draftOrder: null, userErrors: notFound };
    const { draftOrder, userErrors } = updateDraftOrder(context.state, draftId, input);
    return { draftOrder: view(context, draftOrder), userErrors };
  },
  draftOrderCalculate: ({ input }, { state }) => {
    const { draft, userErrors } = calculateDraftOrder(state, input);
    return { calculatedDraftOrder: draft ? calculatedDraftOrderView(state, draft) : null, userErrors };
  },
  draftOrderInvoiceSend: ({ id, email }, context) => {
    const draftId = parseGid(id, "DraftOrder");
    if (draftId === null) return { draftOrder: null, userErrors: notFound };
    const { draftOrder, userErrors } = sendInvoice(context.state, draftId, email ?? null);
    return { draftOrder: view(context, draftOrder), userErrors };
  },
  draftOrderComplete: ({ id, sourceName }, context) => {
    const draftId = parseGid(id, "DraftOrder");
    if (draftId === null) return { draftOrder: null, userErrors: notFound };
    const { draftOrder, userErrors } = completeDraftOrder(context.state, draftId, sourceName ?? undefined);
    return { draftOrder: view(context, draftOrder), userErrors };
  },
  draftOrderDelete: ({ input }, { state }) => {
    const draftId = parseGid(input.id, "DraftOrder");
    if (draftId === null) return { deletedId: null, userErrors: notFound };
    const { deletedId, userErrors } = deleteDraftOrder(state, draftId);
    return { deletedId: deletedId === null ? null : gid("DraftOrder", deletedId), userErrors };
  },
};
