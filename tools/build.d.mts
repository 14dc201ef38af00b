/** Types of tools/build.mjs (plain JavaScript: it runs before anything is compiled). */
export declare function newestSource(root?: string): number;
export declare function isCurrent(root?: string): boolean;
export declare function writeStamp(sources: number, root?: string): void;
export declare function build(): number;
