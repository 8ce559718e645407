import { type MailBrand, type MessageContent, renderHtml, renderText } from "./branded-message";
import type { MailMessage } from "./mailer";

function message(brand: MailBrand, to: string, content: MessageContent): MailMessage {
  return {
    to,
    fromName: brand.name,
    replyTo: brand.supportEmail,
    subject: content.subject,
    text: renderText(brand, content),
    html: renderHtml(brand, content),
    link: content.action.url,
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
    greeting: invitee.name ? `Hello ${invitee.name},` : "Hello,",
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
    greeting: user.name ? `Hello ${user.name},` : "Hello,",
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
