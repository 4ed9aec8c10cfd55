/**
 * Compatibility suite: a smoke set of the end-to-end cases in a real n8n of each version users
 * run (N8N_COMPAT_VERSIONS, default 1.123.81, 2.0.3 and the reference 2.41.1), one version at a
 * time. Run with `npm run test:compat` (installs each n8n into a cache outside the repo first).
 * @type {import('jest').Config}
 */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test/compat'],
	testMatch: ['**/*.compat.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.test.json' }],
	},
	globalSetup: '<rootDir>/test/compat/support/globalSetup.ts',
	testTimeout: 10 * 60 * 1000,
	maxWorkers: 1,
};
