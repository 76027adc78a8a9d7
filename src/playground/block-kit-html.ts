/**
 * Block Kit as HTML, for the playground: the block types and elements this app sends (header,
 * section with text, fields and an accessory, context, actions, divider, input) and their
 * elements (buttons, selects, radio buttons, text inputs), drawn as Slack draws them. Every
 * string is escaped here; mrkdwn goes through slack-markdown, which escapes too. The blocks
 * are treated as untrusted: anything unknown shows as a note, never as markup.
 */
import { toHTML } from "slack-markdown";

type Json = Record<string, unknown>;

const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text as HTML text or attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** The user the playground clicks and asks as; shown as "you" in mrkdwn mentions. */
export const PLAYGROUND_USER = "U0PLAYGROUND";

/**
 * slack-markdown escapes its input as if it were plain text, but mrkdwn carries Slack's own
 * three entities (`&amp;`, `&lt;`, `&gt;`), which Slack shows as the characters: their escaped
 * form is turned back into the entity (never into markup).
 */
function slackEntities(html: string): string {
  return html.replace(/&amp;(lt|gt|amp);/g, "&$1;");
}

const SLACK_CALLBACKS = {
  user: ({ id }: { id: string }) => (id === PLAYGROUND_USER ? "@you" : "@someone"),
  channel: ({ name }: { name: string }) => `#${escapeHtml(name || "channel")}`,
  usergroup: ({ name }: { name: string }) => `@${escapeHtml(name || "group")}`,
  atHere: () => "@here",
  atChannel: () => "@channel",
  atEveryone: () => "@everyone",
  date: ({ fallback }: { fallback: string }) => escapeHtml(fallback),
};

/** Slack mrkdwn as HTML: bold, italics, code, quotes, links, mentions and emoji. */
export function mrkdwnHtml(text: string): string {
  const html = toHTML(text, {
    hrefTarget: "_blank",
    slackCallbacks: SLACK_CALLBACKS,
    noExtraEmojiSpanTags: true,
  });
  return slackEntities(html).replace(
    / target="_blank"/g,
    ' target="_blank" rel="noopener noreferrer"',
  );
}

/** plain_text as HTML: nothing parsed but emoji names (when `emoji` is on, as Slack does). */
export function plainHtml(text: string, emoji = true): string {
  if (!emoji) return escapeHtml(text);
  // Escaped first, so that only emoji names are read (no links, no mentions).
  const escaped = text.replace(/[&<>]/g, (c) => ESCAPES[c] ?? c);
  return slackEntities(toHTML(escaped, { slackOnly: true, noExtraEmojiSpanTags: true }));
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(value: unknown): string {
  return typeof value === "string" ? value : "";
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A text object (plain_text or mrkdwn) as HTML. */
function textHtml(text: unknown): string {
  if (!isObject(text)) return "";
  if (text.type === "mrkdwn") return mrkdwnHtml(str(text.text));
  return plainHtml(str(text.text), text.emoji !== false);
}

/** Only web links open; anything else (javascript:, data:) is shown as text. */
function safeUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
  } catch {
    return null;
  }
}

const attr = (name: string, value: string) => ` ${name}="${escapeHtml(value)}"`;

/** What a clicked or changed element sends back: its block, action_id and value. */
function actionAttrs(element: Json, blockId: string): string {
  return (
    attr("data-action-id", str(element.action_id)) +
    attr("data-block-id", blockId) +
    (typeof element.value === "string" ? attr("data-value", element.value) : "")
  );
}

function unsupported(what: string): string {
  return `<span class="sk-unsupported">[${escapeHtml(what)} is not drawn here]</span>`;
}

function buttonHtml(element: Json, blockId: string): string {
  const style = element.style === "primary" || element.style === "danger" ? element.style : "";
  const className = `sk-button${style ? ` sk-${style}` : ""}`;
  const label = textHtml(element.text);
  if (typeof element.url === "string") {
    const url = safeUrl(element.url);
    if (url === null) return `<span class="${className} sk-disabled">${label}</span>`;
    return `<a class="${className}" href="${escapeHtml(url)}" target="_blank" rel="noopener noreferrer"${actionAttrs(element, blockId)}>${label}</a>`;
  }
  return `<button type="button" class="${className}"${actionAttrs(element, blockId)}>${label}</button>`;
}

function optionHtml(option: unknown, selected: unknown): string {
  if (!isObject(option)) return "";
  const value = str(option.value);
  const isSelected = isObject(selected) && selected.value === value;
  return `<option${attr("value", value)}${isSelected ? " selected" : ""}>${escapeHtml(str(isObject(option.text) ? option.text.text : ""))}</option>`;
}

function optionsOf(element: Json): unknown[] {
  const groups = list(element.option_groups).flatMap((g) => (isObject(g) ? list(g.options) : []));
  return [...list(element.options), ...groups];
}

