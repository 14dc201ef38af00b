/** The parameters of a message: named, preformatted strings. */
export type P<K extends string> = Readonly<Record<K, string>>;
