import { describe, expect, it } from "vitest";
import type { MailBrand } from "./branded-message";
import { customerLowBalanceMessage, type LowBalanceFacts, lowBalanceMessage } from "./messages";

const brand: MailBrand = {
  name: "VoiceReseller",
  logoUrl: null,
  primaryColor: "#1d4ed8",
  accentColor: "#f59e0b",
  supportEmail: "help@voicereseller.test",
  supportPhone: null,
};
const facts: LowBalanceFacts = {
  accountName: "Bistro <Group>",
  currency: "EUR",
  balanceMinor: 1999,
  thresholdMinor: 2000,
};
const person = { email: "owner@bistro.test", name: "Ada" };

describe("the low-balance alerts", () => {
  it("tell the account's people their balance and threshold in the wallet's currency, and link to Billing", () => {
    const message = lowBalanceMessage(brand, person, facts, "http://voicereseller.localhost:3000/billing");
    expect(message).toMatchObject({
      to: "owner@bistro.test",
      fromName: "VoiceReseller",
      replyTo: "help@voicereseller.test",
      subject: "Low balance: Bistro <Group> is below €20.00",
      link: "http://voicereseller.localhost:3000/billing",
    });
    expect(message.text).toContain("is now €19.99, below your low-balance alert of €20.00");
    expect(message.html).toContain("Bistro &lt;Group&gt;");
  });

  it("tell the reseller's people which customer, and link to its wallet", () => {
    const link = "http://voicereseller.localhost:3000/accounts/6f1c/wallet";
    const message = customerLowBalanceMessage(brand, person, facts, link);
    expect(message.subject).toBe("Low balance: your customer Bistro <Group> is below €20.00");
    expect(message.text).toContain(`Open the wallet of Bistro <Group>: ${link}`);
  });

  it("go without a link when the side has no portal address", () => {
    const message = lowBalanceMessage(brand, { ...person, name: "" }, facts, null);
    expect(message.link).toBeNull();
    expect(message.text.startsWith("Hello,\n")).toBe(true);
    expect(message.text).not.toMatch(/https?:/);
  });
});
