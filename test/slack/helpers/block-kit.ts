/**
 * Checks Block Kit's published limits on rendered blocks, independently of the renderer's own
 * constants, so a renderer bug cannot hide behind a shared number.
 */
type Json = Record<string, unknown>;

const MAX = {
  sectionText: 3000,
  field: 2000,
  fields: 10,
  header: 150,
  buttonText: 75,
  buttonValue: 2000,
  url: 3000,
  actionId: 255,
  contextElements: 10,
  actionsElements: 25,
  label: 2000,
  blockId: 255,
  optionText: 75,
  optionValue: 150,
  radioOptions: 10,
  selectOptions: 100,
  textInput: 3000,
  viewTitle: 24,
  viewButton: 24,
  privateMetadata: 3000,
  callbackId: 255,
};

function textOf(obj: unknown): string {
  return typeof obj === "object" && obj !== null ? String((obj as Json).text ?? "") : "";
}

/** Every broken limit, as readable strings; empty when the blocks are valid. */
export function blockKitProblems(blocks: readonly unknown[], maxBlocks: number): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  /** Non-blank and at most `max` characters. */
  const checkText = (text: string, max: number, what: string) =>
    check(text.trim().length >= 1 && text.length <= max, `${what} of ${text.length} chars`);
  const checkCount = (items: readonly unknown[], max: number, what: string) =>
    check(items.length >= 1 && items.length <= max, `${items.length} ${what} (max ${max})`);

  checkCount(blocks, maxBlocks, "blocks");
  const actionIds = new Set<string>();
  blocks.forEach((raw, i) => {
    const block = raw as Json;
    switch (block.type) {
      case "header":
        checkText(textOf(block.text), MAX.header, `block ${i}: header`);
        check((block.text as Json).type === "plain_text", `block ${i}: header not plain_text`);
        break;
      case "section": {
        const fields = (block.fields as unknown[] | undefined) ?? [];
        if (block.text !== undefined) {
          checkText(textOf(block.text), MAX.sectionText, `block ${i}: section text`);
        } else {
          checkCount(fields, MAX.fields, `fields in block ${i}`);
        }
        for (const field of fields) checkText(textOf(field), MAX.field, `block ${i}: field`);
        break;
      }
      case "context": {
        const elements = block.elements as unknown[];
        checkCount(elements, MAX.contextElements, `elements in context block ${i}`);
        for (const el of elements) checkText(textOf(el), MAX.sectionText, `block ${i}: context`);
        break;
      }
      case "actions": {
        const elements = block.elements as Json[];
        checkCount(elements, MAX.actionsElements, `elements in actions block ${i}`);
        for (const el of elements) {
          checkText(textOf(el.text), MAX.buttonText, `block ${i}: button text`);
          const id = String(el.action_id ?? "");
          checkText(id, MAX.actionId, `block ${i}: action_id`);
          check(!actionIds.has(id), `block ${i}: duplicate action_id ${id}`);
          actionIds.add(id);
          if (el.value !== undefined) {
            check(String(el.value).length <= MAX.buttonValue, `block ${i}: button value too long`);
          }
          if (el.url !== undefined)
            check(String(el.url).length <= MAX.url, `block ${i}: url too long`);
        }
        break;
      }
      case "input": {
        const label = block.label as Json;
        checkText(textOf(label), MAX.label, `block ${i}: input label`);
        check(label.type === "plain_text", `block ${i}: input label not plain_text`);
        if (block.block_id !== undefined) {
          checkText(String(block.block_id), MAX.blockId, `block ${i}: block_id`);
        }
        const element = block.element as Json;
        checkText(String(element.action_id ?? ""), MAX.actionId, `block ${i}: action_id`);
        const options = (element.options as Json[] | undefined) ?? [];
        switch (element.type) {
          case "radio_buttons":
            checkCount(options, MAX.radioOptions, `options in block ${i}`);
            break;
          case "static_select":
            checkCount(options, MAX.selectOptions, `options in block ${i}`);
            break;
          case "plain_text_input": {
            const max = element.max_length;
            check(max === undefined || Number(max) <= MAX.textInput, `block ${i}: max_length`);
            break;
          }
          default:
            problems.push(`block ${i}: unexpected input element ${String(element.type)}`);
        }
        const values = new Set<string>();
        for (const option of options) {
          checkText(textOf(option.text), MAX.optionText, `block ${i}: option text`);
          const value = String(option.value ?? "");
          checkText(value, MAX.optionValue, `block ${i}: option value`);
          check(!values.has(value), `block ${i}: duplicate option value ${value}`);
          values.add(value);
        }
        break;
      }
      case "divider":
        break;
      default:
        problems.push(`block ${i}: unexpected type ${String(block.type)}`);
    }
  });
  return problems;
}

/** Every broken limit of a modal: its title, buttons, metadata and callback id, and its blocks. */
export function modalProblems(view: Record<string, unknown>): string[] {
  const problems = blockKitProblems(view.blocks as unknown[], 100);
  const check = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  check(view.type === "modal", `type ${String(view.type)}`);
  for (const key of ["title", "submit", "close"] as const) {
    if (view[key] === undefined && key !== "title") continue;
    const text = textOf(view[key]);
    const max = key === "title" ? MAX.viewTitle : MAX.viewButton;
    check(text.trim().length >= 1 && text.length <= max, `${key} of ${text.length} chars`);
  }
  const hasInput = (view.blocks as Json[]).some((b) => b.type === "input");
  check(!hasInput || view.submit !== undefined, "inputs without a submit button");
  check(String(view.private_metadata ?? "").length <= MAX.privateMetadata, "private_metadata");
  check(String(view.callback_id ?? "").length <= MAX.callbackId, "callback_id");
  return problems;
}
