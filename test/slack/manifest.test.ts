import { readFileSync } from "node:fs";
import path from "node:path";
import { Ajv } from "ajv";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIOS_DIR } from "../../src/catalog/catalog-settings.js";
import { loadCatalog } from "../../src/catalog/load.js";
import { BOT_SCOPES, EVENTS_PATH, REDIRECT_PATH } from "../../src/slack/app.js";
import { suggestedPrompts } from "../../src/slack/listeners/assistant/thread-started.js";
import { COMMAND } from "../../src/slack/listeners/commands/index.js";
import { FIND_SCENARIO } from "../../src/slack/listeners/shortcuts/find-scenario.js";

const root = path.resolve(import.meta.dirname, "../..");
// biome-ignore lint/suspicious/noExplicitAny: a parsed YAML document, checked against the schema below
const manifest: any = load(readFileSync(path.join(root, "manifest.yml"), "utf8"));
// Slack's published schema, kept in the repository with its licence (see its README).
const SCHEMA_DIR = path.join(root, "test/fixtures/slack");
const schema = JSON.parse(
  readFileSync(path.join(SCHEMA_DIR, "manifest.schema.1.0.0.json"), "utf8"),
);

/**
 * The schema is draft-07 (Ajv's default draft) with three keywords of Slack's own: `regex`
 * (a pattern, on display_information.background_color), and the annotations `requires` and
 * `_note`. Declaring them keeps Ajv strict about everything else.
 */
function slackSchemaValidator() {
  // strictTypes off: the schema itself puts minItems on untyped `items` (third_party_auth).
  const ajv = new Ajv({ allErrors: true, strictTypes: false });
  ajv.addKeyword({
    keyword: "regex",
    type: "string",
    schemaType: "string",
    validate: (pattern: string, data: string) => new RegExp(pattern).test(data),
  });
  ajv.addKeyword({ keyword: "requires" });
  ajv.addKeyword({ keyword: "_note" });
  ajv.addFormat("uri", (value: string) => URL.canParse(value));
  return ajv.compile(schema);
}

describe("manifest.yml", () => {
  it("is checked against the schema copy in the repository, with its licence", () => {
    expect(readFileSync(path.join(SCHEMA_DIR, "LICENSE.manifest-schema"), "utf8")).toMatch(
      /MIT License[\s\S]*Slack Technologies/,
    );
  });

  it("is valid against Slack's manifest schema", () => {
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    const validate = slackSchemaValidator();
    expect(validate(manifest), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it("the validator catches a broken manifest", () => {
    const validate = slackSchemaValidator();
    const broken = structuredClone(manifest);
    broken.display_information.background_color = "teal";
    broken.features.slash_commands[0].command = "scenario";
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toEqual(
      expect.arrayContaining([
        "/display_information/background_color",
        "/features/slash_commands/0/command",
      ]),
    );
  });

  it("declares the bot user and the /scenario command the app listens to", () => {
    expect(manifest.features.bot_user.display_name).toBeTruthy();
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual([
      COMMAND,
    ]);
  });

  it("declares the message shortcut the app listens to", () => {
    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({ type: "message", callback_id: FIND_SCENARIO }),
    ]);
  });

  it("subscribes to exactly the events the app handles", () => {
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual([
      "app_home_opened",
      "app_mention",
      "app_uninstalled",
      "assistant_thread_context_changed",
      "assistant_thread_started",
      "message.im",
      "tokens_revoked",
    ]);
  });

  it("asks for the needed scopes and nothing else", () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([
      "app_mentions:read",
      "assistant:write",
      "chat:write",
      "commands",
      "im:history",
    ]);
    // The OAuth installer asks for the same.
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES]);
    expect(manifest.oauth_config.scopes.user).toBeUndefined();
  });

  it("sends the OAuth installer back to the path the app serves", () => {
    const urls = manifest.oauth_config.redirect_urls as string[];
    expect(urls.map((url) => new URL(url).pathname)).toEqual([REDIRECT_PATH]);
  });

  it("turns on the Home tab, a writable Messages tab, interactivity and Socket Mode", () => {
    expect(manifest.features.app_home).toEqual({
      home_tab_enabled: true,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });

  it("declares the assistant panel, with a description and suggested prompts", () => {
    const view = manifest.features.assistant_view;
    expect(view.assistant_description).toMatch(/architecture scenario/);
    expect(view.suggested_prompts.length).toBeGreaterThan(0);
    expect(view.suggested_prompts.length).toBeLessThanOrEqual(4);
    // The prompts a new thread gets from the catalog; the manifest's are Slack's defaults.
    expect(view.suggested_prompts).toEqual(suggestedPrompts(loadCatalog(DEFAULT_SCENARIOS_DIR)));
  });

  it("points every HTTP-mode request URL at the one endpoint Bolt serves", () => {
    const urls = [
      manifest.settings.event_subscriptions.request_url,
      manifest.settings.interactivity.request_url,
      ...manifest.features.slash_commands.map((c: { url: string }) => c.url),
    ];
    for (const url of urls) expect(new URL(url).pathname).toBe(EVENTS_PATH);
  });
});
