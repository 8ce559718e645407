import { describe, expect, it } from "vitest";
import { escapeHtml, type MailBrand, renderHtml, renderText } from "./branded-message";

const brand: MailBrand = {
  name: `<b>Evil & "Co"</b>`,
  logoUrl: "http://brand.localhost:3000/brand-assets/a/logo.png",
  primaryColor: "#1d4ed8",
  accentColor: "#f59e0b",
  supportEmail: "help@brand.test",
  supportPhone: "+14155550100",
};
const content = {
  subject: "Hello <there>",
  greeting: "Hello <script>alert(1)</script>,",
  paragraphs: ["One & two"],
  action: { label: "Go", url: "http://brand.localhost:3000/invitation?token=a&b=c" },
  afterword: ["Bye"],
};

describe("branded messages", () => {
  it("escapes every value placed in HTML", () => {
    const html = renderHtml(brand, content);
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<b>Evil");
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain('href="http://brand.localhost:3000/invitation?token=a&amp;b=c"');
    expect(html).toContain(`alt="${escapeHtml(brand.name)}"`);
  });

  it("shows the brand: logo, colours and support contact", () => {
    const html = renderHtml(brand, content);
    expect(html).toContain(`src="${brand.logoUrl}"`);
    expect(html).toContain("background:#1d4ed8");
    expect(html).toContain("#f59e0b");
    expect(html).toContain("help@brand.test, +14155550100");
  });

  it("writes the plain text with the link on its own line and the support contact", () => {
    const text = renderText(brand, content);
    expect(text).toContain("Go: http://brand.localhost:3000/invitation?token=a&b=c\n");
    expect(text).toContain("help@brand.test, +14155550100");
  });

  it("without an action has no button and no link, in either body", () => {
    const withoutAction = { ...content, action: null };
    const html = renderHtml(brand, withoutAction);
    expect(html).not.toContain("<a ");
    expect(html).not.toContain("Or open this address");
    const text = renderText(brand, withoutAction);
    expect(text).not.toMatch(/https?:/);
    expect(text).toContain("One & two\n\nBye");
  });
});
