import { redirect, type LoaderFunctionArgs } from "@remix-run/node";

// Shopify opens the app with ?shop=…; anything else is a visitor, sent to the store listing's description.
export const loader = async ({ request }: LoaderFunctionArgs) => {
  const url = new URL(request.url);
  if (url.searchParams.get("shop")) throw redirect(`/app?${url.searchParams.toString()}`);
  return null;
};

export default function Index() {
  return (
    <main style={{ fontFamily: "system-ui, sans-serif", maxWidth: 640, margin: "4rem auto", lineHeight: 1.5 }}>
      <h1>Pledgebridge</h1>
      <p>
        Crowdfunding pledges, late pledges and pre-orders fulfilled as ordinary Shopify orders, from your own Shopify
        admin. Install it from your Shopify admin to begin.
      </p>
    </main>
  );
}
