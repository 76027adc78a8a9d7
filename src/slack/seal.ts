/**
 * A seal on what the app writes into a modal's private_metadata and reads back on submit: an
 * HMAC-SHA256 tag over the text, so a value the app did not write (a forged destination naming
 * another channel) is refused before it is read.
 *
 * The key is derived from the app's own secret (the signing secret in HTTP mode, the app-level
 * token in Socket Mode) with HKDF-SHA256 and a fixed label, never the secret itself, so the tag
 * says nothing about the secret and a tag made for one purpose fits no other. Every instance
 * with the same secret reads every other's seals; changing the secret only makes a chooser open
 * at that moment ask to be opened again.
 */
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";

/** HKDF's `info`: what the key is for. A new purpose takes a new label. */
const LABEL = "scenario-advisor/private_metadata/v1";
/** A tag: 32 bytes of HMAC-SHA256 as unpadded base64url. */
const TAG_LENGTH = 43;

export class MetadataSeal {
  readonly #key: Buffer;

  /** `secret`: the signing secret (HTTP mode) or the app-level token (Socket Mode). */
  constructor(secret: string) {
    if (secret === "") throw new Error("the private_metadata seal needs a secret");
    this.#key = Buffer.from(hkdfSync("sha256", secret, "", LABEL, 32));
  }

  /** Extra characters seal() adds: its tag and a dot. */
  static readonly OVERHEAD = TAG_LENGTH + 1;

  #tag(text: string): string {
    return createHmac("sha256", this.#key).update(text, "utf8").digest("base64url");
  }

  /** `<tag>.<text>`. */
  seal(text: string): string {
    return `${this.#tag(text)}.${text}`;
  }

  /**
   * The text under a seal this app made, or null: not a string, longer than `max`, no tag, or a
   * tag that does not match (compared in constant time).
   */
  open(sealed: unknown, max: number): string | null {
    if (typeof sealed !== "string" || sealed.length > max) return null;
    if (sealed.length <= TAG_LENGTH || sealed[TAG_LENGTH] !== ".") return null;
    const text = sealed.slice(TAG_LENGTH + 1);
    const given = Buffer.from(sealed.slice(0, TAG_LENGTH), "utf8");
    const expected = Buffer.from(this.#tag(text), "utf8");
    // Both are 43 bytes when the given tag is ASCII; a tag with other characters is not ours.
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    return text;
  }
}
