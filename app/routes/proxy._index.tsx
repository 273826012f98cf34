// The backer portal's front page, reached through the app proxy: https://<shop>/apps/pledge, where a backer asks
// for their link by email.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requestLinkAction, requestLinkLoader } from "../portal/route.server";

export const loader = ({ request }: LoaderFunctionArgs) => requestLinkLoader(request);
export const action = ({ request }: ActionFunctionArgs) => requestLinkAction(request);
