/** subset-font ships no types; the one call the font tool makes. */
declare module 'subset-font' {
  export default function subsetFont(font: Buffer, text: string, options?: { readonly targetFormat?: 'truetype' | 'sfnt' | 'woff' | 'woff2' }): Promise<Buffer>;
}
