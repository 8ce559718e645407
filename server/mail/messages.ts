import { formatMoney } from "../billing/money";
import { type MailBrand, type MessageContent, renderHtml, renderText } from "./branded-message";
import type { MailMessage } from "./mailer";

/** "Hello Ada," or, for someone with no name yet, "Hello,". */
function greetingOf(name: string): string {
  return name ? `Hello ${name},` : "Hello,";
}

function message(brand: MailBrand, to: string, content: MessageContent): MailMessage {
  return {
    to,
    fromName: brand.name,
    replyTo: brand.supportEmail,
    subject: content.subject,
    text: renderText(brand, content),
    html: renderHtml(brand, content),
    link: content.action?.url ?? null,
  };
}

/** The invitation: who invited them to which account, the link, and how long it holds. */
export function invitationMessage(
  brand: MailBrand,
  invitee: { email: string; name: string; accountName: string },
  link: string,
): MailMessage {
  return message(brand, invitee.email, {
    subject: `You are invited to ${invitee.accountName} on ${brand.name}`,
    greeting: greetingOf(invitee.name),
    paragraphs: [
      `You have been invited to join ${invitee.accountName} on ${brand.name}, with the sign-in ${invitee.email}.`,
      "Open the link below to choose your password and start.",
    ],
    action: { label: "Accept the invitation", url: link },
    afterword: [
      "The link works once and expires in 7 days.",
      "If you did not expect this invitation, ignore this message: nothing happens without the link.",
    ],
  });
}

/** The password reset: the link, how long it holds, and what to do if they did not ask. */
export function passwordResetMessage(
  brand: MailBrand,
  user: { email: string; name: string; accountName: string },
  link: string,
): MailMessage {
  return message(brand, user.email, {
    subject: `Reset your ${brand.name} password`,
    greeting: greetingOf(user.name),
    paragraphs: [
      `Someone asked to reset the password of ${user.email} for ${user.accountName} on ${brand.name}.`,
      "Open the link below to choose a new password. Setting it signs you out everywhere.",
    ],
    action: { label: "Choose a new password", url: link },
    afterword: [
      "The link works once and expires in 1 hour.",
      "If you did not ask for this, ignore this message: your password stays as it is.",
    ],
  });
}

/** What a low-balance alert says: whose balance, where it is now, and the threshold it fell below. */
export type LowBalanceFacts = {
  accountName: string;
  currency: string;
  balanceMinor: number;
  thresholdMinor: number;
};

/**
 * The alert to the account's own owners and admins, in the account's brand: their balance fell
 * below their threshold; whoever bills them (their provider, named only by the brand) tops it up.
 * `link` is their Billing page, or null when the account has no portal address to link to.
 */
export function lowBalanceMessage(
  brand: MailBrand,
  recipient: { email: string; name: string },
  facts: LowBalanceFacts,
  link: string | null,
): MailMessage {
  const money = (minor: number) => formatMoney(minor, facts.currency);
  return message(brand, recipient.email, {
    subject: `Low balance: ${facts.accountName} is below ${money(facts.thresholdMinor)}`,
    greeting: greetingOf(recipient.name),
    paragraphs: [
      `The balance of ${facts.accountName} on ${brand.name} is now ${money(facts.balanceMinor)}, below your low-balance alert of ${money(facts.thresholdMinor)}.`,
      `To add credit, contact ${brand.name}. When the balance goes past your credit limit, new calls are refused.`,
    ],
    action: link ? { label: "See your balance", url: link } : null,
    afterword: [
      "You get this message once each time the balance falls below the alert. Owners and admins can change or turn off the alert on the Billing page.",
    ],
  });
}

/**
 * The alert to the owners and admins of the reseller that bills the account, in the reseller's own
 * brand: one of its customers fell below its threshold. `link` is that customer's wallet in the
 * reseller's portal, or null when the reseller has no portal address to link to.
 */
export function customerLowBalanceMessage(
  brand: MailBrand,
  recipient: { email: string; name: string },
  facts: LowBalanceFacts,
  link: string | null,
): MailMessage {
  const money = (minor: number) => formatMoney(minor, facts.currency);
  return message(brand, recipient.email, {
    subject: `Low balance: your customer ${facts.accountName} is below ${money(facts.thresholdMinor)}`,
    greeting: greetingOf(recipient.name),
    paragraphs: [
      `The balance of ${facts.accountName}, an account you bill, is now ${money(facts.balanceMinor)}, below its low-balance alert of ${money(facts.thresholdMinor)}.`,
      `Top it up before it goes past its credit limit: then its new calls are refused. Its owners and admins have been told too.`,
    ],
    action: link ? { label: `Open the wallet of ${facts.accountName}`, url: link } : null,
    afterword: ["You get this message once each time the balance falls below the alert."],
  });
}
