import { describe, expect, it } from "vitest";
import { distinctiveName, identifyingMentions, questionLabel } from "./clarification";

describe("questionLabel", () => {
  it("numbers published questions Q-01, Q-02 … Q-100", () => {
    expect(questionLabel(1)).toBe("Q-01");
    expect(questionLabel(12)).toBe("Q-12");
    expect(questionLabel(100)).toBe("Q-100");
  });
});

describe("distinctiveName", () => {
  it("drops legal forms and punctuation", () => {
    expect(distinctiveName("Contoso Services Ltd.")).toBe("contoso services");
    expect(distinctiveName("Müller & Söhne GmbH")).toBe("muller sohne");
    expect(distinctiveName("Fabrikam, Inc.")).toBe("fabrikam");
  });
});

describe("identifyingMentions", () => {
  const asker = {
    vendorName: "Contoso Services Ltd",
    domain: "contoso.example",
    contactNames: ["Pat Bidder"],
    contactEmails: ["pat@contoso.example"],
  };

  it("finds the company name with or without its legal form, in any case", () => {
    expect(identifyingMentions("Can CONTOSO SERVICES bid for lot 2?", asker)).toEqual(["Contoso Services Ltd"]);
    expect(identifyingMentions("As Contoso Services Ltd. we run 3 sites.", asker)).toEqual(["Contoso Services Ltd"]);
  });

  it("finds the domain, contact names and emails", () => {
    expect(
      identifyingMentions("See contoso.example or write to pat@contoso.example (Pat Bidder).", asker).sort(),
    ).toEqual(["Pat Bidder", "contoso.example", "pat@contoso.example"].sort());
  });

  it("matches whole words only and passes an anonymous question", () => {
    expect(identifyingMentions("Can a bidder subcontract the service desk?", asker)).toEqual([]);
    expect(identifyingMentions("Is Contosoft an approved tool?", asker)).toEqual([]);
  });

  it("ignores names too short to tell from ordinary words", () => {
    expect(identifyingMentions("Is IT support in scope?", { vendorName: "IT AB" })).toEqual([]);
  });
});
