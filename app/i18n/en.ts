export const en = {
  "app.name": "Pledgebridge",
  "nav.dashboard": "Dashboard",
  "nav.campaigns": "Campaigns",
  "nav.preorders": "Pre-orders",
  "nav.inventory": "Inventory",
  "nav.fulfillment": "Fulfillment",
  "nav.exceptions": "Exceptions",
  "nav.settings": "Settings",
  "dashboard.title": "Dashboard",
  "dashboard.empty.heading": "Bring your first campaign in",
  "dashboard.empty.body":
    "Import the backer report from Kickstarter, Indiegogo, Gamefound, BackerKit or a CSV. Every pledge becomes an ordinary Shopify order, with the backer's money already counted.",
  "dashboard.empty.action": "Create a campaign",
  "campaigns.title": "Campaigns",
  "campaigns.empty.heading": "No campaigns yet",
  "campaigns.empty.body":
    "A campaign holds the pledges of one crowdfunding project, from one or several platforms. Create one, then import its backer report.",
  "campaigns.empty.cli": "Operators can also import from the command line: npx pledgebridge --help",
  "campaigns.column.name": "Campaign",
  "campaigns.column.platform": "Platform",
  "campaigns.column.status": "Status",
  "campaigns.column.pledges": "Pledges",
  "campaigns.column.collected": "Collected",
  "campaigns.column.ships": "Estimated shipping",
  "campaign.status.DRAFT": "Draft",
  "campaign.status.ACTIVE": "Active",
  "campaign.status.FULFILLING": "Fulfilling",
  "campaign.status.ARCHIVED": "Archived",
  "preorders.title": "Pre-orders",
  "preorders.empty.heading": "Sell late pledges as pre-orders",
  "preorders.empty.body":
    "Late backers buy in your own store with Shopify's pre-order selling plans: full price or a deposit, with the ship date shown on the product page.",
  "inventory.title": "Inventory",
  "inventory.empty.heading": "One stock count for pledges, pre-orders and the store",
  "inventory.empty.body":
    "Once rewards are mapped to products, this page shows per variant what Shopify has, what backers and pre-orders need, and what is left for retail.",
  "fulfillment.title": "Fulfillment",
  "fulfillment.empty.heading": "Ship in waves",
  "fulfillment.empty.body":
    "Pledge orders wait on hold until you release them in a wave, by country, reward or date. Your 3PL or you fulfill them in Shopify as usual.",
  "exceptions.title": "Exceptions",
  "exceptions.empty.heading": "Nothing needs you right now",
  "exceptions.empty.body":
    "Dropped pledges, unmapped rewards, bad addresses, unpaid invoices and failed charges will appear here with the actions that resolve them.",
  "settings.title": "Settings",
  "settings.shop": "Shop",
  "settings.language": "Language",
  "settings.currency": "Currency",
  "settings.apiVersion": "Admin API version",
  "common.notSet": "Not set",
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;
