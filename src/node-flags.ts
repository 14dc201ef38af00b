/**
 * The V8 flags a bot process runs with (`npm start`, and every Discord shard process). The bot's
 * own heap keeps little for long (its caches are bounded), while V8's defaults are made for
 * throughput: a young generation of up to 16 MB semi-spaces and an old generation that grows well
 * ahead of what is live. With 2 MB semi-spaces and optimize-for-size heap growth the bot holds
 * about 60 MB less after thousands of interactions (bench/discord.ts), and its untrusted work runs
 * in sandboxes of their own, with their own flags (src/workers/sandbox.ts).
 *
 * One V8 helper thread instead of Node's four: concurrent marking and compilation still run off
 * the main thread, but each helper thread gets a malloc arena of its own that keeps the compiler's
 * and the marker's freed memory resident, and the bot has little for four of them to do (its
 * count, picture and import work is in the sandboxes). About 9 MB less resident memory when quiet.
 *
 * Cold baseline code flushed like cold bytecode: V8 flushes the bytecode of a function not run for
 * a few collections, but by default never the Sparkplug code made for a function that once ran
 * warm, and that code keeps its bytecode alive. Most of the bot's functions run now and then (a
 * command's reply, a weekly quiz), few run all the time; a flushed one is compiled again when next
 * run, in microseconds. About 2 MB less heap and 3 MB less resident memory when quiet
 * (bench/discord.ts, after the same traffic).
 */
export const BOT_NODE_FLAGS = ['--max-semi-space-size=2', '--optimize-for-size', '--v8-pool-size=1', '--flush-baseline-code'] as const;
