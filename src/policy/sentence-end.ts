// Where a sentence ends, one rule for every place that says the vendor's words (or a reason built
// around them) as a sentence: a refusal held for review, a receipt's request type, the
// acknowledgement's hours, the contacts' duties, a held sender's mail. A full stop is added where
// none ends it, never a second after one, even inside closing quotes.

/**
 * A text the vendor wrote ending as a sentence does: its full stop (or ! ?), then any closing quotes
 * or brackets; what the published page recognizes as a sentence of the vendor's ("(See below.)" is one).
 */
export const SENTENCE_END = /[.!?]["'”’)\]]*$/;

// A sentence we end: a quote closing after its full stop ends it; a bracket does not, as what it
// closes sits inside our sentence ("... report it (our support policy: “... the issue.”).").
const ENDED = /[.!?]["'”’]*$/;

/**
 * The text as a sentence ended: a full stop after one ending with a time ("... 05:00 GMT-6") or a
 * bracket ("(... “report cases”)"), none added to one ended already ("... issue." or quotes closing
 * after its full stop: "... issue.”").
 * @example
 * endedSentence('it opens 05:00 GMT-6') // 'it opens 05:00 GMT-6.'
 * endedSentence('The policy says: “Call us first.”') // unchanged
 */
export function endedSentence(text: string): string {
  return ENDED.test(text) ? text : `${text}.`;
}
