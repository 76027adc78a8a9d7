/** Input lines, read in chunks, for `ask` in batch mode. */

export interface Line {
  /** The line without its `\n` (nor the `\r` of a `\r\n`), at most `max` characters of it. */
  text: string;
  /** The line was longer than `max`: the rest was read past, never held. */
  cut: boolean;
}

/**
 * The lines of a text stream, each cut to `max` characters: a line of any length costs at most
 * `max` characters of memory. Only `\n` ends a line: a bare `\r` inside one does not split it
 * (readline would make it two questions).
 */
export async function* cutLines(
  chunks: AsyncIterable<string> | Iterable<string>,
  max: number,
): AsyncGenerator<Line> {
  let text = "";
  let cut = false;
  for await (const chunk of chunks) {
    let from = 0;
    while (from <= chunk.length) {
      const newline = chunk.indexOf("\n", from);
      const to = newline === -1 ? chunk.length : newline;
      if (!cut) {
        const room = max - text.length;
        text += chunk.slice(from, from + Math.min(room, to - from));
        cut = to - from > room;
      }
      if (newline === -1) break;
      yield line(text, cut);
      text = "";
      cut = false;
      from = newline + 1;
    }
  }
  if (text !== "" || cut) yield line(text, cut);
}

function line(text: string, cut: boolean): Line {
  return { text: !cut && text.endsWith("\r") ? text.slice(0, -1) : text, cut };
}
