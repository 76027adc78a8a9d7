/** Where a question came from: the word the records, the report and the database use. */
export const SURFACES = ["command", "mention", "dm", "cli"] as const;
export type Surface = (typeof SURFACES)[number];
