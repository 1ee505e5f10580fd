// The one function of html-to-text that Accord calls (the package ships no types): parse-message.ts.
declare module 'html-to-text' {
  type Selector = { selector: string; format?: string; options?: Record<string, unknown> };
  export function htmlToText(html: string, options?: { limits?: { maxDepth?: number }; selectors?: Selector[]; wordwrap?: number | false }): string;
}
