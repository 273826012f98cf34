// The backer portal's pledge page, reached through the app proxy: https://<shop>/apps/pledge/p/<signed link>.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { pledgeAction, pledgeLoader } from "../portal/route.server";

export const loader = ({ request, params }: LoaderFunctionArgs) => pledgeLoader(request, params.token ?? "");
export const action = ({ request, params }: ActionFunctionArgs) => pledgeAction(request, params.token ?? "");
