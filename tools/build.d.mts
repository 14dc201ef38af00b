/** Types of tools/build.mjs (plain JavaScript: it runs before anything is compiled). */
export interface SourceState {
  readonly sources: number;
  readonly names: string;
}
export declare function sourceState(root?: string): SourceState;
export declare function isCurrent(root?: string): boolean;
export declare function writeStamp(state: SourceState, root?: string): void;
export declare function build(): number;
