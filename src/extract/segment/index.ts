/** Splits a normalised document into plans, dropping page noise and repeats, and finds each plan's outline. */
import type { NormalizedText } from "../normalize.js";
import type { Segmentation } from "../draft.js";

// Placeholder until the segmenter lands: the whole text is one plan, its year the first "20xx年" named.
export function segmentDocument(norm: NormalizedText): Segmentation {
  const year = /(20\d\d)年/.exec(norm.text);
  return {
    plans: [
      {
        start: 0,
        end: norm.text.length,
        title: null,
        issuer: null,
        year: year ? Number(year[1]) : null,
        sections: [],
      },
    ],
    dropped: [],
  };
}
