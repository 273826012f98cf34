import type { ActionFunctionArgs } from "@remix-run/node";
import { handleWebhookRequest } from "../webhooks/route.server";

export const action = ({ request }: ActionFunctionArgs) => handleWebhookRequest(request);
