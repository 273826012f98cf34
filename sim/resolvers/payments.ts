import { gid, parseGid } from "../state/ids";
import { createMandatePayment, paymentStatus } from "../state/mandate-payments";
import { deleteMetafields, setMetafields } from "../state/metafields";
import { metafieldView } from "../views/metafields";
import { orderView } from "../views/orders";
import type { RootResolver } from "./context";

export const paymentQueries: Record<string, RootResolver> = {
  orderPaymentStatus: ({ orderId, paymentReferenceId }, { state }) => {
    const payment = paymentStatus(state, parseGid(orderId, "Order") ?? -1, paymentReferenceId);
    if (!payment) return null;
    return {
      __typename: "OrderPaymentStatus",
      paymentReferenceId: payment.referenceId,
      status: payment.status,
      errorMessage: payment.errorMessage,
      translatedErrorMessage: payment.errorMessage,
      transactions: [],
    };
  },
};

export const paymentMutations: Record<string, RootResolver> = {
  orderCreateMandatePayment: ({ id, mandateId, idempotencyKey, amount }, { state }) => {
    const orderId = parseGid(id, "Order") ?? -1;
    const { payment, userErrors } = createMandatePayment(state, {
      orderId,
      mandateId: parseGid(mandateId, "PaymentMandate") ?? -1,
      idempotencyKey,
      amountMinor: amount ? Math.round(Number(amount.amount) * 100) : null,
    });
    const jobId = gid("Job", state.id());
    return {
      job: payment ? { __typename: "Job", id: jobId, done: true, query: null } : null,
      jobResult: payment
        ? {
            __typename: "OrderCreateMandatePaymentJobResult",
            id: jobId,
            done: true,
            status: payment.status === "ERROR" ? "FAILED" : "SUCCEEDED",
            errors: payment.errorMessage
              ? [{ __typename: "UserError", field: null, message: payment.errorMessage }]
              : [],
            order: () => orderView(state, state.orders.get(orderId)!),
          }
        : null,
      paymentReferenceId: payment?.referenceId ?? null,
      userErrors: userErrors.map((error) => ({ __typename: "OrderCreateMandatePaymentUserError", ...error })),
    };
  },
};

export const metafieldMutations: Record<string, RootResolver> = {
  metafieldsSet: ({ metafields }, { state }) => {
    const { metafields: written, userErrors } = setMetafields(state, metafields);
    return { metafields: written?.map(metafieldView) ?? null, userErrors };
  },
  metafieldsDelete: ({ metafields }, { state }) => ({
    deletedMetafields: deleteMetafields(state, metafields),
    userErrors: [],
  }),
};
