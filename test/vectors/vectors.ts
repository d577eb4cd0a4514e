/** Typed access to signatures.json (written by generate.py, independently of the code under test). */
import data from "./signatures.json";

export interface Inputs {
  readonly name: string;
  readonly source: string;
  readonly size: string;
  readonly method: string;
  readonly ext: string;
  readonly secret: string;
  readonly legacy: boolean;
}

export interface ValidVector extends Inputs {
  readonly baseUrl: string;
  /** The exact string that is MACed. */
  readonly message: string;
  readonly signature: string;
  /** The URL after the base: what the server parses. */
  readonly path: string;
  readonly url: string;
}

export type Field = "source" | "size" | "method" | "ext";

export interface InvalidVector extends Inputs {
  /** The one input the server rejects; the others are valid. */
  readonly field: Field;
}

export const valid: readonly ValidVector[] = data.valid;
export const invalid: readonly InvalidVector[] = data.invalid as InvalidVector[];
