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
 */
export const BOT_NODE_FLAGS = ['--max-semi-space-size=2', '--optimize-for-size', '--v8-pool-size=1'] as const;
