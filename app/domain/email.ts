// Backers' emails: one person across sources is one identity key. Case is folded; plus-addressing is kept
// (ada+ks@… and ada@… may be two people, or one on purpose), and Apple's private relay is flagged, because
// mail to it only arrives from addresses the backer allowed.

export interface EmailIdentity {
  email: string;
  identityKey: string;
  privateRelay: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@.]{2,}$/;

export function emailIdentity(raw: string | null | undefined): EmailIdentity | null {
  const email = raw?.trim();
  if (!email || !EMAIL.test(email)) return null;
  const identityKey = identityKeyOf(email);
  return { email, identityKey, privateRelay: identityKey.endsWith("@privaterelay.appleid.com") };
}

/** The key one person's email is found by, in every campaign of the shop (services/backer-identity.ts). */
export function identityKeyOf(email: string): string {
  return email.trim().toLowerCase();
}
