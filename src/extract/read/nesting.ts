/**
 * A bound on element nesting for the HTML and XML readers. htmlparser2 keeps its open elements in an
 * array it shifts and unshifts, so each level costs as much as the depth so far: 100,000 nested <div>s
 * (1 MB) took half a minute, 400,000 more than five. No real document nests more than a few hundred
 * levels, so past the bound the reader stops and names the file as broken instead of hanging.
 */
import type { Handler } from "htmlparser2";
import { DocumentError } from "./errors.js";

export const MAX_NESTING = 2_000;

/** `handler` with its open/close callbacks counted; `tooDeep` is thrown when nesting passes `limit`. */
export function nestingGuard<H extends Partial<Handler>>(
  handler: H,
  tooDeep: () => Error,
  limit = MAX_NESTING,
): H {
  let depth = 0;
  return {
    ...handler,
    onopentag(name: string, attribs: Record<string, string>, isImplied: boolean) {
      if (++depth > limit) throw tooDeep();
      handler.onopentag?.(name, attribs, isImplied);
    },
    onclosetag(name: string, isImplied: boolean) {
      depth--;
      handler.onclosetag?.(name, isImplied);
    },
  };
}

/** The error a reader throws past the bound. */
export const tooDeep = (code: "corrupt_html" | "corrupt_docx") => () =>
  new DocumentError(code, `elements nested deeper than ${MAX_NESTING} levels`);
