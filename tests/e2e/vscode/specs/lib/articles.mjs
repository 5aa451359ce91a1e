// The fixture articles under tests/e2e/fixtures and what copydesk should say about them. Lines and
// columns are computed from the text (1-based, in UTF-16 code units like VS Code's status bar), so
// the articles can be edited without touching the specs.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';

function fixture(name) {
  const dir = process.env.COPYDESK_E2E_FIXTURES;
  if (!dir) {
    throw new Error('COPYDESK_E2E_FIXTURES is not set: run these specs through tests/e2e/vscode/run.sh');
  }
  return readFileSync(join(dir, name), 'utf8');
}

/** The 1-based line and column of the `nth` (0-based) occurrence of `needle`, plus `offset` characters. */
export function locate(text, needle, { nth = 0, offset = 0 } = {}) {
  let index = -1;
  for (let i = 0; i <= nth; i++) {
    index = text.indexOf(needle, index + 1);
    if (index < 0) {
      throw new Error(`fixture has no occurrence #${nth} of ${JSON.stringify(needle)}`);
    }
  }
  index += offset;
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  const column = index - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}

function article(spec) {
  const text = fixture(spec.file);
  const at = (needle, options) => locate(text, needle, options);
  return {
    ...spec,
    text,
    /** The quote with no speaker: the line it starts on. */
    unattributed: at(spec.unattributedQuote),
    /** The mention spelled the other way (the one the quick fix rewrites). */
    variant: at(spec.variantMention),
    /** A bare surname (or title + surname) to hover and to go to definition from: inside the word. */
    surname: at(spec.surnameNeedle, { offset: spec.surnameOffset + 2 }),
    /** Where go to definition lands: the start of the full-name mention. */
    definition: at(spec.fullName),
  };
}

/** French: a plain-text article, Prigojine spelled once as Prigozhin. */
export const french = () =>
  article({
    lang: 'fr',
    file: 'prigojine-munitions.fr.txt',
    unattributedQuote: '«\u00a0La situation sur le flanc nord',
    variantMention: 'Prigozhin',
    // The quick fix for the variant: the article's language convention wins (Prigojine in French).
    fixTitle: /^Replace with\W+Prigojine\W*$/,
    fixedText: (text) => text.replace('Prigozhin', 'Prigojine'),
    surnameNeedle: 'M.\u00a0Prigojine',
    surnameOffset: 3,
    fullName: 'Evgueni Prigojine',
    hoverMust: ['Evgueni Prigojine', 'Prigozhin'],
    // Typed at the start of the unattributed quote's line: a speaker and a reporting cue.
    attribution: 'M. Prigojine a ajouté : ',
  });

/** English: a Markdown article, Zelensky spelled once as Zelenskyy. */
export const english = () =>
  article({
    lang: 'en',
    file: 'zelensky-ceasefire.en.md',
    unattributedQuote: '“We will not trade territory',
    variantMention: 'Zelenskyy',
    fixTitle: /^Replace with\W+Zelensky\W*$/,
    fixedText: (text) => text.replace('Zelenskyy', 'Zelensky'),
    surnameNeedle: 'Mr. Zelensky',
    surnameOffset: 4,
    fullName: 'Volodymyr Zelensky',
    hoverMust: ['Volodymyr Zelensky', 'Zelenskyy'],
    attribution: 'Mr. Zelensky added: ',
  });

/** A French article whose « is never closed: the `unbalanced-quote` finding. */
export const unbalanced = () => {
  const file = 'greve-guillemet.fr.txt';
  const text = fixture(file);
  return { file, text, open: locate(text, '«\u00a0Nous invitons') };
};