/** A select (or overflow menu) in an actions block or an accessory: choosing sends the value. */
function selectHtml(element: Json, blockId: string, label: string): string {
  const placeholder = isObject(element.placeholder) ? str(element.placeholder.text) : "";
  const name = label || placeholder || "Choose";
  return (
    `<select class="sk-select"${attr("aria-label", name)}${attr("data-action-id", str(element.action_id))}${attr("data-block-id", blockId)}>` +
    `<option value="">${escapeHtml(placeholder || "Choose…")}</option>` +
    optionsOf(element)
      .map((o) => optionHtml(o, element.initial_option))
      .join("") +
    "</select>"
  );
}

/** An interactive element of an actions block or a section's accessory. */
function elementHtml(element: unknown, blockId: string, label = ""): string {
  if (!isObject(element)) return "";
  switch (element.type) {
    case "button":
      return buttonHtml(element, blockId);
    case "static_select":
    case "overflow":
      return selectHtml(element, blockId, label);
    case "image":
      return `<span class="sk-image">${escapeHtml(str(element.alt_text) || "image")}</span>`;
    default:
      return unsupported(`element ${str(element.type) || "of no type"}`);
  }
}

let inputCounter = 0;

/** An input block (a modal's): its label, then the element, with a slot for its error. */
function inputHtml(block: Json, blockId: string): string {
  const element = isObject(block.element) ? block.element : {};
  const label = textHtml(block.label);
  const optional = block.optional === true ? ' <span class="sk-optional">(optional)</span>' : "";
  const id = `sk-input-${++inputCounter}`;
  const errorId = `${id}-error`;
  const error = `<p class="sk-error" id="${errorId}" role="alert" hidden></p>`;
  const names =
    attr("data-block-id", blockId) +
    attr("data-action-id", str(element.action_id)) +
    attr("data-type", str(element.type)) +
    attr("aria-describedby", errorId);
  switch (element.type) {
    case "radio_buttons":
    case "checkboxes": {
      const type = element.type === "radio_buttons" ? "radio" : "checkbox";
      const options = optionsOf(element).flatMap((option, i) => {
        if (!isObject(option)) return [];
        const optionId = `${id}-${i}`;
        return [
          `<div class="sk-choice"><input type="${type}" id="${optionId}"${attr("name", id)}${attr("value", str(option.value))}>` +
            `<label for="${optionId}">${textHtml(option.text)}</label></div>`,
        ];
      });
      return `<fieldset class="sk-input"${names}><legend>${label}${optional}</legend>${options.join("")}${error}</fieldset>`;
    }
    case "plain_text_input": {
      const placeholder = isObject(element.placeholder) ? str(element.placeholder.text) : "";
      const max =
        typeof element.max_length === "number" ? attr("maxlength", String(element.max_length)) : "";
      const common = `id="${id}"${names}${attr("placeholder", placeholder)}${max}`;
      const field =
        element.multiline === true
          ? `<textarea ${common} rows="3"></textarea>`
          : `<input type="text" ${common}>`;
      return `<div class="sk-input"><label for="${id}">${label}${optional}</label>${field}${error}</div>`;
    }
    case "static_select":
      return `<div class="sk-input"><label for="${id}">${label}${optional}</label><select id="${id}"${names}><option value="">Choose…</option>${optionsOf(
        element,
      )
        .map((o) => optionHtml(o, element.initial_option))
        .join("")}</select>${error}</div>`;
    default:
      return `<div class="sk-input">${label}${unsupported(`input ${str(element.type)}`)}</div>`;
  }
}

/** One block as HTML. */
export function blockHtml(raw: unknown, index: number): string {
  if (!isObject(raw)) return unsupported("a block that is not an object");
  const blockId = str(raw.block_id) || `b${index}`;
  switch (raw.type) {
    case "header":
      return `<h3 class="sk-header">${textHtml(raw.text)}</h3>`;
    case "section": {
      const text = raw.text === undefined ? "" : `<div class="sk-text">${textHtml(raw.text)}</div>`;
      const fields = list(raw.fields);
      const grid =
        fields.length > 0
          ? `<div class="sk-fields">${fields.map((f) => `<div class="sk-field">${textHtml(f)}</div>`).join("")}</div>`
          : "";
      const accessory =
        raw.accessory === undefined
          ? ""
          : `<div class="sk-accessory">${elementHtml(raw.accessory, blockId, isObject(raw.text) ? str(raw.text.text) : "")}</div>`;
      return `<div class="sk-section"><div class="sk-main">${text}${grid}</div>${accessory}</div>`;
    }
    case "context":
      return `<div class="sk-context">${list(raw.elements)
        .map((e) =>
          isObject(e) && e.type === "image"
            ? `<span class="sk-image">${escapeHtml(str(e.alt_text))}</span>`
            : `<span>${textHtml(e)}</span>`,
        )
        .join(" ")}</div>`;
    case "actions":
      return `<div class="sk-actions" role="group">${list(raw.elements)
        .map((e) => elementHtml(e, blockId))
        .join("")}</div>`;
    case "divider":
      return '<hr class="sk-divider">';
    case "input":
      return inputHtml(raw, blockId);
    default:
      return unsupported(`block ${str(raw.type) || "of no type"}`);
  }
}

/** A message's (or a view's) blocks as HTML. */
export function blocksHtml(blocks: unknown): string {
  return list(blocks).map(blockHtml).join("");
}
