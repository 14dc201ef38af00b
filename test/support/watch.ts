/** What a child process writes, read as it comes: a test waits for a line to appear, never for a while. */
export interface Watched {
  /** Everything written so far. */
  text(): string;
  /** Resolves with the first match of `pattern`, once it is there; fails after `ms`, showing the end of the text. */
  waitFor(pattern: RegExp, ms?: number): Promise<string>;
  /** Resolves once `pattern` has matched `count` times. */
  waitForCount(pattern: RegExp, count: number, ms?: number): Promise<void>;
}

export function watch(stream: NodeJS.ReadableStream): Watched {
  let text = '';
  const waiters: Array<() => void> = [];
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    text += chunk;
    for (const wake of waiters.splice(0)) wake();
  });
  const until = <T>(test: () => T | undefined, what: string, ms: number) =>
    new Promise<T>((resolve, reject) => {
      const deadline = setTimeout(() => reject(new Error(`timed out waiting for ${what}; written so far:\n${text.slice(-2000)}`)), ms);
      const check = () => {
        const found = test();
        if (found === undefined) return void waiters.push(check);
        clearTimeout(deadline);
        resolve(found);
      };
      check();
    });
  return {
    text: () => text,
    waitFor: (pattern, ms = 15_000) => until(() => pattern.exec(text)?.[0], String(pattern), ms),
    waitForCount: (pattern, count, ms = 15_000) => until(() => ((text.match(new RegExp(pattern.source, 'g'))?.length ?? 0) >= count ? true : undefined), `${count}× ${pattern}`, ms).then(() => {}),
  };
}
