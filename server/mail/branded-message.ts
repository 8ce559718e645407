import { readableTextOn } from "../tenancy/theme";

/** The brand a message is sent as: the account's effective branding, with absolute URLs. */
export type MailBrand = {
  name: string;
  /** Absolute URL on the brand host, or null for a text-only header. */
  logoUrl: string | null;
  primaryColor: string;
  accentColor: string;
  supportEmail: string | null;
  supportPhone: string | null;
};

export type MessageContent = {
  subject: string;
  /** The greeting line ("Hello Ada,"). */
  greeting: string;
  /** Paragraphs before the button. */
  paragraphs: string[];
  /** The button and its link; none when there is no portal address to send the reader to. */
  action: { label: string; url: string } | null;
  /** Paragraphs after the button (expiry, "if this was not you"). */
  afterword: string[];
};

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text placed in HTML, always through this: names and e-mails are the tenant's to choose. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}

function supportLine(brand: MailBrand): string | null {
  const ways = [brand.supportEmail, brand.supportPhone].filter((way): way is string => Boolean(way));
  return ways.length > 0 ? `Questions? Contact ${brand.name} support: ${ways.join(", ")}.` : null;
}

/** The plain-text body: every sentence and the link on its own line. */
export function renderText(brand: MailBrand, content: MessageContent): string {
  const support = supportLine(brand);
  return [
    content.greeting,
    "",
    ...content.paragraphs.flatMap((paragraph) => [paragraph, ""]),
    ...(content.action ? [`${content.action.label}: ${content.action.url}`, ""] : []),
    ...content.afterword.flatMap((paragraph) => [paragraph, ""]),
    ...(support ? [support, ""] : []),
    `— ${brand.name}`,
    "",
  ].join("\n");
}

/** The button in the brand's primary colour, and the link written out for clients that block buttons. */
function actionHtml(brand: MailBrand, action: { label: string; url: string }, onPrimary: string): string {
  const url = escapeHtml(action.url);
  return `<p style="margin:24px 0"><a href="${url}" style="display:inline-block;background:${brand.primaryColor};color:${onPrimary};padding:12px 20px;border-radius:6px;font-size:16px;font-weight:bold;text-decoration:none">${escapeHtml(action.label)}</a></p>
<p style="margin:0 0 16px;font-size:14px;line-height:1.5;color:#334155">Or open this address: <a href="${url}" style="color:${brand.primaryColor};word-break:break-all">${url}</a></p>`;
}

/**
 * The HTML body: one table-based column with inline styles (what mail clients render), the brand's
 * logo or name on its primary colour, a button in the primary colour, and the link written out in
 * full for clients that block buttons. Every value is escaped.
 */
export function renderHtml(brand: MailBrand, content: MessageContent): string {
  const onPrimary = readableTextOn(brand.primaryColor);
  const paragraph = (text: string) =>
    `<p style="margin:0 0 16px;font-size:16px;line-height:1.5;color:#0f172a">${escapeHtml(text)}</p>`;
  const header = brand.logoUrl
    ? `<img src="${escapeHtml(brand.logoUrl)}" alt="${escapeHtml(brand.name)}" height="40" style="display:block;height:40px;max-width:240px;border:0">`
    : `<span style="font-size:20px;font-weight:bold;color:${onPrimary}">${escapeHtml(brand.name)}</span>`;
  const support = supportLine(brand);
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(content.subject)}</title></head>
<body style="margin:0;padding:0;background:#f8fafc;font-family:Arial,Helvetica,sans-serif">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f8fafc"><tr><td align="center" style="padding:24px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border:1px solid #e2e8f0;border-radius:8px">
<tr><td style="background:${brand.primaryColor};padding:16px 24px;border-radius:8px 8px 0 0;border-bottom:4px solid ${brand.accentColor}">${header}</td></tr>
<tr><td style="padding:24px">
${paragraph(content.greeting)}
${content.paragraphs.map(paragraph).join("\n")}
${content.action ? actionHtml(brand, content.action, onPrimary) : ""}
${content.afterword.map(paragraph).join("\n")}
</td></tr>
<tr><td style="padding:16px 24px;border-top:1px solid #e2e8f0;font-size:13px;line-height:1.5;color:#475569">${support ? escapeHtml(support) : escapeHtml(brand.name)}</td></tr>
</table>
</td></tr></table>
</body>
</html>
`;
}
