/** The parameters of a message: named, preformatted strings. */
export type P<K extends string> = Readonly<Record<K, string>>;

/** A number as Python code writes it, without thousands separators (`hidden_size=6144`, never `6,144`). */
export const py = (n: string): string => n.replace(/,/g, '');
