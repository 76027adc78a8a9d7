import { describe, expect, it } from "vitest";
import { normalizeSlackText } from "../../src/text/slack.js";

describe("normalizeSlackText", () => {
  it.each([
    ["user mention", "<@U0LAN0Z89> mobile app", "mobile app"],
    ["user mention with name", "<@U0LAN0Z89|alice> mobile app", "mobile app"],
    ["channel mention", "see <#C024BE7LR|platform-oncall> please", "see please"],
    ["here", "<!here> spa question", "spa question"],
    ["channel", "<!channel> spa question", "spa question"],
    ["subteam", "<!subteam^SAZ94GDB8|@security> spa", "spa"],
    ["link with label", "see <https://example.com/docs|our api docs>", "see our api docs"],
    ["bare link", "see <https://example.com/x>", "see https://example.com/x"],
    ["entities", "B2B &amp; B2E &lt;both&gt;", "b2b & b2e <both>"],
    ["emoji", "help :thinking_face: with SSO :+1::skin-tone-2:", "help with sso"],
    ["accents (composed)", "Équipe Café Résumé", "equipe cafe resume"],
    ["control characters", "mobile\u0000app\u0007 \u200bapi", "mobile app api"],
    ["whitespace", "  spa \n\t api  ", "spa api"],
  ])("%s", (_name, input, expected) => {
    expect(normalizeSlackText(input)).toBe(expected);
  });

  it("keeps times that look like emoji codes", () => {
    expect(normalizeSlackText("tacos at 12:30?")).toBe("tacos at 12:30?");
  });

  it("does not treat an escaped mention typed by the user as markup", () => {
    // Slack escapes a literal "<!channel>" typed as text; decoding comes after mention removal.
    expect(normalizeSlackText("&lt;!channel&gt; hi")).toBe("<!channel> hi");
  });

  it("handles empty text", () => {
    expect(normalizeSlackText("")).toBe("");
    expect(normalizeSlackText("<@U1> <!here> :wave:")).toBe("");
  });
});
