import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { woffToSfnt } from './woff.js';

/**
 * Noto Sans SC (SIL OFL 1.1) from the @fontsource/noto-sans-sc package: its Simplified Chinese subset
 * (about 8,000 characters, GB 2312 and more) as TrueType-flavoured WOFF, unpacked once to TrueType,
 * which pdfkit subsets to the glyphs a document uses. Shipped through the registry: nothing is
 * downloaded when a PDF is made.
 */
export const NOTO_SANS_SC_FILES = {
  regular: '@fontsource/noto-sans-sc/files/noto-sans-sc-chinese-simplified-400-normal.woff',
  bold: '@fontsource/noto-sans-sc/files/noto-sans-sc-chinese-simplified-700-normal.woff',
} as const;

export interface FontFaces {
  regular: Buffer;
  bold: Buffer;
}

let faces: FontFaces | undefined;

/** The regular and bold faces of Noto Sans SC as TrueType, read and unpacked once per process. */
export function notoSansSc(): FontFaces {
  if (!faces) {
    const require = createRequire(import.meta.url);
    const load = (file: string): Buffer => woffToSfnt(readFileSync(require.resolve(file)));
    faces = { regular: load(NOTO_SANS_SC_FILES.regular), bold: load(NOTO_SANS_SC_FILES.bold) };
  }
  return faces;
}
