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
      case "divider":
        break;
      default:
        problems.push(`block ${i}: unexpected type ${String(block.type)}`);
    }
  });
  return problems;
}
