import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.ts'],
		env: { LOG_LEVEL: 'silent' },
		testTimeout: 15_000,
		hookTimeout: 15_000,
		// End-to-end files each start their own local Discord on port 0.
		fileParallelism: true,
	},
});
