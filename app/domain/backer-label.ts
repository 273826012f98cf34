/** How a backer is named to the merchant and in emails: "#42", or the platform's id when there is no number. */
export function backerLabel(pledge: { backerNumber: number | null; externalBackerId: string }): string {
  return pledge.backerNumber === null ? pledge.externalBackerId : `#${pledge.backerNumber}`;
}
