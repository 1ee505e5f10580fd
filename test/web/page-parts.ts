// The parts of a rendered page the web tests read, one definition for all of them.

/** The page's <main> element (what the page says, without the header and navigation), or '' when none. */
export const main = (html: string): string => /<main[\s\S]*<\/main>/.exec(html)?.[0] ?? '';

/** The error box the page shows for the form `form` (ids end in -error), or '' when none. */
export const errorBox = (html: string, form: string): string =>
  new RegExp(`<div class="flash error" role="alert" id="${form}-error">[\\s\\S]*?</div>`).exec(html)?.[0] ?? '';
