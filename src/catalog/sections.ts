/** A card body's `## ` sections, in order: "When it fits", "How it works", "How it differs…". */
export interface BodySection {
  heading: string;
  text: string;
}

/** Splits a Markdown body at its `## ` headings; text before the first heading is dropped. */
export function bodySections(body: string): BodySection[] {
  const sections: BodySection[] = [];
  let current: BodySection | undefined;
  for (const line of body.split("\n")) {
    const heading = /^## (.+?)\s*$/.exec(line);
    if (heading?.[1] !== undefined) {
      current = { heading: heading[1], text: "" };
      sections.push(current);
    } else if (current) current.text += `${line}\n`;
  }
  return sections.map((s) => ({ heading: s.heading, text: s.text.trim() }));
}
