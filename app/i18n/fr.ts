import type { Messages } from "./en";

export const fr = {
  "app.name": "Pledgebridge",
  "nav.dashboard": "Tableau de bord",
  "nav.campaigns": "Campagnes",
  "nav.preorders": "Précommandes",
  "nav.inventory": "Stock",
  "nav.fulfillment": "Expédition",
  "nav.exceptions": "Exceptions",
  "nav.settings": "Paramètres",
  "dashboard.title": "Tableau de bord",
  "dashboard.empty.heading": "Importez votre première campagne",
  "dashboard.empty.body":
    "Importez le rapport des contributeurs de Kickstarter, Indiegogo, Gamefound, BackerKit ou un CSV. Chaque contribution devient une commande Shopify ordinaire, avec ce que le contributeur a déjà payé.",
  "dashboard.empty.action": "Créer une campagne",
  "campaigns.title": "Campagnes",
  "campaigns.empty.heading": "Aucune campagne pour l'instant",
  "campaigns.empty.body":
    "Une campagne regroupe les contributions d'un projet de financement participatif, d'une ou plusieurs plateformes. Créez-en une, puis importez son rapport des contributeurs.",
  "campaigns.empty.cli": "Les opérateurs peuvent aussi importer en ligne de commande : npx pledgebridge --help",
  "campaigns.column.name": "Campagne",
  "campaigns.column.platform": "Plateforme",
  "campaigns.column.status": "Statut",
  "campaigns.column.pledges": "Contributions",
  "campaigns.column.collected": "Encaissées",
  "campaigns.column.ships": "Expédition prévue",
  "campaign.status.DRAFT": "Brouillon",
  "campaign.status.ACTIVE": "En cours",
  "campaign.status.FULFILLING": "En expédition",
  "campaign.status.ARCHIVED": "Archivée",
  "preorders.title": "Précommandes",
  "preorders.empty.heading": "Vendez les contributions tardives en précommande",
  "preorders.empty.body":
    "Les contributeurs tardifs achètent dans votre boutique avec les plans de précommande de Shopify : prix complet ou acompte, avec la date d'expédition sur la fiche produit.",
  "inventory.title": "Stock",
  "inventory.empty.heading": "Un seul stock pour les contributions, les précommandes et la boutique",
  "inventory.empty.body":
    "Une fois les récompenses associées aux produits, cette page montre par variante ce que Shopify a en stock, ce qu'il faut aux contributeurs et aux précommandes, et ce qui reste pour la vente.",
  "fulfillment.title": "Expédition",
  "fulfillment.empty.heading": "Expédiez par vagues",
  "fulfillment.empty.body":
    "Les commandes des contributeurs restent en attente jusqu'à ce que vous les libériez par vague, par pays, récompense ou date. Votre logisticien ou vous-même les expédiez dans Shopify comme d'habitude.",
  "exceptions.title": "Exceptions",
  "exceptions.empty.heading": "Rien ne vous attend pour l'instant",
  "exceptions.empty.body":
    "Les contributions annulées, récompenses non associées, adresses incorrectes, factures impayées et paiements refusés apparaîtront ici, avec les actions qui les règlent.",
  "settings.title": "Paramètres",
  "settings.shop": "Boutique",
  "settings.language": "Langue",
  "settings.currency": "Devise",
  "settings.apiVersion": "Version de l'API Admin",
  "common.notSet": "Non défini",
} satisfies Messages;
